"""Acts: who did what to whom inside an incident ("armed forces shelled a school")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, rows


def add(conn: Connection, incident_id: int, values: dict[str, Any], actor: str) -> int:
    """An act inside an incident: ``by`` (actor name), ``act`` (what), ``target`` or
    ``victim_id`` (to whom)."""
    rows.fetch(conn, schema.incidents, incident_id, "incident")
    if not values.get("act"):
        raise BadInput("act: say what was done (e.g. 'shelled', 'detained')")
    if values.get("victim_id") is not None:
        rows.fetch(conn, schema.victims, int(values["victim_id"]), "victim")
    by = values.get("by")
    row = {"incident_id": incident_id, "act": values["act"], "target": values.get("target"),
           "victim_id": values.get("victim_id"),
           "actor_id": actors.resolve(conn, by, actor) if by else None}
    act_id = rows.insert(conn, schema.acts, row, actor)
    audit.write(conn, actor, "create", "act", act_id, after=row)
    return act_id


def of_incident(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    t = schema.acts
    names = actors.names(conn)
    found = conn.execute(select(t).where(t.c.incident_id == incident_id).order_by(t.c.id))
    return [{**dict(r), "by": names.get(r["actor_id"])} for r in found.mappings()]
