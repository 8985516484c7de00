"""Publishing at scale: the periodic report of a ledger with 10,000 accepted incidents and
50,000 sources (1,000 and 5,000 with --quick), as HTML and as PDF.

The records are written straight into the database (the report reads records, not the
evidence files), spread over the 100 days of the period and over 200 places of the region,
each incident with five sources and quotes and two or three claims. Goals, from the issue:
HTML under 10 s and PDF under 60 s on 2 cores. Reference measured in the same run: the
JSON export of the same period (the same snapshot, written as one file, signed).
"""

from __future__ import annotations

import json
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from measure import Profiler, Row, note, timed
from pypdf import PdfReader

from rightsledger.db import schema
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.publish import export, report
from rightsledger.publish.snapshot import Period
from rightsledger.records import incidents

NAME = "report"
GOAL_HTML_S, GOAL_PDF_S = 10.0, 60.0
START = date(2022, 12, 12)
DAYS = 100
PUBLISHERS = [f"Bench Outlet {n}" for n in range(60)]
LANGUAGES = ("en", "ru", "hy", "fr")


def _who() -> dict[str, Any]:
    return {"version": 1, "created_at": utc_now(), "created_by": "bench"}


def seed(ledger: Ledger, count: int, sources_per: int = 5) -> None:
    """``count`` accepted incidents with ``sources_per`` sources each, inserted in bulk."""
    rng = random.Random(17)
    types = [t for t in incidents.types() if t != "other"]
    rights = json.loads((Path(incidents.__file__).parents[1] / "vocabularies" /
                         "rights.json").read_text())
    with ledger.store.writing() as conn:
        conn.execute(schema.places.insert(), [
            {"id": f"bench:{n}", "name": f"Benchplace {n}", "kind": "settlement",
             "country": "AZ", "lat": 39.2 + rng.random() * 1.4, "lon": 45.6 + rng.random() * 1.8,
             "aliases": "[]"} for n in range(200)])
        conn.execute(schema.actors.insert(), [{"name": p, "name_key": p.lower(), "aliases": "[]",
                                               **_who()}
                                              for p in PUBLISHERS])
        actor_ids = dict(conn.execute(schema.actors.select().with_only_columns(
            schema.actors.c.name, schema.actors.c.id)).all())
        for first in range(0, count, 1000):
            _batch(conn, rng, range(first, min(count, first + 1000)), types, rights, actor_ids,
                   sources_per)


def _batch(conn: Any, rng: random.Random, numbers: range, types: list[str],
           rights: dict[str, list[str]], actor_ids: dict[str, int], sources_per: int) -> None:
    incident_rows, place_rows, source_rows, link_rows, claim_rows = [], [], [], [], []
    for n in numbers:
        kind = rng.choice(types)
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        incident_rows.append({"id": n + 1, "type": kind, "date_start": day, "date_end": day,
                              "date_precision": "day", "description": f"Bench incident {n}",
                              "rights": json.dumps(rights[kind]), "status": "accepted",
                              "grade": rng.choice(("fair", "weak", "contested", "confirmed")),
                              "grade_reasons": '["bench"]', "suggested": "{}", **_who()})
        place_rows.append({"incident_id": n + 1, "place_id": f"bench:{rng.randrange(200)}"})
        for k in range(sources_per):
            num = n * sources_per + k + 1
            publisher = rng.choice(PUBLISHERS)
            source_rows.append({"num": num, "id": f"{num:064x}", "size": 100,
                                "media_type": "text/plain", "original_name": f"{num}.txt",
                                "kind": "article", "reader": "text.v1",
                                "ingested_at": utc_now(), "publisher": publisher,
                                "title": f"Report {num} on incident {n}", "published": day,
                                "language": rng.choice(LANGUAGES), "text": "", "meta": "{}"})
            link_rows.append({"incident_id": n + 1, "source_num": num,
                              "quote": f"Witnesses in Benchplace told us about event {n}."})
            if k < rng.choice((2, 3)):
                low = rng.randrange(0, 5)
                claim_rows.append({"incident_id": n + 1, "source_num": num,
                                   "actor_id": actor_ids[publisher], "stance": "asserts",
                                   "text": "", "quote": "", "machine": 0,
                                   "killed_min": low, "killed_best": low + 1,
                                   "killed_max": low + 2, **_who()})
    for table, rows in ((schema.incidents, incident_rows), (schema.incident_places, place_rows),
                        (schema.sources, source_rows), (schema.incident_sources, link_rows),
                        (schema.claims, claim_rows)):
        conn.execute(table.insert(), rows)


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 1000 if quick else 10000
    period = Period(START.isoformat(), (START + timedelta(days=DAYS - 1)).isoformat())
    with tempfile.TemporaryDirectory(prefix="rl-bench-report-") as tmp:
        work = Path(tmp)
        with Ledger.init(work / "ledger") as ledger:
            note(f"report: seeding {count} incidents and {count * 5} sources")
            seed(ledger, count)
            note("report: the JSON export of the period (reference)")
            _, exporting = timed(export.export, ledger, "json", work / "export", "bench",
                                 export.Options(period=period))
            options = report.ReportOptions(title="Bench report", period=period, fmt="html")
            note("report: HTML")
            _, html = timed(profiler.run, "report html", report.build, ledger,
                            work / "html", options, "bench")
            note("report: PDF (with its HTML)")
            pdf_options = report.ReportOptions(title="Bench report", period=period, fmt="pdf")
            _, pdf = timed(profiler.run, "report pdf", report.build, ledger, work / "pdf",
                           pdf_options, "bench")
            pages = len(PdfReader(work / "pdf" / "report.pdf").pages)
    size = f"{count:,} incidents, {count * 5:,} sources"
    return [
        Row(NAME, f"report HTML ({size})", f"{html:.1f} s",
            f"JSON export of the period {exporting:.1f} s", html / exporting,
            f"< {GOAL_HTML_S:g} s", html < GOAL_HTML_S),
        Row(NAME, f"report PDF with its HTML ({size})", f"{pdf:.1f} s ({pages} pages)",
            f"report HTML {html:.1f} s", pdf / html, f"< {GOAL_PDF_S:g} s", pdf < GOAL_PDF_S),
    ]
