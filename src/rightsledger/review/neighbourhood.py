"""The neighbourhood of an incident: the existing incidents it may repeat, looked up through
indexes, never by scanning every incident of its type.

A plausible repeat has the same type, is proposed or accepted, and (when the incident is
dated) its dates overlap; when the incident has places, the repeat shares or lies near one
(an undated incident needs one of those places; a dated one also meets repeats without any
place). Of those, the newest ``LIMIT`` rows (incident, place), newest first and a place's id
breaking a tie, are the neighbourhood: enough to offer a merge.

An overlapping incident either starts within the incident's own dates, or starts before them
and ends within or after them. The first kind is a range of the index on (type, start day).
The second kind spans more than a day: either its days lie within one month, so it starts in
the month of the incident's first day (a short range of a partial index), or it spans months
or is open, and it is found newest first in a partial index of those, stopping at ``LIMIT``
rows. An undated incident walks, for each of its places, that place's incidents newest first.
The work per incident is then bounded by the incidents of its type in its month and the
``LIMIT`` newest of the others, not by the size of the ledger (db/schema.py lists the
indexes, migration 0011 adds them to older ledgers).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, Integer, Select, String, bindparam, func, select, text

from rightsledger.db import schema

LIMIT = 50  # the newest plausible repeats are enough to offer a merge
ACTIVE = ("proposed", "accepted")
SHORT_DAYS = 31  # an incident spanning more days than this walks its range newest first

Row = tuple[int, str | None, str | None, str | None]  # incident id, start, end, place id


def plausible_repeats(conn: Connection, incident: dict[str, Any],
                      near: list[str]) -> dict[int, dict[str, Any]]:
    """Incident id → its dates and the place ids it matched on, for the neighbourhood of
    ``incident`` (``near``: its places and the places near them, empty when it has none)."""
    if incident.get("date_start"):
        rows = _dated(conn, incident, near)
    elif near:
        rows = _undated(conn, incident, near)
    else:
        return {}
    return grouped(newest(rows))


def newest(rows: list[Row]) -> list[Row]:
    """The ``LIMIT`` newest rows, a place's id breaking a tie (one order on every engine)."""
    unique = set(rows)
    return sorted(unique, key=lambda r: (-r[0], r[3] or ""))[:LIMIT]


def grouped(rows: list[Row]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for incident_id, start, end, place_id in rows:
        entry = found.setdefault(incident_id, {"date_start": start, "date_end": end,
                                               "places": []})
        if place_id:
            entry["places"].append(place_id)
    return found


def _params(incident: dict[str, Any], near: list[str]) -> dict[str, Any]:
    start = incident.get("date_start") or ""
    return {"type_": incident["type"], "own": incident.get("id", 0), "start": start,
            "end": incident.get("date_end") or "9999", "month": start[:7] + "-01",
            "near": near, "limit": LIMIT}


@cache
def _statement(branch: str, near: bool) -> Select[Any]:
    """The query of one branch, built once: its values are bound at each execution.

    ``within`` starts within the incident's dates, ``month`` spans days of one month and
    starts before them, ``longer`` spans months or is open and starts before them; ``newest``
    is ``within`` compared as an expression, which no index serves, so that SQLite walks the
    type's incidents newest first instead of sorting a long range of days.
    """
    t, p = schema.incidents, schema.incident_places
    first: Any = func.coalesce(t.c.date_start, "") if branch == "newest" else t.c.date_start
    stmt = (select(t.c.id, t.c.date_start, t.c.date_end, p.c.place_id)
            .select_from(t).outerjoin(p, p.c.incident_id == t.c.id)
            .where(t.c.type == bindparam("type_", type_=String), t.c.status.in_(ACTIVE),
                   t.c.id != bindparam("own", type_=Integer), first != "",
                   (t.c.date_end >= bindparam("start", type_=String)) | t.c.date_end.is_(None),
                   first <= bindparam("end", type_=String)))
    if near:
        stmt = stmt.where(p.c.place_id.in_(bindparam("near", expanding=True, type_=String))
                          | p.c.place_id.is_(None))
    if branch in ("within", "newest"):
        stmt = stmt.where(first >= bindparam("start", type_=String))
    elif branch == "month":
        stmt = stmt.where(text(schema.MONTH_SPAN), first >= bindparam("month", type_=String),
                          first < bindparam("start", type_=String))
    else:
        stmt = stmt.where(text(schema.LONG_SPAN), first < bindparam("start", type_=String))
    return stmt


def _dated(conn: Connection, incident: dict[str, Any], near: list[str]) -> list[Row]:
    values = _params(incident, near)
    if _wide(incident):
        rows = _walk(conn, _statement("newest", bool(near)), values)
    else:
        rows = _all(conn, _statement("within", bool(near)), values)
    return (rows + _all(conn, _statement("month", bool(near)), values)
            + _walk(conn, _statement("longer", bool(near)), values))


def _wide(incident: dict[str, Any]) -> bool:
    end = incident.get("date_end")
    if not end:
        return True
    days = date.fromisoformat(end) - date.fromisoformat(incident["date_start"])
    return days.days > SHORT_DAYS


@cache
def _of_place() -> Select[Any]:
    t, p = schema.incidents, schema.incident_places
    return (select(t.c.id, t.c.date_start, t.c.date_end, p.c.place_id)
            .select_from(p).join(t, t.c.id == p.c.incident_id)
            .where(p.c.place_id == bindparam("place", type_=String),
                   t.c.type == bindparam("type_", type_=String),
                   t.c.status.in_(ACTIVE), t.c.id != bindparam("own", type_=Integer))
            .order_by(p.c.incident_id.desc()).limit(bindparam("limit", type_=Integer)))


def _undated(conn: Connection, incident: dict[str, Any], near: list[str]) -> list[Row]:
    """For each place, that place's incidents of the type, newest first."""
    values = _params(incident, near)
    rows: list[Row] = []
    for place_id in near:
        rows += _all(conn, _of_place(), {**values, "place": place_id})
    return rows


def _all(conn: Connection, stmt: Select[Any], values: dict[str, Any]) -> list[Row]:
    return [tuple(r) for r in conn.execute(stmt, values)]  # type: ignore[misc]


@cache
def _newest_first(stmt: Select[Any]) -> tuple[Select[Any], Select[Any]]:
    t = schema.incidents
    return (stmt.order_by(t.c.id.desc()).limit(bindparam("limit", type_=Integer)),
            stmt.where(t.c.id == bindparam("last", type_=Integer)))


def _walk(conn: Connection, stmt: Select[Any], values: dict[str, Any]) -> list[Row]:
    """The rows of the ``LIMIT`` newest incidents of ``stmt``, walking an index newest
    first; the oldest of them is completed when the limit cut its places."""
    limited, one = _newest_first(stmt)
    rows = _all(conn, limited, values)
    if len(rows) < LIMIT:
        return rows
    last = rows[-1][0]
    return [r for r in rows if r[0] != last] + _all(conn, one, {**values, "last": last})
