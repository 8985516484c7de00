"""Matching: is a new candidate an incident we already have? Same type, overlapping dates,
the same or a nearby place, shared figures — five articles about one shelling should become
one incident with five sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.gazetteer.places import Place
from rightsledger.gazetteer.resolve import distance_km
from rightsledger.records import places
from rightsledger.review import neighbourhood

NEAR_KM = 15.0  # places closer than this may be one incident ("Stepanakert" / "Shushi")


@dataclass(frozen=True)
class Match:
    incident_id: int
    score: int
    reasons: tuple[str, ...]


def best_match(conn: Connection, incident: dict[str, Any],
               figures: frozenset[int] = frozenset()) -> Match | None:
    """The existing, undecided-or-accepted incident this one most likely repeats, if any.

    Its neighbourhood is looked up through indexes: the incidents of the same type whose
    dates overlap and that share a place or lie near one (an undated incident needs the same
    place); only those few are scored.
    """
    best: Match | None = None
    for other_id, other in plausible_repeats(conn, incident).items():
        match = _score(conn, incident, other_id, other, figures)
        if best is None or (match.score, -match.incident_id) > (best.score, -best.incident_id):
            best = match  # on a tie, the older incident: the one people have seen longest
    return best


def plausible_repeats(conn: Connection, incident: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Incident id → its dates and place ids, for the plausible repeats of ``incident``: its
    neighbourhood, looked up through indexes (review/neighbourhood.py)."""
    mine = incident.get("places") or []
    return neighbourhood.plausible_repeats(conn, incident, _near(conn, mine) if mine else [])


def _near(conn: Connection, place_ids: list[str]) -> list[str]:
    """The given places and the stored places within NEAR_KM of one of them (remembered for
    the transaction: places are only added, never moved)."""
    cache = conn.info.setdefault("near_places", {})
    if cache.get("scope") is not conn.get_transaction():
        cache.clear()
        cache["scope"] = conn.get_transaction()
    key = tuple(sorted(place_ids))
    if key not in cache:
        cache[key] = _near_now(conn, place_ids)
    return list(cache[key])


def _near_now(conn: Connection, place_ids: list[str]) -> list[str]:
    t = schema.places
    points = places.get_many(conn, place_ids).values()
    near = set(place_ids)
    for point in points:
        if point["lat"] is None or point["lon"] is None:
            continue
        box = NEAR_KM / 111.0  # degrees of latitude; longitude degrees are shorter still
        rows = conn.execute(select(t).where(t.c.lat.between(point["lat"] - box,
                                                            point["lat"] + box),
                                            t.c.lon.between(point["lon"] - 2 * box,
                                                            point["lon"] + 2 * box))).mappings()
        near |= {r["id"] for r in rows if _km(point, dict(r)) <= NEAR_KM}
    return sorted(near)


def _score(conn: Connection, incident: dict[str, Any], other_id: int, other: dict[str, Any],
           figures: frozenset[int]) -> Match:
    reasons = ["same type"]
    if incident.get("date_start") and other["date_start"]:
        reasons.append("same day" if incident["date_start"] == other["date_start"]
                       and incident.get("date_end") == other["date_end"] else "dates overlap")
    where = _place_relation(conn, incident.get("places") or [], other["places"])
    reasons.append(where or "places apart")
    shared = figures & _figures_of(conn, other_id) if figures else set()
    if shared:
        reasons.append("same figures: " + ", ".join(map(str, sorted(shared))))
    score = len(reasons) + (where == "same place") + ("same day" in reasons)
    return Match(other_id, score, tuple(reasons))


def _place_relation(conn: Connection, mine: list[str], theirs: list[str]) -> str | None:
    """'same place', 'nearby (N km)', 'no place given', or None when they are apart."""
    if not mine or not theirs:
        return "no place given"
    if set(mine) & set(theirs):
        return "same place"
    points = places.get_many(conn, [*mine, *theirs])
    nearest = min(_km(points.get(a), points.get(b)) for a in mine for b in theirs)
    return f"nearby ({nearest:.0f} km)" if nearest <= NEAR_KM else None


def _km(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float:
    if not a or not b:
        return float("inf")
    return distance_km(_point(a), _point(b))


def _point(row: dict[str, Any]) -> Place:
    return Place(id=row["id"], name=row["name"], kind=row["kind"], country=row["country"] or "",
                 lat=row["lat"], lon=row["lon"])


def _figures_of(conn: Connection, incident_id: int) -> set[int]:
    c = schema.claims
    stmt = select(c.c.killed_best, c.c.injured_best).where(c.c.incident_id == incident_id)
    return {v for row in conn.execute(stmt) for v in row if v}
