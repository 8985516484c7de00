"""The report fit to publish: each incident printed once, in the section of its principal
right, and listed by reference (with its page) in the others; no near-blank page and no
table header or caption left alone at the foot of a page; one count of a disruption (to the
report's last day) wherever the report states it, the incident that records it included;
no placeholder actor ("… (country not named)") as a claimant. Pages are saved under
test-output/report/ for a person to look at."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from rightsledger.ledger import Ledger
from rightsledger.publish import report
from rightsledger.publish.report import ReportOptions
from rightsledger.publish.snapshot import Period
from rightsledger.records import claims, incidents
from rightsledger.review.decide import regrade
from tests.publish.conftest import _num, fill

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "report"
PERIOD = Period("2022-12-12", "2023-03-21")
PLACEHOLDER = "Human Rights Defender / Ombudsman (country not named)"
MIN_CHARS = 400  # of body text on every page but the last
MIN_FILL = 0.6  # of the page's body height, on every page but the cover and the last
TOWNS = ["Martuni", "Stepanakert", "Martakert", "Shushi", "Askeran", "Hadrut"]
TYPES = ["shelling", "injury", "blockade", "infrastructure_disruption", "displacement",
         "property_destruction"]


def _more(ledger: Ledger, ids: dict[str, Any]) -> dict[str, Any]:
    """Beyond conftest's ledger: the blockade as an incident (dated by its reports, without
    a description) beside the corridor's ongoing cut; a power cut reported by a placeholder
    office; an injury touching four rights; and enough incidents, with claims, to fill pages."""
    src = ids["sources"]
    with ledger.store.writing() as conn:
        monitor, hy = _num(conn, src["monitor.txt"]), _num(conn, src["hy.txt"])
        blockade = incidents.create(conn, {"type": "blockade", "date_start": "2022-12-12",
                                           "date_end": "2023-02-14",
                                           "places": ["Lachin corridor"]}, "setup")
        claims.add(conn, {"incident_id": blockade, "by": "Highland Post (test)",
                          "source_num": monitor, "quote": "the road is closed"}, "setup")
        power = incidents.create(conn, {"type": "infrastructure_disruption",
                                        "date_start": "2023-01-09", "date_end": "2023-01-09",
                                        "places": ["Stepanakert"],
                                        "description": "A power line is damaged."}, "setup")
        claims.add(conn, {"incident_id": power, "by": PLACEHOLDER, "source_num": monitor,
                          "quote": "the Office of the Human Rights Defender reported"},
                   "setup")
        injury = incidents.create(conn, {"type": "injury", "date_start": "2023-02-03",
                                         "date_end": "2023-02-03", "places": ["Martakert"],
                                         "description": "A farmer is injured."}, "setup")
        claims.add(conn, {"incident_id": injury, "by": "Civil Rights Monitor (test)",
                          "injured": 1, "source_num": monitor}, "setup")
        for n in range(18):
            day = f"2023-{1 + n % 3:02d}-{3 + n:02d}"
            found = incidents.create(conn, {
                "type": TYPES[n % len(TYPES)], "date_start": day, "date_end": day,
                "places": [TOWNS[n % len(TOWNS)]],
                "description": f"Filler event {n}: " + "a long account of what happened. " * 6},
                "setup")
            for k in range(1 + n % 4):
                claims.add(conn, {"incident_id": found, "by": f"Observer {k} (test)",
                                  "killed": k, "source_num": (monitor, hy)[k % 2],
                                  "quote": "a quote of some length, " * (3 + k)}, "setup")
            regrade(conn, found, "setup")
        for found in (blockade, power, injury):
            regrade(conn, found, "setup")
    return {**ids, "blockade": blockade, "power": power, "injury": injury}


@pytest.fixture
def ledger_more(ledger: Ledger, tmp_path: Path) -> dict[str, Any]:
    return _more(ledger, fill(ledger, tmp_path / "documents"))


def _build(ledger: Ledger, out: Path, fmt: str = "html") -> str:
    report.build(ledger, out, ReportOptions(title="100 days of blockade", period=PERIOD,
                                            public=True, fmt=fmt), "publisher")
    return (out / "report.html").read_text("utf-8")


class _Blocks(HTMLParser):
    """The ids of the incident blocks printed, the sections' ids in order, and for each
    section the incidents it refers to (``href="#incident-N"``); the tables' header rows
    and captions as text."""

    def __init__(self) -> None:
        super().__init__()
        self.printed: list[tuple[str, str]] = []  # (section key, incident id)
        self.refs: list[tuple[str, str]] = []
        self.section = ""
        self.headers: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "h3" and (a.get("id") or "").startswith("right-"):
            self.section = str(a["id"]).removeprefix("right-")
        if tag == "h2":
            self.section = ""
        if tag == "div" and (a.get("id") or "").startswith("incident-"):
            self.printed.append((self.section, str(a["id"]).removeprefix("incident-")))
        if tag == "a" and (a.get("href") or "").startswith("#incident-"):
            self.refs.append((self.section, str(a["href"]).removeprefix("#incident-")))
        if tag in ("thead", "caption"):
            self._in, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self.headers.append(" ".join("".join(self._text).split()))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data + " ")


def _parsed(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    return parser


def test_each_incident_is_printed_once_under_its_principal_right_and_referred_to_elsewhere(
        ledger: Ledger, ledger_more: dict[str, Any], tmp_path: Path) -> None:
    html = _build(ledger, tmp_path / "report")
    ids = re.findall(r'<p class="note">Incident (\d+)\.', html)  # one per printed block
    assert ids and len(ids) == len(set(ids)), sorted(ids)
    found = _parsed(html)
    assert sorted(i for _, i in found.printed) == sorted(ids)
    injury = str(ledger_more["injury"])
    rights = report._rights()
    with ledger.store.reading() as conn:
        codes = incidents.get(conn, ledger_more["injury"])["rights"]
    touched = [k for k, r in rights.items() if set(r["codes"]) & set(codes)]
    first = next(k for c in codes for k, r in rights.items() if c in r["codes"])
    assert len(touched) > 1, touched  # the case: one incident, several rights
    assert (first, injury) in found.printed
    referred = {s for s, i in found.refs if i == injury}
    assert referred == set(touched) - {first}, (referred, touched)
    home = dict((i, s) for s, i in found.printed)
    for section, incident in found.refs:  # every reference leads to a printed block
        assert incident in home and home[incident] != section, (section, incident)


def test_the_blockade_incident_and_the_disruptions_table_count_the_same_days(
        ledger: Ledger, ledger_more: dict[str, Any], tmp_path: Path) -> None:
    html = _build(ledger, tmp_path / "report", fmt="all")
    assert PERIOD.end and PERIOD.end < date.today().isoformat()
    days = (date.fromisoformat(PERIOD.end) - date(2022, 12, 12)).days + 1
    block = re.search(r"<h4>([^\n]*?)</h4>\s*(<p>[^\n]*</p>)?\s*<p class=\"note\">Incident "
                      rf"{ledger_more['blockade']}\.", html)
    assert block, "the blockade incident is not printed"
    heading = re.sub(r"<[^>]+>", "", block[0])
    assert f"since 2022-12-12: day {days} as of {PERIOD.end} (ongoing)" in heading, heading
    assert "2023-02-14" not in heading  # its reports' span is not the cut's length
    assert "Lachin corridor" in heading and "120,000 people" in heading  # described by it
    row = re.search(r'<tr id="disruption-\d+"><th scope="row">road</th>(.*?)</tr>', html)
    assert row and f"ongoing on {PERIOD.end}" in row[1] and f"day {days}<" in row[1], row
    summary = re.sub(r"\s+", " ", html[:html.index('id="overview"')])
    assert f"Lachin corridor) cut since 2022-12-12: day {days} as of {PERIOD.end}" in summary
    assert f"day {days} (ongoing)" in html  # the chart's label
    press = (tmp_path / "report" / "press-release.md").read_text("utf-8")
    assert f"day {days} as of {PERIOD.end}" in press


def test_a_placeholder_office_is_not_shown_as_a_claimant(
        ledger: Ledger, ledger_more: dict[str, Any], tmp_path: Path) -> None:
    html = _build(ledger, tmp_path / "report")
    assert "country not named" not in html
    block = re.search(rf'id="incident-{ledger_more["power"]}">(.*?)</ul>', html, re.S)
    assert block, "the power cut is not printed"
    assert "<strong>Civil Rights Monitor (test)</strong>: reports it" in block[1]  # the source's
    assert PLACEHOLDER in report.placeholders()


def _page_text(pdf: Path, page: int) -> list[str]:
    """The page's lines (pdftotext, laid out), without blank lines and the running footer."""
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return [line for line in lines if not re.search(r"page \d+ of \d+$", line)]


