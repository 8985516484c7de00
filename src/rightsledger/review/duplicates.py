"""Group near-duplicate sources (the same press release republished by several outlets).

MinHash digests (rensa, computed at ingest) are banded for locality-sensitive hashing:
16 bands of 8 rows select candidate pairs around a Jaccard of 0.7, and each candidate pair
is kept when the share of equal digest values reaches the threshold. Groups are the
connected components; each is named by the id of its earliest source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rightsledger.db import RecordStore
from rightsledger.evidence.fingerprint import NUM_PERM, unpack

BANDS = 16
ROWS = NUM_PERM // BANDS


def group_pairs(digests: Iterable[tuple[int, bytes]], threshold: float) -> list[list[int]]:
    """Groups (lists of source numbers, ascending) of near-duplicates among ``digests``."""
    values: dict[int, bytes] = {}
    buckets: dict[bytes, list[int]] = defaultdict(list)
    width = ROWS * 4
    for num, digest in digests:
        values[num] = digest
        for b in range(BANDS):
            buckets[bytes([b]) + digest[b * width:(b + 1) * width]].append(num)
    parent: dict[int, int] = {}
    for members in buckets.values():
        for other in members[1:]:
            if _similarity(values[members[0]], values[other]) >= threshold:
                _union(parent, members[0], other)
    return _components(parent)


def _similarity(a: bytes, b: bytes) -> float:
    ua, ub = unpack(a), unpack(b)
    return sum(x == y for x, y in zip(ua, ub, strict=True)) / NUM_PERM


def _find(parent: dict[int, int], x: int) -> int:
    while parent.get(x, x) != x:
        parent[x] = parent.get(parent[x], parent[x])
        x = parent[x]
    return x


def _union(parent: dict[int, int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _components(parent: dict[int, int]) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        groups[_find(parent, x)].append(x)
    for root, members in groups.items():
        if root not in members:
            members.append(root)
    return [sorted(m) for m in groups.values()]


def regroup(store: RecordStore, threshold: float) -> int:
    """Recompute every source's near-duplicate group; return the number of groups.

    Digests never change and sources are never removed, so groups only grow or merge:
    every member of every group found now is (re)assigned, nothing needs clearing.
    """
    groups = group_pairs(store.digests(), threshold)
    ids = store.ids_of([g[0] for g in groups])
    store.set_dup_groups({n: ids[g[0]] for g in groups for n in g})
    return len(groups)
