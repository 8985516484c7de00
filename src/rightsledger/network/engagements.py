"""Engagements: press trips and conferences.

Dates, places from the gazetteer, participants (contacts by id, outside journalists by
name and outlet), the agenda, the materials handed out (photos, sources, exports, reports)
and the coverage that followed (sources in the ledger).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import audit, places, rows
from rightsledger.records.dates import parse_day

KINDS = ("press_trip", "conference")
MATERIALS = ("photo", "source", "export", "report", "story", "other")


def add(conn: Connection, values: dict[str, Any], actor: str) -> int:
    """Record a press trip or conference."""
    row = _checked(conn, values)
    engagement_id = rows.insert(conn, schema.engagements, row, actor)
    audit.write(conn, actor, "create", "engagement", engagement_id, after=row)
    return engagement_id


def _checked(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    kind = values.get("kind") or ""
    if kind not in KINDS:
        raise BadInput(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    title = str(values.get("title") or "").strip()
    start = parse_day(values.get("start"), "start")
    if not title or start is None:
        raise BadInput("an engagement needs a title and a start day")
    end = parse_day(values.get("end"), "end")
    if end and end < start:
        raise BadInput(f"end {end} is before start {start}")
    return {"kind": kind, "title": title, "start": start.isoformat(),
            "end": end.isoformat() if end else None,
            "place_ids": [places.resolve(conn, p) for p in values.get("places") or [] if p],
            "agenda": str(values.get("agenda") or "").strip(),
            "participants": [_participant(conn, p) for p in values.get("participants") or []],
            "materials": [_material(m) for m in values.get("materials") or []],
            "coverage": [_coverage(conn, c) for c in values.get("coverage") or []]}


def _participant(conn: Connection, value: Any) -> dict[str, Any]:
    """A contact ({"contact_id": 3} or "3") or an outside person ({"name", "outlet"})."""
    if isinstance(value, str) and value.strip().isdigit():
        value = {"contact_id": int(value)}
    if isinstance(value, dict) and value.get("contact_id") is not None:
        contact_id = rows.record_id(value["contact_id"], "contact_id")
        rows.fetch(conn, schema.contacts, contact_id or 0, "contact")
        return {"contact_id": contact_id}
    if isinstance(value, str):
        name, _, outlet = value.partition("(")
        value = {"name": name.strip(), "outlet": outlet.rstrip(") ").strip()}
    if not isinstance(value, dict) or not str(value.get("name") or "").strip():
        raise BadInput(f"participant: '{value}' is neither a contact id nor a name")
    return {"name": str(value["name"]).strip(), "outlet": str(value.get("outlet") or "")}


def _material(value: Any) -> dict[str, str]:
    """"photo:3", "source:3f2a9c…", "export:<sha256>", "report:<title>"."""
    kind, _, ref = str(value).partition(":") if not isinstance(value, dict) else (
        value.get("kind", ""), ":", value.get("ref", ""))
    if kind not in MATERIALS or not str(ref).strip():
        raise BadInput(f"material: '{value}' — write KIND:REF with KIND one of "
                       f"{', '.join(MATERIALS)}")
    return {"kind": kind, "ref": str(ref).strip()}


def _coverage(conn: Connection, ref: Any) -> str:
    """A source id (or unambiguous prefix) in this ledger, stored in full."""
    t = schema.sources
    prefix = str(ref).strip().lower()
    if len(prefix) < 6:
        raise BadInput(f"coverage: '{ref}' — give a source id (6 characters or more)")
    found = conn.execute(select(t.c.id).where(t.c.id >= prefix, t.c.id < prefix + "g")
                         .limit(2)).scalars().all()
    if len(found) != 1:
        raise BadInput(f"coverage: no single source with id starting '{prefix}'")
    return str(found[0])


def add_coverage(conn: Connection, engagement_id: int, refs: list[str], actor: str,
                 version: int | None = None) -> None:
    """Link sources (articles that followed the trip) as the engagement's coverage."""
    row = rows.fetch(conn, schema.engagements, engagement_id, "engagement")
    coverage = list(dict.fromkeys([*row["coverage"], *(_coverage(conn, r) for r in refs)]))
    rows.update_checked(conn, schema.engagements, engagement_id, {"coverage": coverage},
                        actor, version, "engagement")
    audit.write(conn, actor, "update", "engagement", engagement_id,
                before={"coverage": row["coverage"]}, after={"coverage": coverage})


def find(conn: Connection) -> list[dict[str, Any]]:
    """Engagements, latest first, with place names."""
    t = schema.engagements
    found = [rows.decode(r) for r in conn.execute(select(t).order_by(t.c.start.desc(),
                                                                     t.c.id.desc())).mappings()]
    named = places.get_many(conn, sorted({p for r in found for p in r["place_ids"]}))
    return [{**r, "place_names": [named[p]["name"] for p in r["place_ids"] if p in named]}
            for r in found]


def get(conn: Connection, engagement_id: int) -> dict[str, Any]:
    """One engagement with place names and its coverage's titles and publishers."""
    row = rows.fetch(conn, schema.engagements, engagement_id, "engagement")
    named = places.get_many(conn, row["place_ids"])
    s = schema.sources
    covered = {r["id"]: dict(r) for r in conn.execute(
        select(s.c.id, s.c.title, s.c.publisher, s.c.published)
        .where(s.c.id.in_(row["coverage"]))).mappings()}
    return {**row, "place_names": [named[p]["name"] for p in row["place_ids"] if p in named],
            "coverage_sources": [covered[c] for c in row["coverage"] if c in covered]}
