"""Figures a publication states, always as ranges over what the sources claim.

An incident's killed (or injured) is the range from the lowest figure any source asserts to
the highest, never one number chosen by us; a total is the sum of the lows to the sum of the
highs. Denials add nothing to a range; they are shown beside it (claims side by side).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FIGURES = ("killed", "injured")


def claimed_range(incident: dict[str, Any], figure: str) -> tuple[int, int] | None:
    """(lowest, highest) of ``figure`` over the incident's asserting claims, or None."""
    lows, highs = [], []
    for c in incident.get("claims", []):
        if c.get("stance") != "asserts":
            continue
        values = [c.get(f"{figure}_{k}") for k in ("min", "best", "max")]
        known = [v for v in values if v is not None]
        if known:
            lows.append(min(known))
            highs.append(max(known))
    return (min(lows), max(highs)) if lows else None


def total(incidents: Iterable[dict[str, Any]], figure: str) -> tuple[int, int] | None:
    """The sum of the incidents' ranges, or None when no source gives the figure."""
    ranges = [r for r in (claimed_range(i, figure) for i in incidents) if r]
    if not ranges:
        return None
    return sum(r[0] for r in ranges), sum(r[1] for r in ranges)


def shown(value: tuple[int, int] | None) -> str:
    """A range for people: "12", "12–30", or "not reported"."""
    if value is None:
        return "not reported"
    low, high = value
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def first_point(incident: dict[str, Any], places: dict[str, dict[str, Any]]
                ) -> tuple[float, float] | None:
    """(lat, lon) of the incident's first place that has coordinates."""
    for pid in incident.get("places", []):
        place = places.get(pid) or {}
        if place.get("lat") is not None and place.get("lon") is not None:
            return float(place["lat"]), float(place["lon"])
    return None
