"""Promise 10, no real names in public outputs (docs/security.md), on both engines.

1,000 synthetic victims, with diacritics, and their names planted where an analyst's or a
source's words go: quotes from sources, claims, incident and disruption descriptions,
statements, story bodies — as written, in capitals, without diacritics, decomposed (NFD),
surname first, the surname alone, across a line break, and in Cyrillic. Then every public
output is scanned — the public pages and API, error pages included; the csv, json, geojson,
ACLED and HURIDOCS exports; the report's HTML, PDF text and press release — after Unicode
normalisation, with an Aho–Corasick automaton of every real name and variant built here
(not the guard's own): zero hits.
"""

from __future__ import annotations

import io
import random
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

import ahocorasick
import pypdf
from fastapi.testclient import TestClient

from rightsledger.ledger import Ledger
from rightsledger.media import consent, stories
from rightsledger.publish import export, report
from rightsledger.publish.snapshot import Period
from rightsledger.records import claims, disruptions, incidents, statements, victims
from rightsledger.review.decide import regrade
from rightsledger.web.app import create_app
from rightsledger.workflow.ingest import ingest

VICTIMS, INCIDENTS = 1000, 50
FIRST = ["Lusine", "Anahit", "Armen", "Gohar", "Tigran", "Narine", "Samvel", "Mariam",
         "Vardan", "Nune", "Ruben", "Siranush", "Davit", "Elmira", "Rauf", "Leyla", "Tural",
         "Sevinj", "Ilgar", "Nigar"]
SYLLABLES = ["tar", "ven", "kor", "mal", "sed", "ruz", "bel", "dor", "pin", "gal", "ros",
             "nem", "vat", "lur", "zan", "kem"]
ACCENTED = {"a": "á", "e": "ə", "s": "ş", "o": "ö", "u": "ü"}
TO_CYRILLIC = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и",
               "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
               "t": "т", "u": "у", "f": "ф", "h": "х", "j": "дж", "c": "ц"}


def _cyrillic(latin: str) -> str:
    plain = _plain(latin)
    out, i = [], 0
    while i < len(plain):
        for latin_part, cyr in (("yan", "ян"), ("ya", "я"), ("y", "й"), ("sh", "ш")):
            if plain.startswith(latin_part, i):
                out.append(cyr)
                i += len(latin_part)
                break
        else:
            out.append(TO_CYRILLIC.get(plain[i], plain[i]))
            i += 1
    return "".join(out).capitalize()


