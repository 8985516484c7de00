"""Disruptions: gas, electricity, internet, mobile, water, roads, food, medicine cut off for
an area — from a start day to an end day, or ongoing while the end is empty — with the
population affected, the cause and whom it is attributed to.

"Day N" counts from the start: a corridor closed on 2022-12-12 is on day 100 on 2023-03-21.
Every count is as of a day (``counted``): by default the ledger's latest day of data, not
today, so a ledger read years later still counts to what it knows; an ended cut counts its
length ("3 days"), one going on "day N as of <date>".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, places, rows
from rightsledger.records.dates import day_number, parse_day

KINDS = ("gas", "electricity", "internet", "mobile", "water", "road", "food", "medicine")
FIELDS = ("kind", "area", "place", "population", "start", "end", "cause", "attributed_to",
          "description", "sources")


def add(conn: Connection, values: dict[str, Any], actor: str) -> int:
    """A new disruption: ``kind``, ``area`` and ``start`` are required; no ``end`` means
    it is still going on."""
    for field in ("kind", "area", "start"):
        if values.get(field) in (None, ""):
            raise BadInput(f"{field}: a disruption needs its {field}")
    row = _checked(conn, {"description": "", "sources": [], **values}, actor)
    _check_order(row["start"], row.get("end"))
    disruption_id = rows.insert(conn, schema.disruptions, row, actor)
    audit.write(conn, actor, "create", "disruption", disruption_id, after=row)
    return disruption_id


def edit(conn: Connection, disruption_id: int, changes: dict[str, Any], actor: str,
         expected_version: int | None) -> dict[str, Any]:
    """Change fields of a disruption, refusing if it changed since ``expected_version``."""
    return _change(conn, disruption_id, changes, actor, expected_version, "edit")


def end(conn: Connection, disruption_id: int, end_day: str | date, actor: str,
        expected_version: int | None) -> dict[str, Any]:
    """Close an ongoing disruption on ``end_day`` (its last day)."""
    current = rows.fetch(conn, schema.disruptions, disruption_id, "disruption")
    if end_day in (None, ""):
        raise BadInput("end: give the last day of the disruption (YYYY-MM-DD)")
    if current["end"] is not None and expected_version in (None, current["version"]):
        raise BadInput(f"end: disruption {disruption_id} already ended on {current['end']} "
                       "(edit it to change the end)")
    return _change(conn, disruption_id, {"end": str(end_day)}, actor, expected_version, "end")


def _change(conn: Connection, disruption_id: int, changes: dict[str, Any], actor: str,
            expected_version: int | None, action: str) -> dict[str, Any]:
    current = rows.fetch(conn, schema.disruptions, disruption_id, "disruption")
    row = _checked(conn, changes, actor)
    _check_order(row.get("start", current["start"]), row.get("end", current["end"]))
    before = rows.update_checked(conn, schema.disruptions, disruption_id, row, actor,
                                 expected_version, "disruption")
    audit.write(conn, actor, action, "disruption", disruption_id,
                before={k: before[k] for k in row}, after=row)
    return get(conn, disruption_id)


def _checked(conn: Connection, values: dict[str, Any], actor: str) -> dict[str, Any]:
    """Column values from the given fields, or BadInput naming the first bad field."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise BadInput(f"{unknown[0]}: not a field of a disruption "
                       f"(fields: {', '.join(FIELDS)})")
    row = _plain(values)
    if values.get("place") not in (None, ""):
        row["place_id"] = places.resolve(conn, str(values["place"]))
    elif "place" in values:
        row["place_id"] = None
    if "attributed_to" in values:
        who = values["attributed_to"]
        row["actor_id"] = actors.resolve(conn, who, actor) if who else None
    return row


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """The fields checked without the database (so a bad one writes nothing)."""
    return {field: check(values[field]) for field, check in _CHECKS.items() if field in values}


def _kind(value: Any) -> str:
    if value not in KINDS:
        raise BadInput(f"kind: '{value}' is not one of {', '.join(KINDS)}")
    return str(value)


