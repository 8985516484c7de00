"""Web pages captured as evidence, from real pages served on 127.0.0.1 (tests/pages.py) by
Debian's chromium driven by Playwright: no outside network, nothing mocked. On both
engines: the capture is one source, its WACZ parts hashed and readable by warcio; a page
that changes is captured twice as two linked versions; redirects, 4xx/5xx, a stalled page,
a huge page and a PDF are captured as far as they went and say so; an unreachable address
stores nothing."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import threading
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.cli.test_cli import rl
from tests.pages import serve
from warcio.archiveiterator import ArchiveIterator

from rightsledger.errors import BadInput
from rightsledger.evidence import replay
from rightsledger.ledger import Ledger
from rightsledger.search import search
from rightsledger.workflow.capture import capture, capture_one


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve() as base:
        yield base


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as wacz:
        return {name: wacz.read(name) for name in wacz.namelist()}


def test_a_page_is_captured_as_one_source_with_every_part(ledger: Ledger, site: str) -> None:
    (done,) = capture(ledger, [f"{site}/article.html"], actor="ana")
    assert done.source_id and done.lines == [] and done.version == 1
    source = ledger.store.get_source(done.source_id)
    assert (source.kind, source.reader, source.url) == ("web_capture", "wacz.v1",
                                                       f"{site}/article.html")
    assert source.title == "Water cut in Stepanakert for a third day"
    assert source.captured_by == "ana" and source.captured_at
    assert "water supply of Stepanakert was cut on 19 January 2023" in source.text
    assert "Comments are closed" not in source.text  # the page's furniture
    data = ledger.objects.read(source.id)
    assert hashlib.sha256(data).hexdigest() == source.id
    parts = _parts(data)
    package = json.loads(parts["datapackage.json"])
    assert package["wacz_version"] == "1.1.1"
    for resource in package["resources"]:
        assert resource["hash"] == "sha256:" + hashlib.sha256(parts[resource["path"]]).hexdigest()
    digest = json.loads(parts["datapackage-digest.json"])
    assert digest["hash"] == "sha256:" + hashlib.sha256(parts["datapackage.json"]).hexdigest()
    records = {(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")): r.content_stream().read()
               for r in ArchiveIterator(io.BytesIO(parts["archive/data.warc.gz"]))}
    assert b"pumping station has no power" in records[("response", f"{site}/article.html")]
    assert ("response", f"{site}/img/pumping-station.png") in records
    assert ("response", f"{site}/style.css") in records
    assert ("request", f"{site}/article.html") in records
    shot = records[("resource", f"urn:view:{site}/article.html")]
    assert shot.startswith(b"\x89PNG")
    assert records[("resource", f"urn:pdf:{site}/article.html")].startswith(b"%PDF-")
    facts = source.meta["capture"]
    assert facts["status"] == 200 and facts["final_url"] == f"{site}/article.html"
    assert ["X-Served-By", "rightsledger-tests"] in facts["headers"]
    assert facts["screenshot_sha256"] == hashlib.sha256(shot).hexdigest()
    cdx = parts["indexes/index.cdx"].decode().splitlines()
    assert any(line.startswith("127.0.0.1:") and '"status": "200"' in line for line in cdx)
    (entry,) = [e for e in ledger.store.custody(source.id) if e.action == "ingest"]
    assert entry.actor == "ana"
    assert [h.source.id for h in search(ledger.store, "pumping station").hits] == [source.id]


def test_a_page_that_changes_is_two_linked_versions(ledger: Ledger, site: str) -> None:
    first = capture_one(ledger, f"{site}/changing.html")
    second = capture_one(ledger, f"{site}/changing.html")
    assert first.source_id and second.source_id and first.source_id != second.source_id
    assert (second.version, second.previous) == (2, first.source_id)
    one, two = (ledger.store.get_source(c.source_id or "") for c in (first, second))
    assert "Notice number" in one.text and one.text != two.text
    assert two.meta["capture"]["previous_capture"] == one.id


def test_what_went_wrong_is_captured_and_said(ledger: Ledger, site: str) -> None:
    moved, gone, broken = capture(ledger, [f"{site}/old-address", f"{site}/gone.html",
                                           f"{site}/broken.html"])
    assert moved.lines == [f"{site}/old-address → {site}/article.html: redirected"]
    assert not moved.partial
    source = ledger.store.get_source(moved.source_id or "")
    assert source.meta["capture"]["redirects"] == [{"url": f"{site}/old-address",
                                                     "status": 301}]
    assert gone.lines == ["the server answered 404 Not Found: captured as such"]
    assert "statement was removed" in ledger.store.get_source(gone.source_id or "").text
    assert broken.lines == ["the server answered 500 Internal Server Error: captured as such"]


def test_a_stalled_and_a_huge_page_are_partial(ledger: Ledger, site: str) -> None:
    ledger.settings["capture_timeout_s"] = 2
    ledger.settings["capture_max_mb"] = 1
    slow, huge = capture(ledger, [f"{site}/slow.html", f"{site}/huge.html"])
    assert slow.partial and slow.source_id
    assert slow.lines == ["the page did not finish loading in 2 s: captured as far as it "
                          "loaded"]
    assert "first part of a slow page" in ledger.store.get_source(slow.source_id).text
    assert huge.partial and any("size limit of 1 MB" in line for line in huge.lines)
    facts = ledger.store.get_source(huge.source_id or "").meta["capture"]
    assert facts["partial"] == huge.lines


def test_a_pdf_is_archived_as_served_and_read(ledger: Ledger, site: str) -> None:
    (done,) = capture(ledger, [f"{site}/statement.pdf"])
    assert done.partial and done.lines[0].startswith("not a web page (application/pdf)")
    source = ledger.store.get_source(done.source_id or "")
    assert "water supply of Stepanakert was cut" in source.text
    assert source.meta["inner_reader"] == "pdf.v1"
    archived = replay.load(ledger.objects.read(source.id))
    main = archived.main()
    assert main is not None and main["body"].startswith(b"%PDF-")


def test_an_unreachable_address_stores_nothing(ledger: Ledger) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens
    with pytest.raises(BadInput, match=r"^cannot capture http://127\.0\.0\.1:\d+/x: "
                                       r"ERR_CONNECTION_REFUSED"):
        capture(ledger, [f"http://127.0.0.1:{port}/x"])
    with pytest.raises(BadInput, match=r"^url: 'ftp://example\.org/a' is not an http"):
        capture(ledger, ["ftp://example.org/a"])
    assert ledger.store.count_sources() == 0
    assert list((ledger.path / "tmp").glob("capture-*")) == []


def test_a_damaged_capture_is_refused_by_its_reader(ledger: Ledger, site: str,
                                                    tmp_path: Path) -> None:
    (done,) = capture(ledger, [f"{site}/article.html"])
    parts = _parts(ledger.objects.read(done.source_id or ""))
    parts["indexes/index.cdx"] = parts["indexes/index.cdx"].replace(b"200", b"201", 1)
    altered = io.BytesIO()
    with zipfile.ZipFile(altered, "w") as wacz:
        for name, data in parts.items():
            wacz.writestr(name, data)
    with pytest.raises(BadInput, match="WACZ damaged: indexes/index.cdx does not match"):
        replay.load(altered.getvalue())


def test_the_archived_copy_is_opened_offline(ledger: Ledger, site: str,
                                             tmp_path: Path) -> None:
    (done,) = capture(ledger, [f"{site}/article.html"])
    archived = replay.load(ledger.objects.read(done.source_id or ""))
    written = {p.name for p in replay.write_out(archived, tmp_path / "copy")}
    assert written == {"page.html", "screenshot.png", "page.pdf", "text.txt", "capture.json"}
    httpd = replay.server(archived, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        with urllib.request.urlopen(f"{base}/") as page:
            assert b"pumping station has no power" in page.read()
            assert "script-src 'none'" in page.headers["Content-Security-Policy"]
        with urllib.request.urlopen(f"{base}/img/pumping-station.png") as image:
            assert image.read().startswith(b"\x89PNG")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/not-captured.js")
        assert missing.value.code == 404
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_capture_and_replay_commands(tmp_path: Path, site: str) -> None:
    folder = tmp_path / "ledger"
    assert rl("init", str(folder)).returncode == 0
    done = rl("capture", str(folder), f"{site}/gone.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"captured {site}/gone.html as ")
    assert "the server answered 404 Not Found: captured as such" in done.stdout
    source = done.stdout.split(" as ")[1].split()[0]
    copy = rl("replay", str(folder), source, "--out", str(tmp_path / "copy"))
    assert copy.returncode == 0, copy.stderr
    assert "statement was removed" in (tmp_path / "copy" / "text.txt").read_text()
    bad = rl("capture", str(folder), "not-a-url")
    assert bad.returncode == 2 and bad.stderr.strip().endswith(
        "url: 'not-a-url' is not an http:// or https:// address")
