"""The periodic report on both engines: every section in the PDF's own text, footnotes that
resolve to real sources, no real name or withdrawn photo in a public build, byte-identical
HTML from one snapshot, the changes since the previous report, and nothing half-written.
Rendered pages are saved under test-output/report/ for a person to look at."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.media import photos
from rightsledger.publish import report
from rightsledger.publish.report import ReportOptions
from rightsledger.publish.snapshot import Period
from tests.media import images
from tests.publish.conftest import INTERVIEW_TITLE, REAL_NAME

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "report"
PERIOD = Period("2022-12-12", "2023-03-21")
SECTIONS = ["Summary", "The period at a glance", "Violations by right", "Right to life",
            "Protection of civilians in hostilities", "Right to food", "Right to education",
            "Disruptions", "Pictures and human stories", "Statements and obligations",
            "Annex: methodology", "What is withheld, and why",
            "What changed since the previous report", "Sources cited"]


def _build(ledger: Ledger, out: Path, **changes: Any) -> report.Published:
    options = ReportOptions(**{"title": "100 days of blockade", "period": PERIOD,
                               "public": True, "fmt": "pdf", **changes})
    return report.build(ledger, out, options, "publisher")


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes()))
                     .pages)


def _save_pages(pdf: Path, name: str) -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    doc = pypdfium2.PdfDocument(str(pdf))
    for n in range(len(doc)):
        doc[n].render(scale=1.2).to_pil().save(OUTPUT / f"{name}-page-{n + 1}.png")
    return len(doc)


def test_the_pdf_has_every_section_and_its_footnotes_resolve_to_real_sources(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    done = _build(ledger, tmp_path / "report")
    text = _pdf_text(tmp_path / "report" / "report.pdf")
    flat = re.sub(r"\s+", " ", text)
    missing = [s for s in SECTIONS if s not in flat]
    assert not missing, missing
    assert "Ստեփանակերտում" in text and "Мартуни" in text  # Armenian and Cyrillic survive
    assert "2–3" in flat  # killed: the range over the sources, not one chosen figure
    html = (tmp_path / "report" / "report.html").read_text("utf-8")
    assert "Built from data snapshot" in flat and done.snapshot_sha in html
    cited = set(re.findall(r'href="#note-(\d+)"', html))
    listed = dict(re.findall(r'<li id="note-(\d+)">.*?SHA-256 <span class="hash">([0-9a-f]{64})'
                             r'</span>', html))
    assert cited and cited <= set(listed)
    known = set(filled["sources"].values())
    assert set(listed.values()) <= known
    assert filled["sources"]["monitor.txt"] in listed.values()
    assert _save_pages(tmp_path / "report" / "report.pdf", f"public-{ledger.store.dialect}") > 3


def test_a_public_report_shows_no_real_name_no_withdrawn_photo_and_no_interview(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    _build(ledger, tmp_path / "public", fmt="all")
    html = (tmp_path / "public" / "report.html").read_text("utf-8")
    pdf = _pdf_text(tmp_path / "public" / "report.pdf")
    release = (tmp_path / "public" / "press-release.md").read_text("utf-8")
    for text in (html, pdf, release):
        assert REAL_NAME not in text and "Gevorgyan" not in text
        assert filled["photo_withdrawn"] not in text and INTERVIEW_TITLE not in text
    assert filled["photo_shown"] in html
    shipped = {p.stem for p in (tmp_path / "public" / "photos").iterdir()}
    assert shipped == {filled["photo_shown"]}
    assert "The queue" in html and "V-" in html  # the story, with a pseudonym
    _build(ledger, tmp_path / "internal", public=False, fmt="html")
    internal = (tmp_path / "internal" / "report.html").read_text("utf-8")
    assert INTERVIEW_TITLE in internal and REAL_NAME not in internal


def test_two_builds_from_one_snapshot_give_identical_files(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    first = _build(ledger, tmp_path / "a")
    second = _build(ledger, tmp_path / "b")
    assert first.snapshot_sha == second.snapshot_sha
    for name in ("report.html", "report.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert first.manifest_sha != second.manifest_sha  # built at another time
    kept = ledger.objects.read(first.snapshot_sha)  # the snapshot itself is kept as evidence
    assert b'"incidents"' in kept and REAL_NAME.encode() not in kept


def test_the_next_report_of_a_series_says_what_changed(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    _build(ledger, tmp_path / "january", period=Period("2022-12-12", "2023-01-31"),
           series="blockade", fmt="html")
    first = (tmp_path / "january" / "report.html").read_text("utf-8")
    assert "This is the first report of the series" in first
    _build(ledger, tmp_path / "march", series="blockade", fmt="html")
    second = (tmp_path / "march" / "report.html").read_text("utf-8")
    assert "incidents 2 → 3" in second
    assert f"1 incident(s) added: {filled['school']}." in second
    rebuilt = _build(ledger, tmp_path / "march-again", series="blockade", fmt="html")
    assert (tmp_path / "march-again" / "report.html").read_bytes() == \
        (tmp_path / "march" / "report.html").read_bytes()
    assert rebuilt.snapshot["report"]["previous"]["period"]["to"] == "2023-01-31"


@pytest.mark.parametrize(("changes", "message"), [
    ({"fmt": "docx"}, "unknown report format 'docx'"),
    ({"lang": "fr"}, "--lang fr: this version writes reports in en"),
    ({"title": " "}, "--title: a report needs a title"),
])
def test_bad_options_are_refused_in_one_line_and_write_nothing(
        ledger: Ledger, tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    before = len(list(ledger.store.custody()))
    with pytest.raises(BadInput, match=re.escape(message)):
        _build(ledger, tmp_path / "out", **changes)
    assert not (tmp_path / "out").exists() and len(list(ledger.store.custody())) == before


def test_a_file_in_the_way_or_a_reversed_period_is_refused(ledger: Ledger,
                                                            tmp_path: Path) -> None:
    (tmp_path / "taken.pdf").write_text("not ours")
    with pytest.raises(BadInput, match="is a file: give a folder"):
        _build(ledger, tmp_path / "taken.pdf")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("someone's notes")
    with pytest.raises(BadInput, match="holds other files"):
        _build(ledger, tmp_path / "busy")
    assert (tmp_path / "busy" / "notes.txt").read_text() == "someone's notes"
    with pytest.raises(BadInput, match=r"the period starts \(2023-03-21\) after it ends"):
        Period.of("2023-03-21", "2022-12-12")


def test_after_a_pdf_the_photo_bank_still_refuses_a_cut_off_jpeg(ledger: Ledger,
                                                                 tmp_path: Path) -> None:
    _build(ledger, tmp_path / "report")  # WeasyPrint loaded and used in this process
    cut = images.write(tmp_path, "cut.jpg", images.photo()[:3000])
    with pytest.raises(BadInput, match="cut.jpg"):
        photos.add(ledger, cut, {}, "t")


def test_a_build_that_fails_midway_leaves_no_folder_and_no_custody_entry(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str, folder: Path) -> bytes:
        (folder / "report.pdf").write_bytes(b"%PDF-1.7 half")
        raise OSError("disk full")

    monkeypatch.setattr(report, "pdf_of", broken)
    before = [e.action for e in ledger.store.custody()]
    with pytest.raises(OSError, match="disk full"):
        _build(ledger, tmp_path / "report")
    assert not (tmp_path / "report").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    assert [e.action for e in ledger.store.custody()] == before
