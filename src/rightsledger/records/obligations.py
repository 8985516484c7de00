"""Obligations — court orders, resolutions, agreements — and the observations of whether
their addressee complies, each linked to the incident or disruption that shows it.

The status on a day comes from the latest observation up to that day; with none, an
obligation is "pending" until its deadline has passed, then "overdue".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, rows
from rightsledger.records.dates import parse_day

KINDS = ("court_order", "resolution", "agreement")
FINDINGS = ("complied", "partial", "not_complied")
FIELDS = ("kind", "issuer", "addressee", "title", "text", "date", "deadline", "source_num")
OBSERVED = ("date", "finding", "incident_id", "disruption_id", "note")
EVIDENCE = ("id", "date", "finding", "incident_id", "disruption_id", "note")


def add(conn: Connection, values: dict[str, Any], actor: str) -> int:
    """An obligation: ``kind``, ``issuer`` and ``addressee`` (actor names), ``title`` and
    ``date`` are required; a ``deadline`` may not come before the date."""
    row = _plain(values)
    row["issuer_id"] = actors.resolve(conn, values["issuer"], actor)
    row["addressee_id"] = actors.resolve(conn, values["addressee"], actor)
    obligation_id = rows.insert(conn, schema.obligations, row, actor)
    audit.write(conn, actor, "create", "obligation", obligation_id, after=row)
    return obligation_id


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """The fields checked without the database (so a bad one writes nothing)."""
    _refuse_unknown(values, FIELDS, "an obligation")
    _choice(values.get("kind"), "kind", KINDS)
    for field in ("issuer", "addressee", "title"):
        if not isinstance(values.get(field), str) or not values[field].strip():
            raise BadInput(f"{field}: an obligation needs its {field}")
    day = _required_day(values.get("date"), "the day it was issued")
    deadline = parse_day(values.get("deadline"), "deadline")
    if deadline is not None and deadline < day:
        raise BadInput(f"deadline: {deadline} is before the date {day}")
    return {"kind": values["kind"], "title": values["title"].strip(),
            "text": values.get("text") or "", "date": day.isoformat(),
            "deadline": deadline.isoformat() if deadline else None,
            "source_num": rows.record_id(values.get("source_num"), "source_num")}


def observe(conn: Connection, obligation_id: int, values: dict[str, Any], actor: str) -> int:
    """An observation of compliance: ``date`` and ``finding`` (complied, partial,
    not_complied), optionally the ``incident_id`` or ``disruption_id`` that shows it."""
    obligation = rows.fetch(conn, schema.obligations, obligation_id, "obligation")
    row = _observation(obligation, values)
    if row["incident_id"] is not None:
        rows.fetch(conn, schema.incidents, row["incident_id"], "incident")
    if row["disruption_id"] is not None:
        rows.fetch(conn, schema.disruptions, row["disruption_id"], "disruption")
    observation_id = rows.insert(conn, schema.observations, row, actor)
    audit.write(conn, actor, "create", "observation", observation_id, after=row)
    return observation_id


def _observation(obligation: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    _refuse_unknown(values, OBSERVED, "an observation")
    _choice(values.get("finding"), "finding", FINDINGS)
    day = _required_day(values.get("date"), "the day it was observed").isoformat()
    if day < obligation["date"]:
        raise BadInput(f"date: {day} is before the obligation was issued "
                       f"({obligation['date']})")
    return {"obligation_id": obligation["id"], "date": day, "finding": values["finding"],
            "incident_id": rows.record_id(values.get("incident_id"), "incident_id"),
            "disruption_id": rows.record_id(values.get("disruption_id"), "disruption_id"),
            "note": values.get("note") or ""}


def _refuse_unknown(values: dict[str, Any], fields: tuple[str, ...], noun: str) -> None:
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise BadInput(f"{unknown[0]}: not a field of {noun} (fields: {', '.join(fields)})")


def _choice(value: Any, field: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise BadInput(f"{field}: '{value}' is not one of {', '.join(choices)}")


def _required_day(value: Any, what: str) -> date:
    day = parse_day(value, "date")
    if day is None:
        raise BadInput(f"date: give {what} (YYYY-MM-DD)")
    return day


def status_on(obligation: dict[str, Any], observations: list[dict[str, Any]],
              on: date) -> dict[str, Any]:
    """The status on a day: the latest observation's finding up to then; with none,
    "overdue" once the deadline has passed, else "pending"."""
    day = on.isoformat()
    seen = sorted((o for o in observations if o["date"] <= day),
                  key=lambda o: (o["date"], o.get("id") or 0))
    evidence = [{k: o.get(k) for k in EVIDENCE} for o in seen]
    if seen:
        return {"status": seen[-1]["finding"], "since": seen[-1]["date"], "evidence": evidence}
    deadline = obligation.get("deadline")
    late = deadline is not None and deadline < day
    return {"status": "overdue" if late else "pending", "since": None, "evidence": []}


def find(conn: Connection, on: date | None = None) -> list[dict[str, Any]]:
    """Obligations, newest first, each with "issuer" and "addressee" names, its
    "observations" and its status on ``on`` (else today): "status", "since", "evidence"."""
    t = schema.obligations
    found = conn.execute(select(t).order_by(t.c.date.desc(), t.c.id.desc())).mappings()
    names, seen = actors.names(conn), _observations(conn)
    return [_shaped(rows.decode(r), names, seen.get(r["id"], []), on or date.today())
            for r in found]


def get(conn: Connection, obligation_id: int, on: date | None = None) -> dict[str, Any]:
    """One obligation in the shape of :func:`find`."""
    row = rows.fetch(conn, schema.obligations, obligation_id, "obligation")
    seen = _observations(conn, obligation_id).get(obligation_id, [])
    return _shaped(row, actors.names(conn), seen, on or date.today())


def _observations(conn: Connection,
                  obligation_id: int | None = None) -> dict[int, list[dict[str, Any]]]:
    t = schema.observations
    stmt = select(t).order_by(t.c.date, t.c.id)
    if obligation_id is not None:
        stmt = stmt.where(t.c.obligation_id == obligation_id)
    out: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt).mappings():
        out.setdefault(r["obligation_id"], []).append(rows.decode(r))
    return out


def _shaped(row: dict[str, Any], names: dict[int, str], observations: list[dict[str, Any]],
            on: date) -> dict[str, Any]:
    return {**row, "issuer": names.get(row["issuer_id"]),
            "addressee": names.get(row["addressee_id"]), "observations": observations,
            **status_on(row, observations, on)}
