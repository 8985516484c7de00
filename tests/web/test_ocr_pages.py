"""A photographed reply uploaded from the web is read by OCR, and its page says it is
machine-read, with the confidence; a photograph of a scene uploaded as a photo is not."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests import scans
from tests.web.conftest import csrf_of, sign_in
from tests.web.test_upload import _finished


def _upload(client: TestClient, name: str, data: bytes, kind: str) -> None:
    csrf = csrf_of(client, "/upload")
    sent = client.post("/upload", data={"csrf": csrf, "kind": kind},
                       files=[("files", (name, data, "image/jpeg"))], follow_redirects=False)
    assert sent.status_code == 303
    assert "1 new" in _finished(client, sent.headers["location"])


def test_an_uploaded_photographed_reply_is_machine_read(client: TestClient) -> None:
    sign_in(client, "ana")
    letter = scans.jpeg(scans.page(scans.LETTERS["rus"], seed=21))
    _upload(client, "reply-page-1.jpg", letter, "inquiry_reply")
    _upload(client, "checkpoint.jpg", scans.jpeg(scans.page(scans.LETTERS["eng"])), "photo")
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    by_name = {s.original_name: s for s in ledger.store.list_sources()}
    page = client.get(f"/sources/{by_name['reply-page-1.jpg'].id}").text
    note = re.search(r'<p class="note ocr"[^>]*>(.*?)</p>', page, re.DOTALL)
    assert note, page
    assert "Machine-read." in note.group(1) and "mean confidence" in note.group(1)
    assert "Министерства здравоохранения" in page
    scene = client.get(f"/sources/{by_name['checkpoint.jpg'].id}").text
    assert 'class="note ocr"' not in scene and "Ministry of Health" not in scene
    api = client.get(f"/api/sources/{by_name['reply-page-1.jpg'].id}")
    assert api.status_code == 200, api.text
    assert api.json()["reader"] == "image.v1+ocr.v1"
