"""Choose among places that share a name ("Martuni": one in Nagorno-Karabakh, two in Armenia).

The places named unambiguously in the same text are the context (countries left out: they
are too large to point anywhere). A candidate is preferred when it lies in a region the
context lies in (same parent, or same GeoNames admin area), then when it is nearer to the
context (in 50 km steps, so that near-ties fall through; beyond 150 km all are equally far),
then when it is more populous.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import TypeVar

from rightsledger.gazetteer.places import Place, by_id, regions

Key = TypeVar("Key", bound=Hashable)
STEP_KM = 50.0
FAR_STEPS = 3  # beyond 150 km the context no longer says which candidate is meant


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine); infinite when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _context(places: Iterable[Place]) -> tuple[list[Place], frozenset[str]]:
    index = by_id()
    context = list({p.id: p for p in places if p.kind != "country"}.values())
    around: set[str] = set()
    for place in context:
        around |= regions(place, index)
        if place.kind == "region":
            around.add(place.id)
            if place.admin1:
                around.add(f"{place.country}:{place.admin1}")
    return context, frozenset(around)


def rank(candidate: Place, context: list[Place], around: frozenset[str]) -> tuple:
    """Sort key: lower is better."""
    shared = bool(regions(candidate, by_id()) & around) or candidate.id in around
    nearest = min((distance_km(candidate, c) for c in context), default=0.0)
    steps = min(math.floor(nearest / STEP_KM), FAR_STEPS) if math.isfinite(nearest) else FAR_STEPS
    return (not shared, steps, -candidate.population, candidate.id)


def resolve(mentions: dict[Key, tuple[Place, ...]]) -> dict[Key, Place]:
    """One place per mention: the only candidate, or the best ranked in the text's context."""
    context, around = _context(ps[0] for ps in mentions.values() if len(ps) == 1)
    best: dict[tuple[Place, ...], Place] = {}
    for candidates in mentions.values():
        if candidates not in best:
            best[candidates] = min(candidates, key=lambda c: rank(c, context, around))
    return {key: best[ps] for key, ps in mentions.items()}
