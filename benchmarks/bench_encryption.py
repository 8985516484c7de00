"""What an encrypted ledger costs (promise 6 of docs/security.md), beside a plain ledger
measured in the same run on the same articles: ingest (--no-extract), search, opening (the
Argon2id unlock), verify (every object decrypted and re-hashed) and panic.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from generate import write_articles
from measure import Profiler, Row, ms, note, percentile, timed

from rightsledger.ledger import Ledger
from rightsledger.privacy import vault
from rightsledger.search.query import search
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify

NAME = "encryption"
PASSPHRASE = "seven lanterns under the bridge"
GOAL_INGEST, GOAL_SEARCH, GOAL_PANIC = 1.5, 1.5, 5.0
WORDS = ["shelling", "corridor", "Stepanakert", "hospital", "detained", "water", "school",
         "ceasefire", "Lachin", "convoy", "electricity", "Shushi"]


def _ingest(folder: Path, ledger_dir: Path, passphrase: str | None) -> float:
    with Ledger.init(ledger_dir, passphrase=passphrase) as ledger:
        summary, took = timed(ingest, ledger, [folder], {"kind": "article"}, extract=False)
    if summary.failed:
        raise RuntimeError(f"ingest failed: {summary.failures[:3]}")
    return took


def _searches(ledger: Ledger, queries: list[str]) -> float:
    for q in queries[:10]:  # warm the page cache and the decrypted pages
        search(ledger.store, q)
    return percentile([timed(search, ledger.store, q)[1] for q in queries], 50)


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 300 if quick else 3000
    rng = random.Random(6)
    queries = [" ".join(rng.sample(WORDS, rng.choice((1, 2)))) for _ in range(200)]
    with tempfile.TemporaryDirectory(prefix="rl-bench-encryption-") as tmp:
        work = Path(tmp)
        note(f"encryption: writing {count} articles")
        size = write_articles(work / "articles", count)
        os.sync()
        note("encryption: ingest into a plain and an encrypted ledger")
        plain = _ingest(work / "articles", work / "plain", None)
        sealed = profiler.run("encrypted ingest", _ingest, work / "articles", work / "sealed",
                              PASSPHRASE)
        opened_plain, open_plain = timed(Ledger.open, work / "plain")
        opened, open_sealed = timed(Ledger.open, work / "sealed", PASSPHRASE)
        with opened_plain, opened:
            note("encryption: search and verify")
            search_plain, search_sealed = _searches(opened_plain, queries), \
                _searches(opened, queries)
            _, verify_plain = timed(verify, opened_plain)
            report, verify_sealed = timed(verify, opened)
            assert report.ok, report.problems
        _, panic = timed(vault.panic, work / "sealed" / "keys")
    mb = size / 1e6
    return [
        Row(NAME, f"encrypted ingest --no-extract ({count} docs, {mb:.1f} MB)",
            f"{sealed:.2f} s", f"plain ledger {plain:.2f} s", sealed / plain,
            f"ratio <= {GOAL_INGEST:g}", sealed / plain <= GOAL_INGEST),
        Row(NAME, "encrypted search p50 (200 queries)", ms(search_sealed),
            f"plain ledger {ms(search_plain)}", search_sealed / search_plain,
            f"ratio <= {GOAL_SEARCH:g}", search_sealed / search_plain <= GOAL_SEARCH),
        Row(NAME, f"encrypted verify ({count} objects, info)", f"{verify_sealed:.2f} s",
            f"plain ledger {verify_plain:.2f} s", verify_sealed / verify_plain),
        Row(NAME, "open an encrypted ledger (Argon2id 64 MiB, info)", f"{open_sealed:.2f} s",
            f"plain ledger {open_plain:.2f} s", open_sealed / open_plain),
        Row(NAME, "panic: destroy the keys", ms(panic), f"open {open_sealed:.2f} s",
            panic / open_sealed, f"< {GOAL_PANIC:g} s", panic < GOAL_PANIC),
    ]
