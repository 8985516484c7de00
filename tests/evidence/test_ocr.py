"""OCR: scanned PDF pages and photographed documents read by Debian's Tesseract.

The scans are made here (tests/scans.py): a letter in each language the set-up installs,
rendered with Pillow, turned 1.2 degrees and speckled. Nothing is mocked: a missing
Tesseract fails these tests (the project's set-up installs it), except the one that hides
it on purpose to check what a machine without it does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from tests import scans
from tests.cli.test_cli import rl

from rightsledger.domain import Reading
from rightsledger.evidence import readers
from rightsledger.evidence.readers import ocr
from rightsledger.ledger import Ledger
from rightsledger.search import SearchFilters, search
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.reread import reread


@pytest.fixture(autouse=True)
def _tesseract_installed() -> None:
    ocr.installed_languages.cache_clear()
    missing = {"eng", "fra", "aze", "rus", "hye"} - ocr.installed_languages()
    if missing:
        pytest.fail(f"Tesseract or its packs {sorted(missing)} are missing: run "
                    "`bash scripts/system-deps.sh`", pytrace=False)


def read(name: str, data: bytes, options: ocr.Options | None = None) -> Reading:
    return readers.read(Path(name), data, options or ocr.Options(images=True))


@pytest.mark.parametrize("language", sorted(scans.LETTERS))
def test_a_photographed_letter_is_read_in_each_language(language: str) -> None:
    truth = scans.LETTERS[language]
    reading = read("letter.jpg", scans.jpeg(scans.page(truth, seed=len(language))))
    assert scans.accuracy(reading.text, truth) >= 0.95, reading.text
    assert reading.reader == "image.v1+ocr.v1"
    page = reading.meta["ocr"]["pages"][0]
    assert page["start"] == 0 and page["words"] >= 20 and page["confidence"] >= 80
    assert abs(page["skew"] + 1.2) <= 0.3  # straightened before reading
    assert reading.meta["ocr"]["engine"].startswith("tesseract ")


def test_a_scanned_pdf_is_read_page_by_page_and_a_text_page_keeps_its_layer() -> None:
    text_page = FPDF()
    text_page.add_page()
    text_page.set_font("helvetica", size=12)
    text_page.cell(text="Cover note typed by the office: the reply follows.")
    scanned = scans.scanned_pdf([scans.page(scans.LETTERS["eng"], seed=3),
                                 scans.page(scans.LETTERS["rus"], seed=4)])
    merged = _merge(bytes(text_page.output()), scanned)
    reading = read("reply.pdf", merged, ocr.Options())
    assert reading.reader == "pdf.v1+ocr.v1" and "warning" not in reading.meta
    offsets = reading.meta["page_offsets"]
    assert reading.text[offsets[0]:].startswith("Cover note typed by the office")
    pages = reading.meta["ocr"]["pages"]
    assert [p["page"] for p in pages] == [2, 3]  # the typed page was not OCR'd
    for page, truth in zip(pages, (scans.LETTERS["eng"], scans.LETTERS["rus"]), strict=True):
        assert page["start"] == offsets[page["page"] - 1]
        end = offsets[page["page"]] - 2 if page["page"] < len(offsets) else None
        assert scans.accuracy(reading.text[page["start"]:end], truth) >= 0.95


def _merge(*pdfs: bytes) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_blank_scan_adds_no_text_and_says_so() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 50, style="F")
    reading = read("blank.pdf", bytes(pdf.output()), ocr.Options())
    assert reading.text.strip() == "" and reading.reader == "pdf.v1"
    assert reading.meta["warning"] == "no text layer (scanned image?)"
    assert reading.meta["ocr"]["status"] == "no legible text"
    assert "no legible text" in (ocr.describe(reading.meta) or "")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_scene_is_not_read_as_a_document(seed: int) -> None:
    reading = read("scene.jpg", scans.jpeg(scans.scene(seed)))
    assert reading.text == "" and reading.reader == "image.v1"
    assert reading.meta["ocr"]["pages"][0]["start"] == -1
    assert reading.meta["ocr"]["pages"][0]["note"].startswith("no legible text")


def test_small_print_is_enlarged_before_it_is_read() -> None:
    truth = scans.LETTERS["hye"]
    img = scans.page(truth, size=18, width=18 * 43, seed=5)
    reading = read("small.png", scans.png(img))
    assert reading.meta["ocr"]["pages"][0]["enlarged"] == 2
    assert scans.accuracy(reading.text, truth) >= 0.9, reading.text


def test_an_image_is_read_only_when_asked_and_a_thumbnail_never() -> None:
    letter = scans.png(scans.page(scans.LETTERS["fra"]))
    assert "ocr" not in read("letter.png", letter, ocr.Options(images=False)).meta
    tiny = scans.png(Image.new("L", (120, 90), 255))
    assert read("icon.png", tiny).meta["ocr"]["status"].startswith("not read: 120x90 pixels")


def test_languages_this_machine_lacks_are_named() -> None:
    pdf = scans.scanned_pdf([scans.page(scans.LETTERS["eng"])])
    reading = read("reply.pdf", pdf, ocr.Options(languages="xyz"))
    assert reading.meta["ocr"]["status"].startswith("not read: none of the OCR languages xyz")
    assert reading.meta["warning"] == "no text layer (scanned image?)"


def test_tsv_words_become_lines_and_confidence_is_weighted_by_length() -> None:
    header = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
              "height\tconf\ttext\n")
    rows = ["1\t1\t0\t0\t0\t0\t0\t0\t9\t9\t-1\t",
            "5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90\tReply",
            "5\t1\t1\t1\t1\t2\t0\t0\t9\t9\t30\tof",
            "5\t1\t1\t1\t2\t1\t0\t0\t9\t9\t90\tministry",
            "5\t1\t2\t1\t1\t1\t0\t0\t9\t9\t-1\t ",
            "5\t1\t2\t1\t1\t1\t0\t0\t9\t9\t60\tSos"]
    page = ocr.parse_tsv(header + "\n".join(rows))
    assert page.text == "Reply of ministry\n\nSos"
    assert page.words == 4
    assert page.confidence == round((90 * 5 + 30 * 2 + 90 * 8 + 60 * 3) / 18, 1)


def test_skew_is_measured(tmp_path: Path) -> None:
    for angle in (-3.0, 0.0, 2.4):
        img = scans.page(scans.LETTERS["eng"], angle=angle, specks=0)
        assert abs(ocr.skew_of(img.convert("L")) + angle) <= 0.3


def test_without_tesseract_the_scan_is_kept_and_the_reason_given(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    ocr.installed_languages.cache_clear()
    try:
        scan = tmp_path / "reply.pdf"
        scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["eng"])]))
        summary = ingest(ledger, [scan], {"kind": "inquiry_reply"})
        assert summary.added == 1
        (source,) = ledger.store.list_sources()
        assert source.meta["ocr"]["status"].startswith("not read: Tesseract is not installed")
        assert ledger.objects.read(source.id) == scan.read_bytes()  # nothing lost
    finally:
        ocr.installed_languages.cache_clear()


def test_an_ingested_scan_is_searchable_and_extracted(ledger: Ledger, tmp_path: Path) -> None:
    scan = tmp_path / "reply-14-2207.pdf"
    scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["eng"], seed=9)]))
    photo = tmp_path / "reply-page.jpg"
    photo.write_bytes(scans.jpeg(scans.page(scans.LETTERS["hye"], seed=10)))
    summary = ingest(ledger, [scan, photo], {"kind": "inquiry_reply"})
    assert summary.added == 2 and summary.failed == 0
    by_name = {s.original_name: s for s in ledger.store.list_sources()}
    pdf, jpg = by_name["reply-14-2207.pdf"], by_name["reply-page.jpg"]
    assert pdf.reader == "pdf.v1+ocr.v1" and jpg.reader == "image.v1+ocr.v1"
    assert jpg.language == "hy" and pdf.language == "en"
    hits = search(ledger.store, "shelling", SearchFilters())
    assert [h.source.id for h in hits.hits] == [pdf.id]
    found = {(m["kind"], pdf.text[m["span_start"]:m["span_end"]])
             for m in ledger.store.mentions_of(pdf.id)}
    assert {("places", "Martuni"), ("dates", "14 March 2023")} <= found, found
    assert any(kind == "incidents" and "wounded by shelling" in text for kind, text in found)


def test_a_photo_ingested_as_a_photo_is_not_read(ledger: Ledger, tmp_path: Path) -> None:
    photo = tmp_path / "checkpoint.jpg"
    photo.write_bytes(scans.jpeg(scans.page(scans.LETTERS["eng"])))
    ingest(ledger, [photo], {})
    (source,) = ledger.store.list_sources()
    assert source.kind == "photo" and source.text == "" and "ocr" not in source.meta


def test_a_scan_stored_without_text_is_read_again_later(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = tmp_path / "reply.pdf"
    scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["eng"], seed=11)]))
    typed = tmp_path / "note.txt"
    typed.write_text("A typed note of the office about the reply, with text of its own.")
    with monkeypatch.context() as hidden:  # a machine without Tesseract
        hidden.setenv("PATH", str(tmp_path / "nothing-here"))
        ocr.installed_languages.cache_clear()
        ingest(ledger, [scan, typed], {"kind": "inquiry_reply"})
    ocr.installed_languages.cache_clear()
    by_name = {s.original_name: s for s in ledger.store.list_sources()}
    pdf, note = by_name["reply.pdf"], by_name["note.txt"]
    assert pdf.text == "" and search(ledger.store, "shelling").hits == []

    refused = reread(ledger, [note.id], actor="analyst-1")
    assert [r.read for r in refused.results] == [False]
    assert "has text already" in refused.results[0].message

    summary = reread(ledger, None, actor="analyst-1")
    assert [(r.source_id, r.read) for r in summary.results] == [(pdf.id, True)]
    again = ledger.store.get_source(pdf.id)
    assert again.reader == "pdf.v1+ocr.v1" and again.language == "en"
    assert scans.accuracy(again.text, scans.LETTERS["eng"]) >= 0.95
    assert [h.source.id for h in search(ledger.store, "shelling").hits] == [pdf.id]
    assert any(m["kind"] == "incidents" for m in ledger.store.mentions_of(pdf.id))
    (entry,) = ledger.store.custody(pdf.id, "ocr")
    assert entry.actor == "analyst-1" and entry.details["reader"] == "pdf.v1+ocr.v1"
    assert reread(ledger, None).results == []  # nothing left without text


def test_the_ocr_command(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    assert rl("init", str(folder)).returncode == 0
    scan = tmp_path / "reply.pdf"
    scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["fra"], seed=12)]))
    hidden = {"PATH": str(Path(sys.executable).parent)}  # the venv, no Tesseract
    assert rl("ingest", str(folder), str(scan), "--kind", "inquiry_reply",
              env=hidden).returncode == 0
    done = rl("ocr", str(folder))
    assert done.returncode == 0, done.stderr
    assert "1 of 1 sources read by OCR" in done.stdout
    assert "read by OCR (tesseract" in done.stdout
    shown = rl("show", str(folder), done.stdout.split()[0])
    assert "ministère de la Santé" in shown.stdout and "mean confidence" in shown.stdout
    off = rl("ocr", str(folder), "--languages", "")
    assert off.returncode == 2 and "OCR is off" in off.stderr


def test_extraction_without_a_ledger_reads_a_scan(tmp_path: Path) -> None:
    from rightsledger.extract.files import extract_file

    scan = tmp_path / "reply.pdf"
    scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["eng"], seed=13)]))
    found = extract_file(scan)
    assert "error" not in found, found
    assert any("wounded by shelling" in (c.get("quote") or "") for c in found["incidents"]), found