def _area(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInput("area: say where (e.g. 'Stepanakert', 'all of Nagorno-Karabakh')")
    return value.strip()


def _population(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"population: '{value}' is not a number of people "
                       "(a whole number, 0 or more)")
    return value


def _sources(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(s, str) for s in value):
        raise BadInput("sources: give a list of source ids")
    return list(dict.fromkeys(value))


def _day(field: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        day = parse_day(value, field)
        return day.isoformat() if day else None
    return check


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "kind": _kind, "area": _area, "population": _population, "sources": _sources,
    "start": _day("start"), "end": _day("end"), "cause": lambda v: v or None,
    "description": lambda v: v or ""}


def _check_order(start: str | None, end_day: str | None) -> None:
    if start is None:
        raise BadInput("start: a disruption needs its start (YYYY-MM-DD)")
    if end_day is not None and end_day < start:
        raise BadInput(f"end: {end_day} is before the start {start}")


def get(conn: Connection, disruption_id: int) -> dict[str, Any]:
    """One disruption, with the name of whom it is attributed to."""
    row = rows.fetch(conn, schema.disruptions, disruption_id, "disruption")
    found = actors.get(conn, row["actor_id"])
    return {**row, "attributed_to": found["name"] if found else None}


def find(conn: Connection, kind: str | None = None, on: date | None = None,
         as_of: date | None = None) -> list[dict[str, Any]]:
    """Disruptions (of one kind), oldest start first; with ``on``, only those active that
    day. Each is counted as of ``as_of`` (default ``on``, else the ledger's latest day of
    data: see ``as_of_day``): its "day", whether it is "ongoing" and its "count" in words."""
    t = schema.disruptions
    stmt = select(t).order_by(t.c.start, t.c.id)
    if kind is not None:
        stmt = stmt.where(t.c.kind == _kind(kind))
    if on is not None:
        day = on.isoformat()
        stmt = stmt.where(t.c.start <= day, or_(t.c.end.is_(None), t.c.end >= day))
    names = actors.names(conn)
    found = [rows.decode(r) for r in conn.execute(stmt).mappings()]
    counted_to = as_of or on or as_of_day(conn)
    return [{**counted(r, counted_to),
             "attributed_to": names.get(r["actor_id"]) if r["actor_id"] else None}
            for r in found]


def counted(cut: dict[str, Any], as_of: date) -> dict[str, Any]:
    """``cut`` counted as of a day, the one count every page and command shows.

    Ended by then (its end, its last day, before ``as_of``): "day" is its length, "count"
    "3 days". Going on then (its last day included): "day" is N of "day N as of 2023-03-21"
    (day 1 is its start). Not begun by then: no "day", and "count" says so. Never a negative
    number of days."""
    last = cut["end"] if cut["end"] and cut["end"] < as_of.isoformat() else None
    begun = cut["start"] <= as_of.isoformat()
    if last:
        day: int | None = day_number(cut["start"], date.fromisoformat(last))
        words = f"{day} day" + ("s" if day != 1 else "")
    elif begun:
        day = day_number(cut["start"], as_of)
        words = f"day {day} as of {as_of}"
    else:
        day, words = None, f"not begun as of {as_of}"
    return {**cut, "day": day, "ongoing": begun and not last, "as_of": as_of.isoformat(),
            "count": words}


def latest_day(conn: Connection, public: bool = False) -> date | None:
    """The latest day of the ledger's data, or None when it has none: the latest day of an
    incident, a disruption, a source's publication, a statement, an obligation or an
    observation of one. A day after today is not data (a typo, or a deadline to come).
    ``public``: only what the public view shows (accepted incidents, no sources)."""
    i, s = schema.incidents, schema.sources
    live = i.c.status.in_(("accepted",) if public else ("accepted", "proposed"))
    columns = [(i.c.date_start, live), (i.c.date_end, live),
               (schema.disruptions.c.start, None), (schema.disruptions.c.end, None),
               (schema.statements.c.date, None), (schema.obligations.c.date, None),
               (schema.observations.c.date, None)] + ([] if public else [(s.c.published, None)])
    today = date.today().isoformat()
    days = [conn.execute(select(func.max(column)).where(
        column <= today, func.length(column) == 10, *([] if where is None else [where]))
    ).scalar() for column, where in columns]
    found = [day for day in days if day]
    return date.fromisoformat(max(found)) if found else None


def as_of_day(conn: Connection, value: str | None = None, field: str = "as_of",
              public: bool = False) -> date:
    """The day to count to: ``value`` (an ISO day, else BadInput naming ``field``), or the
    ledger's latest day of data (``latest_day``), or today in a ledger without days."""
    return parse_day(value, field) or latest_day(conn, public) or date.today()


def on_day(conn: Connection, on: date) -> list[dict[str, Any]]:
    """What was cut off on one day, by kind (then by start), counted as of that day."""
    return sorted(find(conn, on=on), key=lambda r: r["kind"])
