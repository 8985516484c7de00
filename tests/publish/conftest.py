"""A ledger to publish from, on both engines: sourced incidents in two periods (claims side
by side, one denial, Armenian and Russian quotes), a victim with a real name, an interview
note (internal), a story, two photos (one consent withdrawn), the corridor and its cut, an
unmet order and a statement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightsledger.ledger import Ledger
from rightsledger.media import consent, photos, stories
from rightsledger.records import (
    claims,
    disruptions,
    incidents,
    obligations,
    statements,
    victims,
)
from rightsledger.review.decide import regrade
from rightsledger.workflow.ingest import ingest
from tests.media import images

REAL_NAME = "Canary Gevorgyan"
INTERVIEW_TITLE = "Notes of an interview with a displaced mother"
DOCUMENTS = {  # file: (kind, publisher, published, language, title, text)
    "monitor.txt": ("report", "Civil Rights Monitor (test)", "2023-01-10", "en",
                    "Shelling near Martuni and the gas cut",
                    "Shelling near Martuni on 8 January 2023 killed two farmers and injured "
                    "five, the monitor said. Gas supply stopped on 17 January.\n"),
    "hy.txt": ("article", "Ստեփանակերտի լրատու (test)", "2023-01-11", "hy",
               "Ստեփանակերտում հացի հերթեր",
               "Ստեփանակերտում մարդիկ հերթ են կանգնում հացի համար։\n"),
    "ru.txt": ("article", "Степанакертский вестник (test)", "2023-01-12", "ru",
               "Обстрел у Мартуни",
               "В Степанакерте сообщили: при обстреле у Мартуни погибли три человека.\n"),
    "denial.txt": ("statement", "Defence Ministry (test)", "2023-01-09", "en",
                   "The ministry denies any firing near Martuni",
                   "The ministry denies that its units opened fire near Martuni.\n"),
    "school.txt": ("article", "Highland Post (test)", "2023-02-20", "en",
                   "Schools close for lack of heating",
                   "Schools in Stepanakert closed on 16 February for lack of heating.\n"),
    "interview.md": ("interview", "Field team (test)", "2023-02-21", "en", INTERVIEW_TITLE,
                     "She told us her family was split by the closure of the road.\n"),
}


def _ingest(ledger: Ledger, folder: Path) -> dict[str, str]:
    ids = {}
    for name, (kind, publisher, published, language, title, text) in DOCUMENTS.items():
        (folder / name).write_text(text, "utf-8")
        done: list[str | None] = []
        ingest(ledger, [folder / name], {
            "kind": kind, "publisher": publisher, "published": published,
            "language": language, "title": title}, extract=False,
            on_result=lambda r, done=done: done.append(r.source_id))
        assert done and done[0], f"{name} was not ingested"
        ids[name] = str(done[0])
    return ids


def _incident(conn: Any, values: dict[str, Any], sources: list[tuple[str, str]],
              claimed: list[dict[str, Any]]) -> int:
    found = incidents.create(conn, values, "setup")
    for sha, quote in sources:
        incidents.link_source(conn, found, _num(conn, sha), quote)
    for c in claimed:
        claims.add(conn, {"incident_id": found, **c}, "setup")
    regrade(conn, found, "setup")
    return found


def _num(conn: Any, sha: str) -> int:
    from sqlalchemy import select

    from rightsledger.db import schema
    return int(conn.execute(select(schema.sources.c.num).where(schema.sources.c.id == sha))
               .scalar_one())


def fill(ledger: Ledger, folder: Path) -> dict[str, Any]:
    """Fill the ledger; give the ids a test needs."""
    folder.mkdir(parents=True, exist_ok=True)
    src = _ingest(ledger, folder)
    with ledger.store.writing() as conn:
        nums = {n: _num(conn, s) for n, s in src.items()}
        shelling = _incident(conn, {"type": "shelling", "date_start": "2023-01-08",
                                    "date_end": "2023-01-08", "places": ["Martuni"]},
                             [(src["monitor.txt"], "Shelling near Martuni on 8 January 2023 "
                               "killed two farmers and injured five"),
                              (src["ru.txt"], "при обстреле у Мартуни погибли три человека")],
                             [{"by": "Civil Rights Monitor (test)", "killed": 2, "injured": 5,
                               "source_num": nums["monitor.txt"]},
                              {"by": "Степанакертский вестник (test)", "killed": 3,
                               "source_num": nums["ru.txt"]},
                              {"by": "Defence Ministry (test)", "stance": "denies",
                               "source_num": nums["denial.txt"]}])
        queue = _incident(conn, {"type": "blockade", "date_start": "2023-01-11",
                                 "date_end": "2023-01-11", "places": ["Stepanakert"],
                                 "rights": ["ICESCR 11"]},
                          [(src["hy.txt"], "Ստեփանակերտում մարդիկ հերթ են կանգնում")],
                          [{"by": "Ստեփանակերտի լրատու (test)",
                            "source_num": nums["hy.txt"]}])
        school = _incident(conn, {"type": "infrastructure_disruption",
                                  "date_start": "2023-02-16", "date_end": "2023-02-16",
                                  "places": ["Stepanakert"], "rights": ["ICESCR 13"]},
                           [(src["school.txt"], "Schools in Stepanakert closed"),
                            (src["interview.md"], "her family was split")],
                           [{"by": "Highland Post (test)", "source_num": nums["school.txt"]}])
        victim = victims.add(conn, ledger.secret, {"real_name": REAL_NAME,
                                                   "incident_id": shelling,
                                                   "harm": "injured"}, "setup")
        regrade(conn, shelling, "setup")
        corridor = disruptions.add(conn, {"kind": "road", "area": "Lachin corridor",
                                          "place": "Lachin corridor", "start": "2022-12-12",
                                          "population": 120000}, "setup")
        disruptions.add(conn, {"kind": "gas", "area": "Nagorno-Karabakh",
                               "start": "2023-01-17", "end": "2023-01-20",
                               "sources": [src["monitor.txt"]]}, "setup")
        order = obligations.add(conn, {"kind": "court_order",
                                       "issuer": "International Court of Justice",
                                       "addressee": "Republic of Azerbaijan",
                                       "title": "Provisional measures", "date": "2023-02-22"},
                                "setup")
        obligations.observe(conn, order, {"date": "2023-03-01", "finding": "not_complied",
                                          "disruption_id": corridor}, "setup")
        statements.add(conn, {"by": "Civil Rights Monitor (test)", "date": "2023-02-24",
                              "demands": ["reopen the corridor"],
                              "source_num": nums["monitor.txt"]}, "setup")
        story = stories.add(conn, ledger.secret, {
            "title": "The queue", "body": f"{REAL_NAME} waits for bread before dawn.",
            "incident_ids": [shelling], "victim_ids": [victim]}, "setup")
        consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story,
                                          "person": REAL_NAME, "scopes": "reports,press"},
                    "setup")
    shown, withdrawn = _photos(ledger, folder, shelling)
    return {"shelling": shelling, "queue": queue, "school": school, "sources": src,
            "photo_shown": shown, "photo_withdrawn": withdrawn, "story": story}


def _photos(ledger: Ledger, folder: Path, incident: int) -> tuple[str, str]:
    """Two confirmed photos with consent for reports and the press; the second's consent is
    then withdrawn. Give their public copies' hashes."""
    shas = []
    for shade in (0, 90):
        photo_id = photos.add(ledger, images.write(folder, f"p{shade}.jpg",
                                                   images.photo(shade=shade)),
                              {"incident_id": incident, "caption": f"scene {shade}"}, "setup")
        with ledger.store.writing() as conn:
            photos.confirm(conn, photo_id, "setup")
            given = consent.add(conn, ledger.secret, {
                "item_kind": "photo", "item_id": photo_id, "person": f"Person {shade}",
                "scopes": "reports,press,web"}, "setup")
            if shade:
                consent.withdraw(conn, given, None, "asked us to", "officer")
            shas.append(photos.get(conn, photo_id)["public_sha"])
    return shas[0], shas[1]


@pytest.fixture
def filled(ledger: Ledger, tmp_path: Path) -> dict[str, Any]:
    return fill(ledger, tmp_path / "documents")
