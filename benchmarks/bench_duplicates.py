"""Near-duplicate grouping at scale, its memory, and how well it finds planted near-copies.

Fingerprints (MinHash, computed once per source at ingest) are timed apart from grouping
(recomputed over every digest after each ingest). The reference is a trivially linear pass
over the same digests: hash each with SHA-256 into a dict.
"""

from __future__ import annotations

import hashlib
import itertools
import resource
import tracemalloc
from collections import defaultdict

from generate import near_copies
from measure import Profiler, Row, note, rate, timed

from rightsledger.evidence.fingerprint import fingerprint, shingles
from rightsledger.review.duplicates import group_pairs
from rightsledger.settings import defaults

NAME = "duplicates"
GOAL_SECONDS = 30.0
Pair = tuple[int, int]


def linear_reference(digests: list[tuple[int, bytes]]) -> dict[int, bytes]:
    return {num: hashlib.sha256(digest).digest() for num, digest in digests}


def pairs_of(groups: list[list[int]]) -> set[Pair]:
    return {pair for g in groups for pair in itertools.combinations(sorted(g), 2)}


def planted_pairs(cluster: list[int]) -> set[Pair]:
    members: dict[int, list[int]] = defaultdict(list)
    for num, original in enumerate(cluster):
        members[original].append(num)
    return pairs_of([m for m in members.values() if len(m) > 1])


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def peak_memory(digests: list[tuple[int, bytes]], threshold: float) -> int:
    """Peak bytes Python allocates inside group_pairs (an untimed run under tracemalloc)."""
    tracemalloc.start()
    try:
        group_pairs(digests, threshold)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 10_000 if quick else 100_000
    threshold = float(defaults()["near_duplicate_threshold"])
    note(f"duplicates: generating {count} short texts, 5% near-copies")
    corpus = near_copies(count)
    note("duplicates: fingerprints")
    prints, fp_time = timed(lambda: [fingerprint(t) for t in corpus.texts])
    digests = [(num, d) for num, d in enumerate(prints) if d is not None]
    _, ref = timed(linear_reference, digests)
    note(f"duplicates: group_pairs over {len(digests)} digests")
    rss_before = maxrss_mb()
    groups, took = timed(profiler.run, "group_pairs", group_pairs, digests, threshold)
    rss_growth = maxrss_mb() - rss_before
    peak = peak_memory(digests, threshold) / 2**20
    return _rows(corpus.texts, corpus.cluster, groups, threshold, {
        "count": count, "fp": fp_time, "took": took, "ref": ref, "peak": peak,
        "rss": rss_growth})


def _rows(texts: list[str], cluster: list[int], groups: list[list[int]], threshold: float,
          m: dict[str, float]) -> list[Row]:
    truth, found = planted_pairs(cluster), pairs_of(groups)
    findable = {p for p in truth if jaccard(texts[p[0]], texts[p[1]]) >= threshold}
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    recall_findable = len(found & findable) / len(findable) if findable else 1.0
    n = int(m["count"])
    return [
        Row(NAME, f"fingerprints of {n:,} texts (at ingest)",
            f"{m['fp']:.2f} s, {rate(n, m['fp'], 'docs')}"),
        Row(NAME, f"group_pairs over {n:,} digests", f"{m['took']:.2f} s",
            f"sha256 + dict of digests {m['ref']:.3f} s", m["took"] / m["ref"],
            f"< {GOAL_SECONDS:g} s", m["took"] < GOAL_SECONDS),
        Row(NAME, "group_pairs peak Python memory", f"{m['peak']:.1f} MiB",
            f"maxrss grew {m['rss']:.1f} MiB in the timed run"),
        Row(NAME, f"groups found / planted pairs (threshold {threshold:g})",
            f"{len(groups):,} groups, {len(found):,} pairs", f"{len(truth):,} planted pairs, "
            f"{len(findable):,} with true Jaccard >= {threshold:g}"),
        Row(NAME, "precision / recall vs planted pairs",
            f"{precision:.3f} / {recall:.3f}",
            f"recall of pairs with Jaccard >= {threshold:g}: {recall_findable:.3f}"),
    ]
