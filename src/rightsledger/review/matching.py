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

NEAR_KM = 15.0  # places closer than this may be one incident ("Stepanakert" / "Shushi")


@dataclass(frozen=True)
class Match:
    incident_id: int
    score: int
    reasons: tuple[str, ...]


def best_match(conn: Connection, incident: dict[str, Any],
               figures: frozenset[int] = frozenset()) -> Match | None:
    """The existing, undecided-or-accepted incident this one most likely repeats, if any."""
    best: Match | None = None
    for other in _same_type_and_time(conn, incident):
        match = _score(conn, incident, other, figures)
        if match and (best is None or match.score > best.score):
            best = match
    return best


def _same_type_and_time(conn: Connection, incident: dict[str, Any]) -> list[dict[str, Any]]:
    t = schema.incidents
    stmt = select(t.c.id, t.c.date_start, t.c.date_end).where(
        t.c.type == incident["type"], t.c.status.in_(("proposed", "accepted")),
        t.c.id != incident.get("id", 0))
    if incident.get("date_start"):
        stmt = stmt.where((t.c.date_end >= incident["date_start"]) | t.c.date_end.is_(None))
    if incident.get("date_end"):
        stmt = stmt.where((t.c.date_start <= incident["date_end"]) | t.c.date_start.is_(None))
    return [dict(r) for r in conn.execute(stmt.order_by(t.c.id).limit(500)).mappings()]


def _score(conn: Connection, incident: dict[str, Any], other: dict[str, Any],
           figures: frozenset[int]) -> Match | None:
    reasons = ["same type"]
    if incident.get("date_start") and other["date_start"]:
        reasons.append("same day" if incident["date_start"] == other["date_start"]
                       and incident.get("date_end") == other["date_end"] else "dates overlap")
    where = _place_relation(conn, incident.get("places") or [], _places_of(conn, other["id"]))
    if where is None:
        return None
    reasons.append(where)
    shared = figures & _figures_of(conn, other["id"])
    if shared:
        reasons.append("same figures: " + ", ".join(map(str, sorted(shared))))
    score = len(reasons) + (where == "same place") + ("same day" in reasons)
    return Match(other["id"], score, tuple(reasons))


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


def _places_of(conn: Connection, incident_id: int) -> list[str]:
    t = schema.incident_places
    return list(conn.execute(select(t.c.place_id).where(t.c.incident_id == incident_id))
                .scalars())


def _figures_of(conn: Connection, incident_id: int) -> set[int]:
    c = schema.claims
    stmt = select(c.c.killed_best, c.c.injured_best).where(c.c.incident_id == incident_id)
    return {v for row in conn.execute(stmt) for v in row if v}
