"""Contacts: specialists, fixers, journalists, lawyers, officials.

A leaked fixer list can cost lives. The name, how to reach the person and the notes are
encrypted at rest; everyone else sees a contact by its code (C-XXXXXXXX), kind, expertise,
languages, region, who vouches for them and when they were last contacted. Only roles at
or above the ledger's ``contact_details_role`` setting may read the details, every such
reading is written to the audit log, and no export ever carries contacts.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.accounts import ROLES
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.privacy import FieldCipher, pseudonym
from rightsledger.records import audit, rows
from rightsledger.records.dates import parse_day

KINDS = ("specialist", "fixer", "journalist", "lawyer", "official", "other")
SENSITIVE = ("name", "reach", "notes")
OPEN = ("expertise", "languages", "region", "vouched_by")


def add(conn: Connection, secret: bytes, values: dict[str, Any], actor: str) -> int:
    """Record a contact; returns its id (its code is in ``list_``)."""
    name = str(values.get("name") or "").strip()
    if not name:
        raise BadInput("name: who is this contact? (it is stored encrypted)")
    row = _open_fields(values)
    cipher = FieldCipher(secret)
    row.update({f: cipher.encrypt_optional(_text(values.get(f)) or None, f"contacts.{f}")
                for f in SENSITIVE})
    row["code"] = pseudonym(secret, f"contact:{uuid.uuid4()}", prefix="C")
    contact_id = rows.insert(conn, schema.contacts, row, actor)
    audit.write(conn, actor, "create", "contact", contact_id,
                after={k: v for k, v in row.items() if k not in SENSITIVE})
    return contact_id


def edit(conn: Connection, secret: bytes, contact_id: int, values: dict[str, Any], actor: str,
         version: int | None = None) -> None:
    """Change a contact; a sensitive field is replaced only when a new value is given."""
    current = rows.fetch(conn, schema.contacts, contact_id, "contact")
    changes = _open_fields({**{k: current[k] for k in (*OPEN, "kind", "last_contact")},
                            **values})
    cipher = FieldCipher(secret)
    changes.update({f: cipher.encrypt(_text(values[f]), f"contacts.{f}")
                    for f in SENSITIVE if _text(values.get(f))})
    before = rows.update_checked(conn, schema.contacts, contact_id, changes, actor, version,
                                 "contact")
    audit.write(conn, actor, "update", "contact", contact_id,
                before={k: before[k] for k in changes if k not in SENSITIVE},
                after={k: (audit.HIDDEN if k in SENSITIVE else v) for k, v in changes.items()})


def _text(value: Any) -> str:
    return str(value or "").strip()


def _open_fields(values: dict[str, Any]) -> dict[str, Any]:
    kind = values.get("kind") or "other"
    if kind not in KINDS:
        raise BadInput(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    last = parse_day(values.get("last_contact"), "last_contact")
    return {"kind": kind, **{f: _text(values.get(f)) for f in OPEN[:3]},
            "vouched_by": _text(values.get("vouched_by")) or None,
            "last_contact": last.isoformat() if last else None}


def list_(conn: Connection, kind: str | None = None, text: str | None = None
          ) -> list[dict[str, Any]]:
    """Contacts as anyone signed in may see them: no name, no way to reach them."""
    t = schema.contacts
    stmt = select(*(c for c in t.c if c.name not in SENSITIVE)).order_by(t.c.id)
    if kind:
        stmt = stmt.where(t.c.kind == kind)
    found = [dict(r) for r in conn.execute(stmt).mappings()]
    if text:
        needle = text.casefold()
        found = [r for r in found if any(needle in (r[f] or "").casefold() for f in OPEN)]
    return found


def get(conn: Connection, contact_id: int) -> dict[str, Any]:
    """One contact without its sensitive fields."""
    row = rows.fetch(conn, schema.contacts, contact_id, "contact")
    return {k: v for k, v in row.items() if k not in SENSITIVE}


def reveal(conn: Connection, secret: bytes, contact_id: int, actor: str) -> dict[str, Any]:
    """A contact with its name, how to reach them and notes; the reading is audited. The
    caller checks that ``actor`` may (``may_see_details``)."""
    row = rows.fetch(conn, schema.contacts, contact_id, "contact")
    cipher = FieldCipher(secret)
    audit.write(conn, actor, "reveal", "contact", contact_id)
    return {**row, **{f: cipher.decrypt_optional(row[f], f"contacts.{f}") for f in SENSITIVE}}


def names(conn: Connection, secret: bytes, ids: list[int], actor: str) -> dict[int, str]:
    """The names of these contacts (for an engagement's participants); one audit entry
    per contact named."""
    t = schema.contacts
    cipher = FieldCipher(secret)
    out = {}
    for r in conn.execute(select(t.c.id, t.c.name).where(t.c.id.in_(ids))).mappings():
        out[r["id"]] = cipher.decrypt(r["name"], "contacts.name")
        audit.write(conn, actor, "reveal", "contact", r["id"], after={"fields": ["name"]})
    return out


def codes(conn: Connection, ids: list[int]) -> dict[int, str]:
    t = schema.contacts
    return dict(conn.execute(select(t.c.id, t.c.code).where(t.c.id.in_(ids))).all())


def may_see_details(role: str, settings: dict[str, Any]) -> bool:
    """Whether a user of ``role`` may read contacts' names and details."""
    weakest = settings.get("contact_details_role")
    weakest = weakest if weakest in ("admin", "analyst") else "admin"
    return role in ROLES[:3] and ROLES.index(role) <= ROLES.index(weakest)