def _plain(text: str) -> str:
    """Without diacritics (ə too) and lower case."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ə", "e").replace("Ə", "E"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def people(n: int) -> list[tuple[str, str]]:
    """``n`` distinct (first name, surname), the surnames invented, some with diacritics."""
    rng = random.Random(10)
    found: dict[str, str] = {}
    while len(found) < n:
        stem = "".join(rng.choices(SYLLABLES, k=3))
        if rng.random() < 0.5:
            at = rng.randrange(len(stem))
            stem = stem[:at] + ACCENTED.get(stem[at], stem[at]) + stem[at + 1:]
        surname = (stem + rng.choice(["yan", "ov", "li"])).capitalize()
        if _plain(surname) not in {_plain(s) for s in found}:
            found[surname] = rng.choice(FIRST)
    return [(first, surname) for surname, first in found.items()]


def variants(first: str, surname: str) -> list[str]:
    """How a text may write the name."""
    full = f"{first} {surname}"
    return [full, full.upper(), _plain(full).title(), unicodedata.normalize("NFD", full),
            f"{surname}, {first}", f"Mrs {surname}", f"{first}\n{surname}",
            f"{_cyrillic(first)} {_cyrillic(surname)}"]


def _fill(ledger: Ledger, folder: Path) -> list[tuple[str, str]]:
    named = people(VICTIMS)
    folder.mkdir()
    for n in range(INCIDENTS):
        first, surname = named[n * 20]
        written = variants(first, surname)[n % 8]
        (folder / f"r{n}.txt").write_text(
            f"Report {n}: {written} was injured by shelling near the school.", "utf-8")
    ingest(ledger, [folder], {"kind": "article", "publisher": "Test Wire",
                              "published": "2023-01-20"}, extract=False)
    with ledger.store.writing() as conn:
        nums = {int(r.original_name[1:-4]): ledger.store.num_of(conn, r.id)
                for r in ledger.store.list_sources(limit=100)}
        for n in range(INCIDENTS):
            _incident(ledger, conn, n, named[n * 20:(n + 1) * 20], nums[n])
        first, surname = named[0]
        disruptions.add(conn, {"kind": "water", "area": "Stepanakert", "start": "2023-01-10",
                               "description": f"{surname} reported the cut"}, "t")
        statements.add(conn, {"by": "Test Council", "date": "2023-01-15",
                              "text": f"demands the release of {first} {surname}"}, "t")
    return named


def _incident(ledger: Ledger, conn: Any, n: int, group: list[tuple[str, str]],
              num: int) -> None:
    first, surname = group[0]
    said = variants(first, surname)
    found = incidents.create(conn, {"type": "shelling", "date_start": f"2023-01-{n % 28 + 1:02d}",
                                    "places": ["Stepanakert"],
                                    "description": f"Shelling; {said[(n + 1) % 8]} hurt"}, "t")
    incidents.link_source(conn, found, num, f"{said[n % 8]} was injured")
    claims.add(conn, {"incident_id": found, "source_num": num, "injured": 1,
                      "text": f"{said[(n + 2) % 8]} among the injured",
                      "quote": f"{said[(n + 3) % 8]} was injured"}, "t")
    ids = [victims.add(conn, ledger.secret, {"real_name": f"{f} {s}", "incident_id": found,
                                             "harm": "injured"}, "t") for f, s in group]
    regrade(conn, found, "t")
    story = stories.add(conn, ledger.secret, {
        "title": f"Story {n}", "body": f"{said[(n + 4) % 8]} remembers the morning.",
        "incident_ids": [found], "victim_ids": ids[:1]}, "t")
    consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story,
                                      "person": f"{first} {surname}",
                                      "scopes": "reports,press,web"}, "t")


class Scanner:
    """Every real name and variant, normalised as this test does it (not as the guard)."""

    def __init__(self, named: list[tuple[str, str]]):
        self.automaton = ahocorasick.Automaton()
        for first, surname in named:
            for v in variants(first, surname) + [surname, _cyrillic(surname)]:
                key = self.norm(v)
                self.automaton.add_word(key, key)
        self.automaton.make_automaton()

    @staticmethod
    def norm(text: str) -> str:
        return " ".join(_plain(unicodedata.normalize("NFKC", text)).replace(",", " ")
                        .split())

    def hits(self, text: str) -> list[str]:
        key = self.norm(text)
        return [w for end, w in self.automaton.iter(key)
                if (end + 1 == len(key) or not key[end + 1].isalnum())
                and (end - len(w) < 0 or not key[end - len(w)].isalnum())]


def _public_pages(path: Path, named: list[tuple[str, str]]) -> dict[str, str]:
    first, surname = named[0]
    pages = ["/", "/incidents", "/disruptions", "/timeline", "/stories", "/api/incidents",
             "/api/disruptions", "/api/statements", "/api/stories", "/trackers",
             "/incidents/999999", f"/incidents/{quote(first + ' ' + surname)}",
             f"/api/incidents/{quote(surname)}", f"/no-such-page-{quote(surname)}"]
    pages += [f"/incidents/{i}" for i in range(1, INCIDENTS + 1)]
    pages += [f"/api/incidents/{i}" for i in range(1, INCIDENTS + 1, 7)]
    with TestClient(create_app(path, public=True)) as client:
        shown = {p: client.get(p).text for p in pages}
    assert "Shelling" in shown["/incidents/1"] and "V-" in shown["/incidents/1"]
    return shown


def test_promise_10_no_real_name_in_any_public_output(ledger: Ledger, tmp_path: Path) -> None:
    named = _fill(ledger, tmp_path / "sources")
    scanner = Scanner(named)
    with ledger.store.reading() as conn:  # the names really are in what was written
        planted = [i["description"] for i in incidents.find(conn, limit=5)]
    assert any(scanner.hits(text) for text in planted)
    outputs: dict[str, str] = {}
    for fmt in export.FORMATS:
        export.export(ledger, fmt, tmp_path / fmt, "t", export.Options(public=True))
        for p in sorted((tmp_path / fmt).rglob("*")):
            if p.is_file():
                outputs[f"export {fmt}/{p.name}"] = p.read_text("utf-8")
    report.build(ledger, tmp_path / "report", report.ReportOptions(
        title="Names", period=Period("2023-01-01", "2023-01-31"), public=True, fmt="all"), "t")
    for name in ("report.html", "press-release.md"):
        outputs[f"report {name}"] = (tmp_path / "report" / name).read_text("utf-8")
    pdf = pypdf.PdfReader(io.BytesIO((tmp_path / "report" / "report.pdf").read_bytes()))
    outputs["report.pdf text"] = "\n".join(page.extract_text() for page in pdf.pages)
    path = ledger.path
    ledger.close()
    outputs.update({f"public {p}": text for p, text in _public_pages(path, named).items()})
    assert len(outputs) > 70 and "V-" in outputs["report report.html"]
    found = {where: hits for where, text in outputs.items() if (hits := scanner.hits(text))}
    assert found == {}
