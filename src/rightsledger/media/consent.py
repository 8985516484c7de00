"""Consent: one record per person depicted in a photo or quoted in a story.

A record says who gave it (the person, or a guardian), through whom, for which uses
(``internal``, ``reports``, ``press``, ``web``), from which day, until which day, and whether
it was withdrawn. An item may be used publicly in a way only when it has at least one
consent record and every one of its records covers that use on that day: one person's
withdrawal or lapsed consent takes the item out of every public output built from then on.

Withdrawals are written to the audit log with the item they remove; an expiry is written
the first time a public output is built after it (``sweep``). Names are encrypted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.privacy import FieldCipher
from rightsledger.records import audit, rows
from rightsledger.records.dates import parse_day

USES = ("internal", "reports", "press", "web")
ITEMS = {"photo": schema.photos, "story": schema.stories}
SENSITIVE = ("person", "given_by")


def add(conn: Connection, secret: bytes, values: dict[str, Any], actor: str) -> int:
    """Record a consent for a photo or story; ``scopes`` is a list of USES (or one string
    of them separated by commas)."""
    kind = values.get("item_kind") or ""
    if kind not in ITEMS:
        raise BadInput(f"item_kind: '{kind}' is not one of {', '.join(ITEMS)}")
    item_id = rows.record_id(values.get("item_id"), "item_id")
    if item_id is None:
        raise BadInput("item_id: which photo or story is this consent for?")
    rows.fetch(conn, ITEMS[kind], item_id, kind)
    person = str(values.get("person") or "").strip()
    if not person:
        raise BadInput("person: name who is depicted or quoted (it is stored encrypted)")
    given_on = parse_day(values.get("given_on"), "given_on") or date.today()
    expires = parse_day(values.get("expires_on"), "expires_on")
    if expires and expires < given_on:
        raise BadInput(f"expires_on {expires} is before given_on {given_on}")
    victim_id = rows.record_id(values.get("victim_id"), "victim_id")
    if victim_id is not None:
        rows.fetch(conn, schema.victims, victim_id, "victim")
    cipher = FieldCipher(secret)
    row = {"item_kind": kind, "item_id": item_id, "victim_id": victim_id,
           "person": cipher.encrypt(person, "consents.person"),
           "given_by": cipher.encrypt(str(values.get("given_by") or person).strip(),
                                      "consents.given_by"),
           "through": (values.get("through") or "").strip() or None,
           "scopes": scopes(values.get("scopes")), "given_on": given_on.isoformat(),
           "expires_on": expires.isoformat() if expires else None, "lapse_logged": 0}
    consent_id = rows.insert(conn, schema.consents, row, actor)
    audit.write(conn, actor, "create", "consent", consent_id,
                after={k: v for k, v in row.items() if k not in SENSITIVE})
    return consent_id


def scopes(value: Any) -> list[str]:
    """The uses of a consent, checked, in the order of USES."""
    given = value.split(",") if isinstance(value, str) else list(value or [])
    chosen = {str(s).strip() for s in given if str(s).strip()}
    unknown = chosen - set(USES)
    if unknown or not chosen:
        raise BadInput(f"scopes: '{', '.join(sorted(unknown)) or 'none'}' — choose among "
                       f"{', '.join(USES)}")
    return [u for u in USES if u in chosen]


def withdraw(conn: Connection, consent_id: int, on: str | date | None, reason: str,
             actor: str) -> dict[str, Any]:
    """Withdraw a consent from ``on`` (today by default). The item leaves every public
    output built from then on; the audit log says which item and which uses were lost."""
    before = rows.fetch(conn, schema.consents, consent_id, "consent")
    if before["withdrawn_on"]:
        raise BadInput(f"consent {consent_id} was already withdrawn on {before['withdrawn_on']}")
    day = (on if isinstance(on, date) else parse_day(on, "on")) or date.today()
    withdrawn = {"withdrawn_on": day.isoformat(), "withdrawn_reason": reason.strip()}
    rows.update_checked(conn, schema.consents, consent_id, withdrawn, actor, None, "consent")
    audit.write(conn, actor, "withdraw", "consent", consent_id,
                before={"withdrawn_on": None}, after=withdrawn)
    audit.write(conn, actor, "unpublish", before["item_kind"], before["item_id"],
                after={"consent": consent_id, "uses": before["scopes"], "from": day.isoformat(),
                       "why": "consent withdrawn"})
    return rows.fetch(conn, schema.consents, consent_id, "consent")


def of_item(conn: Connection, kind: str, item_id: int) -> list[dict[str, Any]]:
    """The consent records of one item, names still encrypted."""
    return of_items(conn, kind, [item_id])[item_id]


def every(conn: Connection) -> list[dict[str, Any]]:
    """Every consent record, oldest first, names still encrypted."""
    t = schema.consents
    return [rows.decode(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]


def of_items(conn: Connection, kind: str, item_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The consent records of several items (one query per 500), names still encrypted."""
    t = schema.consents
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in item_ids}
    for start in range(0, len(item_ids), 500):
        found = conn.execute(select(t).where(t.c.item_kind == kind,
                                             t.c.item_id.in_(item_ids[start:start + 500]))
                             .order_by(t.c.id)).mappings()
        for r in found:
            out[r["item_id"]].append(rows.decode(r))
    return out


