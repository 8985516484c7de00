"""Victims: a person or a group harmed in incidents.

The real name, contact details and exact address are encrypted before they reach the
database (privacy.fields, AES-GCM with the ledger's secret) and are never part of what
``of_incident`` or an export returns. Each victim has a stable pseudonym: a keyed HMAC of
the name, so the same person gets the same pseudonym in every report, and recording the
same name again finds the same victim.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.privacy import FieldCipher, identity_hash, pseudonym
from rightsledger.records import audit, rows

KINDS = ("individual", "group")
AGE_GROUPS = ("child", "adult", "elderly", "unknown")
SEXES = ("female", "male", "unknown")
STATUSES = ("civilian", "combatant", "unknown")
HARMS = ("killed", "injured", "detained", "tortured", "disappeared", "displaced",
         "property_lost", "deprived", "other")
SENSITIVE = ("real_name", "contact", "address")


def add(conn: Connection, secret: bytes, values: dict[str, Any], actor: str) -> int:
    """Record a victim (or find the same named person again); link the harm suffered in an
    incident when ``incident_id`` and ``harm`` are given."""
    row = _checked(values)
    name = values.get("real_name")
    known = _same_person(conn, secret, name) if name else None
    if known is None:
        row.update(_protected(secret, values, name))
        known = rows.insert(conn, schema.victims, row, actor)
        audit.write(conn, actor, "create", "victim", known,
                    after={k: v for k, v in row.items() if k not in SENSITIVE})
    if values.get("incident_id"):
        harm(conn, known, int(values["incident_id"]), values.get("harm") or "other", actor)
    return known


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    row = {"kind": values.get("kind") or "individual",
           "age_group": values.get("age_group") or "unknown",
           "sex": values.get("sex") or "unknown", "status": values.get("status") or "unknown",
           "group_size": values.get("group_size"), "description": values.get("description") or ""}
    for field, choices in (("kind", KINDS), ("age_group", AGE_GROUPS), ("sex", SEXES),
                           ("status", STATUSES)):
        if row[field] not in choices:
            raise BadInput(f"{field}: '{row[field]}' is not one of {', '.join(choices)}")
    size = row["group_size"]
    if size is not None and (not isinstance(size, int) or size < 1):
        raise BadInput(f"group_size: '{size}' is not a number of people (1 or more)")
    return row


def _protected(secret: bytes, values: dict[str, Any], name: str | None) -> dict[str, Any]:
    cipher = FieldCipher(secret)
    out: dict[str, Any] = {f: cipher.encrypt(str(values[f]), f"victims.{f}")
                           for f in SENSITIVE if values.get(f)}
    identity = name or f"unnamed:{uuid.uuid4()}"
    out["pseudonym"] = pseudonym(secret, identity)
    out["identity_hash"] = identity_hash(secret, name) if name else None
    return out


def _same_person(conn: Connection, secret: bytes, name: str) -> int | None:
    t = schema.victims
    found = conn.execute(select(t.c.id).where(
        t.c.identity_hash == identity_hash(secret, name)).limit(1)).scalar()
    return int(found) if found is not None else None


def harm(conn: Connection, victim_id: int, incident_id: int, what: str, actor: str) -> None:
    """Link a victim to an incident with the harm suffered there."""
    if what not in HARMS:
        raise BadInput(f"harm: '{what}' is not one of {', '.join(HARMS)}")
    rows.fetch(conn, schema.incidents, incident_id, "incident")
    conn.execute(schema.victim_harms.insert().values(victim_id=victim_id,
                                                     incident_id=incident_id, harm=what))
    audit.write(conn, actor, "harm", "victim", victim_id,
                after={"incident_id": incident_id, "harm": what})


def of_incident(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    """The victims of an incident as anyone may see them: pseudonym, never the name."""
    v, h = schema.victims, schema.victim_harms
    shown = [c for c in v.c if c.name not in (*SENSITIVE, "identity_hash")]
    stmt = (select(*shown, h.c.harm).join(h, h.c.victim_id == v.c.id)
            .where(h.c.incident_id == incident_id).order_by(v.c.id))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def reveal(conn: Connection, secret: bytes, victim_id: int, actor: str) -> dict[str, Any]:
    """The decrypted sensitive fields of one victim, for a person allowed to see them; the
    reading itself is audited."""
    row = rows.fetch(conn, schema.victims, victim_id, "victim")
    cipher = FieldCipher(secret)
    plain = {f: cipher.decrypt(row[f], f"victims.{f}") if row[f] else None for f in SENSITIVE}
    audit.write(conn, actor, "reveal", "victim", victim_id)
    return {**{k: v for k, v in row.items() if k != "identity_hash"}, **plain}


def identifying(conn: Connection, secret: bytes, victim_ids: list[int]) -> list[dict[str, Any]]:
    """Pseudonym, real name, address and contact of these victims, decrypted for a machine
    check (a story's text against its victims' names), never for display: not audited."""
    if not victim_ids:
        return []
    t = schema.victims
    cipher = FieldCipher(secret)
    found = conn.execute(select(t).where(t.c.id.in_(victim_ids)).order_by(t.c.id)).mappings()
    return [{"id": r["id"], "pseudonym": r["pseudonym"],
             **{f: cipher.decrypt(r[f], f"victims.{f}") if r[f] else None for f in SENSITIVE}}
            for r in found]


def pseudonyms_of(conn: Connection, victim_ids: list[int]) -> list[dict[str, Any]]:
    """Id and pseudonym of these victims."""
    t = schema.victims
    found = conn.execute(select(t.c.id, t.c.pseudonym).where(t.c.id.in_(victim_ids))
                         .order_by(t.c.id)).mappings()
    return [dict(r) for r in found]
