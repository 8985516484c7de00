"""Capturing a link from the web UI: the upload page's form, the source page's capture
section with its screenshot; a bad address is a 400 naming the field, a viewer may not."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.pages import serve
from tests.web.conftest import csrf_of, sign_in


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


def test_an_analyst_captures_a_link_and_sees_its_source_page(client: TestClient,
                                                              site: str) -> None:
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    sent = client.post("/capture", data={"csrf": csrf, "url": f"{site}/old-address"},
                       follow_redirects=False)
    assert sent.status_code == 303, sent.text
    page = client.get(sent.headers["location"]).text
    section = re.search(r'<section class="capture" id="capture">(.*?)</section>', page,
                        re.DOTALL)
    assert section, page
    assert f"{site}/old-address" in section.group(1)
    assert f"{site}/article.html" in section.group(1) and "301" in section.group(1)
    assert "pumping station has no power" in page
    source = sent.headers["location"].rsplit("/", 1)[1]
    shot = client.get(f"/sources/{source}/capture/screenshot.png")
    assert shot.status_code == 200 and shot.content.startswith(b"\x89PNG")
    assert client.get(f"/sources/{source}/capture/page.pdf").content.startswith(b"%PDF-")
    assert client.get(f"/sources/{source}/capture/other").status_code == 404
    api = client.get(f"/api/sources/{source}").json()
    assert api["reader"] == "wacz.v1" and api["capture"]["redirects"][0]["status"] == 301
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    (entry,) = [e for e in ledger.store.custody(source) if e.action == "ingest"]
    assert entry.actor == "ana"


def test_a_bad_address_is_refused_naming_the_field(client: TestClient) -> None:
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    sent = client.post("/capture", data={"csrf": csrf, "url": "javascript:alert(1)"})
    assert sent.status_code == 400
    assert "url: &#39;javascript:alert(1)&#39; is not an http" in sent.text or \
        "url: 'javascript:alert(1)' is not an http" in sent.text
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    assert not [s for s in ledger.store.list_sources() if s.kind == "web_capture"]


def test_an_unreachable_address_is_a_400_naming_the_field(client: TestClient) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    sent = client.post("/capture", data={"csrf": csrf, "url": f"http://127.0.0.1:{port}/"})
    assert sent.status_code == 400
    assert f"url: cannot capture http://127.0.0.1:{port}/: ERR_CONNECTION_REFUSED" in sent.text


def test_a_viewer_cannot_capture(client: TestClient, site: str) -> None:
    sign_in(client, "vic")
    sent = client.post("/capture", data={"csrf": "x", "url": f"{site}/article.html"})
    assert sent.status_code == 403