def _filled(page: Any) -> float:
    """How far down the page's body (inside the 20 mm top and 22 mm bottom margins) ink
    goes, from 0 to 1."""
    image = page.render(scale=0.5).to_pil().convert("L")
    width, height = image.size
    top, bottom = int(height * 20 / 297), int(height * 275 / 297)
    pixels = image.load()
    last = top
    for y in range(top, bottom):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            last = y
    return (last - top) / (bottom - top)


def test_no_page_is_near_blank_and_none_ends_with_a_table_header(
        ledger: Ledger, ledger_more: dict[str, Any], tmp_path: Path) -> None:
    html = _build(ledger, tmp_path / "report", fmt="pdf")
    pdf = tmp_path / "report" / "report.pdf"
    doc = pypdfium2.PdfDocument(str(pdf))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for stale in OUTPUT.glob("layout-page-*.png"):
        stale.unlink()
    for n in range(len(doc)):
        doc[n].render(scale=1.2).to_pil().save(OUTPUT / f"layout-page-{n + 1}.png")
    assert len(doc) >= 5, len(doc)  # enough pages for the test to mean something
    headers = {h for h in _parsed(html).headers if h}
    assert headers
    short, empty, orphaned = [], [], []
    for n in range(1, len(doc)):  # every page but the last
        lines = _page_text(pdf, n)
        if sum(len(line) for line in lines) < MIN_CHARS:
            short.append(n)
        if n > 1 and _filled(doc[n - 1]) < MIN_FILL:  # the cover ends with a break
            empty.append((n, round(_filled(doc[n - 1]), 2)))
        if lines and any(lines[-1] == h or (len(lines[-1]) >= 12 and lines[-1] in h)
                         for h in headers):
            orphaned.append((n, lines[-1]))
    assert not short, f"pages with under {MIN_CHARS} characters: {short}"
    assert not empty, f"pages filled under {MIN_FILL:.0%}: {empty}"
    assert not orphaned, f"pages ending with a table's caption or header: {orphaned}"
