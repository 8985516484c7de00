"""Statements: what an actor said, when, to whom, and what it demanded. A response is a
statement answering another one, and is shown under it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, rows
from rightsledger.records.dates import parse_day

FIELDS = ("by", "date", "to", "text", "demands", "source_num", "response_to")


def add(conn: Connection, values: dict[str, Any], actor: str) -> int:
    """A statement ``by`` an actor (required), optionally ``to`` another, with its
    ``demands``; ``response_to`` is the id of the statement it answers."""
    row = _plain(values)
    if row["response_to"] is not None:
        rows.fetch(conn, schema.statements, row["response_to"], "statement to respond to")
    row["author_id"] = actors.resolve(conn, values["by"], actor)
    to = values.get("to")
    row["addressee_id"] = actors.resolve(conn, to, actor) if to else None
    statement_id = rows.insert(conn, schema.statements, row, actor)
    audit.write(conn, actor, "create", "statement", statement_id, after=row)
    return statement_id


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """The fields checked without the database (so a bad one writes nothing)."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise BadInput(f"{unknown[0]}: not a field of a statement "
                       f"(fields: {', '.join(FIELDS)})")
    if not isinstance(values.get("by"), str) or not values["by"].strip():
        raise BadInput("by: a statement needs its author (an actor's name)")
    day = parse_day(values.get("date"), "date")
    return {"date": day.isoformat() if day else None, "text": values.get("text") or "",
            "demands": _demands(values.get("demands")),
            "source_num": rows.record_id(values.get("source_num"), "source_num"),
            "response_to": rows.record_id(values.get("response_to"), "response_to")}


def _demands(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(d, str) for d in value):
        raise BadInput("demands: give a list of demands, each in words")
    return [d.strip() for d in value if d.strip()]


def find(conn: Connection, by: str | None = None) -> list[dict[str, Any]]:
    """Statements (by one actor), newest first, each with "by" and "to" as names and its
    "responses" (oldest first, without their own responses)."""
    t = schema.statements
    stmt = select(t).order_by(t.c.date.desc().nulls_last(), t.c.id.desc())
    if by is not None:
        stmt = stmt.where(t.c.author_id.in_(_one_actor(conn, by)))
    names = actors.names(conn)
    found = [_shaped(r, names) for r in conn.execute(stmt).mappings()]
    replies = _responses(conn, [s["id"] for s in found], names)
    return [{**s, "responses": replies.get(s["id"], [])} for s in found]


def _responses(conn: Connection, ids: list[int],
               names: dict[int, str]) -> dict[int, list[dict[str, Any]]]:
    t = schema.statements
    stmt = (select(t).where(t.c.response_to.in_(ids))
            .order_by(t.c.date.nulls_last(), t.c.id))
    out: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt).mappings():
        out.setdefault(r["response_to"], []).append(_shaped(r, names))
    return out


def _shaped(row: Any, names: dict[int, str]) -> dict[str, Any]:
    out = rows.decode(row)
    to = out["addressee_id"]
    return {**out, "by": names.get(out["author_id"]), "to": names.get(to) if to else None}


def _one_actor(conn: Connection, name: str) -> list[int]:
    found = actors.find(conn, name)
    return [] if found is None else [found]
