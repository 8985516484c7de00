"""Upload over HTTP on both engines: files ingested in the background with progress, one
plain line per failed file, custody entries in the uploader's name, nothing left behind."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in

GOOD = "Shushi was shelled on 8 October 2020, the ombudsman said; the cathedral was hit.\n"


def _finished(client: TestClient, location: str) -> str:
    for _ in range(300):
        page = client.get(location).text
        if "finished" in page.split("</h1>")[0]:
            return page
        time.sleep(0.1)
    raise AssertionError("the upload did not finish in 30 s")


def test_an_upload_is_ingested_with_one_line_per_failure(client: TestClient) -> None:
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    files = [("files", ("inbox/../../evil/shushi.txt", GOOD.encode(), "text/plain")),
             ("files", ("inbox/broken.pdf", b"%PDF-1.4 half a file", "application/pdf"))]
    sent = client.post("/upload", data={"csrf": csrf, "kind": "article",
                                        "publisher": "Highland Post"}, files=files,
                       follow_redirects=False)
    assert sent.status_code == 303
    page = _finished(client, sent.headers["location"])
    assert "2 of 2 file(s): 1 new, 0 already in the ledger, 1 not ingested" in page
    assert "<strong>inbox/broken.pdf</strong>:" in page and "PDF" in page.split("broken.pdf")[1]
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    assert list((ledger.path / "tmp").glob("upload-*")) == []
    assert not (ledger.path.parent / "evil").exists()
    ingested = [e for e in ledger.store.custody() if e.action == "ingest"]
    assert ingested[-1].actor == "ana"
    assert any(s.publisher == "Highland Post" for s in ledger.store.list_sources())


def test_a_viewer_cannot_upload(client: TestClient) -> None:
    sign_in(client, "vic")
    assert client.get("/upload").status_code == 403
