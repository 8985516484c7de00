"""The report for people who read it with assistive technology, checked with real tools:
pdfinfo says the PDF is tagged, pypdf reads back its structure tree, MarkInfo, languages and
XMP metadata, html-validate passes the HTML with its recommended rules (and fails a page that
breaks them), every chart and the map is an image with a title, a description of its data
and real text, every word in Russian or Armenian carries its language, and every table a
caption and header scopes. One report, built once from a real ledger (SQLite: nothing here
depends on the engine); the pages are saved under test-output/report/ for a person to look
at."""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from rightsledger.ledger import Ledger
from rightsledger.publish import report
from rightsledger.publish.report import ReportOptions
from rightsledger.publish.snapshot import Period
from rightsledger.records import claims
from tests.publish.conftest import _num, fill

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "html-validate"
OUTPUT = ROOT / "test-output" / "report"
TITLE = "100 days of blockade"
SVG = "{http://www.w3.org/2000/svg}"
SCRIPTS = {"CYRILLIC": "ru", "ARMENIAN": "hy"}  # the fixture's sources: Russian and Armenian


QUOTES = {"ru.txt": ("shelling", "Степанакертский вестник (test)",
                     "при обстреле у Мартуни погибли три человека"),
          "hy.txt": ("queue", "Ստեփանակերտի լրատու (test)",
                     "Ստեփանակերտում մարդիկ հերթ են կանգնում")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A public report of the whole fixture ledger, HTML and PDF, with a quoted claim in
    Russian and one in Armenian."""
    root = tmp_path_factory.mktemp("accessible")
    with Ledger.init(root / "ledger", None) as ledger:
        filled = fill(ledger, root / "documents")
        with ledger.store.writing() as conn:
            for name, (incident, by, quote) in QUOTES.items():
                claims.add(conn, {"incident_id": filled[incident], "by": by, "quote": quote,
                                  "source_num": _num(conn, filled["sources"][name])}, "setup")
        report.build(ledger, root / "report", ReportOptions(
            title=TITLE, period=Period("2022-12-12", "2023-03-21"), public=True,
            fmt="all"), "publisher")
    yield root / "report"


def _struct_elements(node: Any) -> Iterator[DictionaryObject]:
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return
    if node.get("/Type") == "/StructElem":
        yield node
    kids = node.get("/K")
    kids = kids.get_object() if kids is not None else []
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject | DictionaryObject):
            yield from _struct_elements(kid)


def test_pdfinfo_says_the_pdf_is_tagged_with_its_title_and_metadata(built: Path) -> None:
    info = subprocess.run(["pdfinfo", str(built / "report.pdf")], capture_output=True,
                          text=True, check=True).stdout
    fields = dict(re.findall(r"^([\w ]+):\s+(.*)$", info, re.MULTILINE))
    assert fields["Tagged"] == "yes", info
    assert fields["Metadata Stream"] == "yes" and fields["Title"] == TITLE, info


def test_pypdf_reads_back_the_structure_tree_languages_and_xmp_metadata(built: Path) -> None:
    pdf = pypdf.PdfReader(io.BytesIO((built / "report.pdf").read_bytes()))
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True and catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    elements = list(_struct_elements(catalog["/StructTreeRoot"]))
    kinds = Counter(str(e["/S"]) for e in elements)
    assert kinds["/Document"] == 1 and kinds["/H1"] == 1 and kinds["/H2"] >= 8, kinds
    assert kinds["/Table"] >= 8 and kinds["/TH"] > kinds["/Table"] and kinds["/Caption"] >= 8
    figures = [str(e.get("/Alt") or "") for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 5 and all(figures), figures  # four charts and one photo
    assert any(a.startswith("Map of the incidents by place. 3 incidents at 2 places")
               for a in figures), figures  # a chart's Alt is its title and its description
    languages = Counter(str(e["/Lang"]) for e in elements if "/Lang" in e)
    assert languages["ru"] >= 2 and languages["hy"] >= 2, languages
    xmp = pdf.xmp_metadata
    assert xmp is not None and xmp.dc_title == {"x-default": TITLE}
    raw = xmp.rdf_root.toxml()
    assert re.search(r'pdfuaid:part="1"', raw), raw  # declared PDF/UA-1


def _html_validate(path: Path) -> tuple[int, list[dict[str, Any]]]:
    tool = TOOLS / "node_modules" / ".bin" / "html-validate"
    assert tool.exists(), "html-validate is not installed: run bash scripts/system-deps.sh"
    run = subprocess.run([str(tool), "--config",
                          str(TOOLS / ".htmlvalidate.json"), "--formatter", "json", str(path)],
                         capture_output=True, text=True, cwd=TOOLS)
    found = json.loads(run.stdout or "[]")
    return run.returncode, [m for result in found for m in result["messages"]]


def test_the_html_passes_html_validate_with_its_recommended_rules(built: Path,
                                                                   tmp_path: Path) -> None:
    code, messages = _html_validate(built / "report.html")
    assert code == 0 and not messages, [(m["ruleId"], m["line"], m["message"])
                                        for m in messages]
    broken = tmp_path / "broken.html"  # the same checker fails what it should
    broken.write_text('<!DOCTYPE html>\n<html>\n<head><title>x</title></head>\n<body>\n'
                      '<img src="a.jpg">\n<table><tr><th>a</th></tr></table>\n</body>\n</html>\n')
    code, messages = _html_validate(broken)
    assert code != 0
    assert {"element-required-attributes", "wcag/h37"} <= {m["ruleId"] for m in messages}


def _figures(html: str) -> dict[str, ET.Element]:
    svgs = [ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]
    return {s.get("aria-labelledby", "").split("-title")[0]: s for s in svgs}


def test_every_chart_and_the_map_is_an_image_with_a_title_a_description_and_text(
        built: Path) -> None:
    figures = _figures((built / "report.html").read_text("utf-8"))
    assert set(figures) == {"per-week", "map", "casualties", "disruptions"}
    for name, svg in figures.items():
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("role") == "img" and title is not None and desc is not None, name
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text and desc.text and len(desc.text) > 40, name
        labels = ["".join(t.itertext()).strip() for t in svg.iter(f"{SVG}text")]
        assert len([t for t in labels if t]) >= 4, (name, labels)
        assert not [p for p in svg.iter(f"{SVG}path") if "DejaVu" in (p.get("id") or "")]
    assert "Stepanakert: 2" in figures["map"].findtext(f"{SVG}desc", "")
    assert "Stepanakert (2)" in {"".join(t.itertext()) for t in figures["map"].iter(f"{SVG}text")}
    assert "3 dated incidents over 15 weeks" in figures["per-week"].findtext(f"{SVG}desc", "")
    assert "Right to life: killed 2 to 3, injured 5" in \
        figures["casualties"].findtext(f"{SVG}desc", "")
    assert "road (Lachin corridor) since 12 December 2022: day 100 on 21 March 2023 (ongoing)" \
        in figures["disruptions"].findtext(f"{SVG}desc", "")


class _Reader(HTMLParser):
    """Each run of text in the body with the language in force there; each table with its
    caption and header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.langs: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []
        self.tables: list[dict[str, Any]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag in ("img", "br", "meta", "link", "path", "use", "rect", "circle"):
            return  # void or self-closed: no text inside
        self.in_body |= tag == "body"
        inherited = self.langs[-1][1] if self.langs else None
        self.langs.append((tag, given.get("lang") or inherited))
        if tag == "table":
            self.tables.append({"caption": False, "th": []})
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        elif tag == "th" and self.tables:
            self.tables[-1]["th"].append(given.get("scope"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.langs and self.langs.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.in_body and data.strip():
            self.texts.append((data, self.langs[-1][1] if self.langs else None))


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(c).split()[0] for c in text if c.isalpha() and ord(c) > 0x24F}


def test_russian_and_armenian_words_carry_their_language_and_tables_their_captions(
        built: Path) -> None:
    reader = _Reader()
    reader.feed((built / "report.html").read_text("utf-8"))
    foreign = [(text, lang) for text, lang in reader.texts if _scripts(text)]
    assert len(foreign) >= 6, foreign  # quotes, names and titles in both scripts
    wrong = [(text, lang) for text, lang in foreign
             if {SCRIPTS.get(s) for s in _scripts(text)} != {lang}]
    assert not wrong, wrong
    assert {lang for _, lang in foreign} == {"ru", "hy"}
    for _incident, _by, quote in QUOTES.values():
        assert any(quote in text for text, _ in foreign), quote  # and so in its language
    assert len(reader.tables) >= 8
    for table in reader.tables:
        assert table["caption"] and table["th"], table
        assert set(table["th"]) <= {"col", "row"}, table


def test_the_pages_still_look_like_a_report(built: Path) -> None:
    """Page 1 and the map's page rendered for a person to look at; the map's page is the
    one whose text holds the map's caption, and it is not blank."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    doc = pypdfium2.PdfDocument(str(built / "report.pdf"))
    pages = [doc[n].get_textpage().get_text_range() for n in range(len(doc))]
    map_page = next(n for n, text in enumerate(pages) if "Where the incidents took place" in
                    text)
    for n, name in ((0, "accessible-page-1"), (map_page, "accessible-map-page")):
        image = doc[n].render(scale=1.2).to_pil()
        image.save(OUTPUT / f"{name}.png")
        assert image.convert("L").getextrema()[0] < 100  # something dark was drawn
    assert "100 days of blockade" in pages[0] and "Summary" in pages[0]
