"""Promise 11, hostile uploads (docs/security.md), on both engines: a DOCX zip bomb, an SVG
with script, a PDF/HTML polyglot, path-traversal and control-character names, a file past
the size limit. Each is refused in one line or kept as inert evidence; nothing is written
outside the ledger; originals are downloaded as attachments that the browser must not
render."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from rightsledger.evidence.readers import docx as docx_reader
from tests.web.conftest import csrf_of, sign_in
from tests.web.test_upload import _finished

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script>'
       b'<text>Goris</text></svg>')
POLYGLOT = (b"%PDF-1.4\n<html><body><script>alert(1)</script>Lachin</body></html>\n"
            b"1 0 obj << >> endobj\n%%EOF\n")


def _bomb() -> bytes:
    """A DOCX-shaped zip whose document part unpacks to 300 MB of zeros (about 300 KB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(300):
                part.write(block)
    return buffer.getvalue()


def test_promise_11_hostile_files_are_refused_or_kept_inert(client: TestClient,
                                                            tmp_path: Path) -> None:
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    outside = sorted(p.name for p in ledger.path.parent.iterdir())
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    files = [("files", ("bomb.docx", _bomb(), docx_reader.MEDIA)),
             ("files", ("../../../../tmp/evil/map.svg", SVG, "image/svg+xml")),
             ("files", ("report.pdf", POLYGLOT, "application/pdf")),
             ("files", ("note\x1b[31m\nred\u202e.txt", b"A note about Goris.", "text/plain"))]
    sent = client.post("/upload", data={"csrf": csrf}, files=files, follow_redirects=False)
    page = _finished(client, sent.headers["location"])
    assert "<strong>bomb.docx</strong>: DOCX refused: its parts unpack to 300 MB" in page
    assert "<strong>report.pdf</strong>:" in page  # not a PDF that parses: refused
    assert sorted(p.name for p in ledger.path.parent.iterdir()) == outside
    assert not Path("/tmp/evil").exists()
    names = {s.original_name: s for s in ledger.store.list_sources(limit=50)}
    note = next(n for n in names if n.startswith("note"))
    assert note.endswith("red.txt") and "\x1b" not in note and "\u202e" not in note
    assert not [c for n in names for c in n if unicodedata.category(c) in ("Cc", "Cf")]
    svg = next(s for n, s in names.items() if n.endswith("map.svg"))
    download = client.get(f"/sources/{svg.id}/original")
    assert download.content == SVG  # the evidence, byte for byte
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-security-policy"].startswith("sandbox; ")
    shown = client.get(f"/sources/{svg.id}").text
    assert "<script>alert" not in shown  # its text, if any, is escaped on the page


def test_promise_11_a_file_past_the_limit_leaves_nothing(client: TestClient) -> None:
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    limit = int(ledger.settings["max_file_size_mb"]) * 2**20
    sign_in(client, "ana")
    csrf = csrf_of(client, "/upload")
    sent = client.post("/upload", data={"csrf": csrf}, follow_redirects=False,
                       files=[("files", ("huge.txt", b"x" * (limit + 1), "text/plain"))])
    assert sent.status_code == 413 and "huge.txt is larger than" in sent.text
    assert list((ledger.path / "tmp").glob("upload-*")) == []
