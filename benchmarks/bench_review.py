"""Review at scale: proposing incidents from a ledger's candidates, and the queries a
reviewer waits on (incident lists with filters, one incident with everything).

References measured in the same run: ingesting the same documents with extraction (what
the proposals follow), and reading one source by id (the cheapest query a page makes).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from generate import write_articles
from measure import Profiler, Row, ms, note, percentile, rate, timed

from rightsledger.ledger import Ledger
from rightsledger.records import incidents
from rightsledger.review.decide import detail, queue
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose

NAME = "review"
GOAL_PROPOSE = 1.0  # proposing costs no more than ingesting the same documents with extraction
GOAL_QUERY_MS = 50.0


def _queries(ledger: Ledger, ids: list[int], rounds: int) -> dict[str, list[float]]:
    took: dict[str, list[float]] = {"list": [], "detail": [], "queue": [], "source": []}
    sample = ids[:: max(1, len(ids) // rounds)][:rounds]
    source_id = next(iter(ledger.store.list_sources(limit=1))).id
    for n, incident_id in enumerate(sample):
        with ledger.store.reading() as conn:
            took["list"].append(timed(incidents.find, conn, type_="shelling",
                                      date_from="2021-01-01", date_to="2022-12-31",
                                      limit=50)[1])
            took["detail"].append(timed(detail, conn, incident_id)[1])
            if n % 5 == 0:
                took["queue"].append(timed(queue, conn, 20)[1])
        took["source"].append(timed(ledger.store.get_source, source_id[:12])[1])
    return took


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 200 if quick else 2000
    with tempfile.TemporaryDirectory(prefix="rl-bench-review-") as tmp:
        work = Path(tmp)
        note(f"review: writing and ingesting {count} articles with extraction")
        write_articles(work / "articles", count, seed=11)
        with Ledger.init(work / "ledger") as ledger:
            summary, ingested = timed(ingest, ledger, [work / "articles"],
                                      {"kind": "article", "publisher": "Bench"})
            candidates = len(ledger.store.mentions("incidents"))
            note(f"review: proposing incidents from {candidates} candidates")
            done, proposing = timed(profiler.run, "propose", propose, ledger)
            with ledger.store.reading() as conn:
                ids = [r["id"] for r in incidents.find(conn, status="proposed")]
            note(f"review: queries over {len(ids)} proposed incidents")
            took = _queries(ledger, ids, 20 if quick else 100)
    ratio = proposing / ingested
    worst = max(percentile(took[k], 50) for k in ("list", "detail", "queue")) * 1000
    return [
        Row(NAME, f"propose from {candidates} candidates ({count} docs)",
            f"{rate(candidates, proposing, 'candidates')}; {done.proposed} proposed, "
            f"{done.joined} joined, {done.matched} offered a merge",
            f"ingest with extraction {ingested:.1f} s vs propose {proposing:.1f} s", ratio,
            f"ratio <= {GOAL_PROPOSE:g}", ratio <= GOAL_PROPOSE),
        *[Row(NAME, f"{what} p50 / p95 ({len(ids)} incidents)",
              f"{ms(percentile(took[key], 50))} / {ms(percentile(took[key], 95))}",
              f"source by id p50 {ms(percentile(took['source'], 50))}",
              percentile(took[key], 50) / percentile(took["source"], 50),
              f"p50 < {GOAL_QUERY_MS:g} ms", percentile(took[key], 50) * 1000 < GOAL_QUERY_MS)
          for what, key in (("incidents --type --from --to", "list"),
                            ("incident detail", "detail"), ("review queue of 20", "queue"))],
        Row(NAME, "slowest reviewer query p50 (info)", f"{worst:.1f} ms"),
    ]
