"""Promise 11, hostile uploads (docs/security.md): one long text is read, fingerprinted,
indexed and extracted in memory that grows with it only by the copies of the text itself.

A 200 MB text once took 3.4 GB, most of it the set of every 5-word shingle of the text for
its near-duplicate fingerprint (about 12 bytes of memory per byte of text); the fingerprint
is now hashed a window at a time, extraction reads at most its first 2,000,000 characters,
and the review queue is capped (tests/review/test_proposal_cap.py). `make soak` runs the
ingest with extraction and proposal too."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tracemalloc
from array import array
from pathlib import Path

import pytest
from rensa import RMinHash

from rightsledger.evidence import fingerprint as fp

SOAK = os.environ.get("RIGHTSLEDGER_SOAK") == "1"
WORDS = ("road", "gas", "Lachin", "corridor", "closed", "convoy", "food", "Stepanakert",
         "blockade", "school", "power", "line", "İstanbul", "Ստեփանակերտ", "блокада", "day")


def _text(megabytes: float, seed: int = 1) -> str:
    """Prose-like text of many distinct shingles: words drawn at random, in paragraphs."""
    rng = random.Random(seed)
    words = rng.choices(WORDS, k=int(megabytes * 1e6 / 7))
    return "".join(w + ("\n\n" if i % 90 == 89 else " ") for i, w in enumerate(words))


def _peak(call, *args):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        result = call(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_promise_11_a_long_text_is_fingerprinted_in_flat_memory() -> None:
    small, large = _text(1.5), _text(4.5, seed=2)
    digest, small_peak = _peak(fp.fingerprint, small)
    _, large_peak = _peak(fp.fingerprint, large)
    assert large_peak < 1.5 * small_peak and large_peak < 64 * 2**20
    whole = RMinHash(num_perm=fp.NUM_PERM, seed=fp.SEED)  # the text hashed at once
    whole.update(list(fp.shingles(small)))
    assert digest == array("I", whole.digest()).tobytes()  # windows change nothing


_INGEST = """
import sys
from pathlib import Path
from rightsledger.workflow.ingest import ingest
from rightsledger.ledger import Ledger
from rightsledger.workflow.propose import propose
with Ledger.init(Path(sys.argv[2])) as ledger:
    extract = sys.argv[3] == "1"
    assert ingest(ledger, [Path(sys.argv[1])], extract=extract).added == 1
    proposed = propose(ledger).proposed if extract else 0
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(peak * 1024, proposed)
"""


def _ingest_peak(tmp_path: Path, megabytes: float, extract: bool) -> tuple[int, int]:
    """Peak memory (bytes) of a fresh process ingesting one text of ``megabytes``."""
    path = tmp_path / f"{megabytes}.txt"
    path.write_text(_text(megabytes), "utf-8")
    done = subprocess.run([sys.executable, "-c", _INGEST, str(path),
                           str(tmp_path / f"ledger-{megabytes}"), "1" if extract else "0"],
                          capture_output=True, text=True, timeout=900, check=True)
    peak, proposed = done.stdout.split()
    return int(peak), int(proposed)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_promise_11_ingest_memory_grows_only_by_copies_of_the_text(tmp_path: Path) -> None:
    sizes, extract = ((5, 40), True) if SOAK else ((2, 8), False)
    (small, _), (large, proposed) = (_ingest_peak(tmp_path, mb, extract) for mb in sizes)
    grown = (sizes[1] - sizes[0]) * 1e6
    assert large - small < 8 * grown  # the text held, folded, stored and indexed: no more
    assert proposed <= 200  # max_proposals_per_source