def reveal(conn: Connection, secret: bytes, consent: dict[str, Any]) -> dict[str, Any]:
    """A consent with the person's and giver's names decrypted, for analysts."""
    cipher = FieldCipher(secret)
    return {**consent, **{f: cipher.decrypt(consent[f], f"consents.{f}") for f in SENSITIVE}}


def covers(consent: dict[str, Any], use: str, on: date) -> bool:
    """Whether one consent record allows ``use`` on day ``on``."""
    day = on.isoformat()
    return (use in consent["scopes"] and consent["given_on"] <= day
            and not (consent["expires_on"] and consent["expires_on"] < day)
            and not (consent["withdrawn_on"] and consent["withdrawn_on"] <= day))


def status(consents: list[dict[str, Any]], use: str, on: date) -> str:
    """Why an item may or may not be used: 'allowed', or what is missing, in words."""
    if not consents:
        return "no consent recorded"
    for c in consents:
        if c["withdrawn_on"] and c["withdrawn_on"] <= on.isoformat():
            return f"consent {c['id']} withdrawn on {c['withdrawn_on']}"
        if c["expires_on"] and c["expires_on"] < on.isoformat():
            return f"consent {c['id']} expired on {c['expires_on']}"
        if not covers(c, use, on):
            return f"consent {c['id']} does not cover {use}"
    return "allowed"


def allowed_ids(conn: Connection, kind: str, use: str, on: date) -> set[int]:
    """The items of ``kind`` whose every consent record covers ``use`` on ``on`` (and that
    have at least one): the only ones a public output of that use may show."""
    if use not in USES:
        raise BadInput(f"use: '{use}' is not one of {', '.join(USES)}")
    t = schema.consents
    by_item: dict[int, bool] = {}
    for r in conn.execute(select(t).where(t.c.item_kind == kind)).mappings():
        ok = covers(rows.decode(r), use, on)
        by_item[r["item_id"]] = by_item.get(r["item_id"], True) and ok
    return {item for item, ok in by_item.items() if ok}


def sweep(conn: Connection, on: date, actor: str) -> int:
    """Write to the audit log each consent that has expired and was not logged yet (with
    the item it takes out of public outputs); returns how many."""
    t = schema.consents
    lapsed = conn.execute(select(t).where(t.c.expires_on < on.isoformat(),
                                          t.c.withdrawn_on.is_(None),
                                          t.c.lapse_logged == 0)).mappings().all()
    for r in lapsed:
        conn.execute(t.update().where(t.c.id == r["id"]).values(lapse_logged=1))
        audit.write(conn, actor, "lapse", "consent", r["id"], after={"lapse_logged": 1})
        audit.write(conn, actor, "unpublish", r["item_kind"], r["item_id"],
                    after={"consent": r["id"], "uses": rows.decode(r)["scopes"],
                           "from": r["expires_on"], "why": "consent expired"})
    return len(lapsed)
