"""Proposal that stays linear: docs/s of proposing incidents from a small and a ten times
larger ledger, and their ratio (the "flat" check). Matching a candidate looks up its
neighbourhood through indexes (review/neighbourhood.py), so the larger ledger should propose
about as many documents per second as the small one.

Reference measured in the same run: ingesting the same documents with extraction (what the
proposals follow), in docs/s, for each size.
"""

from __future__ import annotations

import resource
import tempfile
from pathlib import Path

from generate import write_articles
from measure import Profiler, Row, note, rate, timed

from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose

NAME = "propose"
SIZES = (1000, 10000)
QUICK_SIZES = (100, 1000)
GOAL_FLAT = 0.8  # the larger ledger proposes at least 80% of the small one's docs/s


def _measure(work: Path, count: int, profiler: Profiler) -> tuple[float, float, int, str]:
    """Seconds to ingest (with extraction) and to propose ``count`` articles, candidates."""
    write_articles(work / f"articles-{count}", count, seed=11)
    with Ledger.init(work / f"ledger-{count}") as ledger:
        note(f"propose: ingesting {count} articles with extraction")
        _, ingested = timed(ingest, ledger, [work / f"articles-{count}"],
                            {"kind": "article", "publisher": "Bench"})
        candidates = len(ledger.store.mentions("incidents"))
        note(f"propose: proposing from {candidates} candidates ({count} docs)")
        done, proposing = timed(profiler.run, f"propose {count}", propose, ledger)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ingested, proposing, candidates, (f"{done.proposed} proposed, {done.matched} "
                                             f"offered a merge; peak RSS {peak:.0f} MB")


def run(quick: bool, profiler: Profiler) -> list[Row]:
    small, large = QUICK_SIZES if quick else SIZES
    with tempfile.TemporaryDirectory(prefix="rl-bench-propose-") as tmp:
        figures = {n: _measure(Path(tmp), n, profiler) for n in (small, large)}
    rows = []
    for n, (ingested, proposing, candidates, what) in figures.items():
        rows.append(Row(NAME, f"propose {n} docs ({candidates} candidates)",
                        f"{rate(n, proposing, 'docs')}; {what}",
                        f"ingest with extraction {rate(n, ingested, 'docs')}",
                        proposing / ingested))
    flat = (large / figures[large][1]) / (small / figures[small][1])
    rows.append(Row(NAME, f"flat: docs/s at {large} / at {small}", f"{flat:.2f}",
                    f"{rate(small, figures[small][1], 'docs')} at {small}", flat,
                    f"ratio >= {GOAL_FLAT:g}", flat >= GOAL_FLAT))
    return rows
