"""The audit log: every write to a record — who, when, what, before and after.

Append-only and hash-chained like the custody log (the same canonical hashing), so a
deleted or altered entry breaks the chain. Entries are written inside the transaction of
the change they describe: no change without its entry, no entry without its change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring as _text  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, Table, select

from rightsledger.db import schema
from rightsledger.db.store import GENESIS
from rightsledger.evidence.custody import compute_hash
from rightsledger.ground import canonical, utc_now


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    entry_hash: str


def write(conn: Connection, actor: str, action: str, entity: str, entity_id: int | str,
          before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Append an entry (inside the caller's write transaction, which holds the write lock)."""
    t = schema.audit
    seq, prev = _head(conn)
    seq += 1
    at = utc_now()
    details = {"entity": entity, "id": str(entity_id), "before": before, "after": after}
    digest = compute_hash(seq, at, actor, action, "", details, prev)
    conn.execute(t.insert().values(
        seq=seq, at=at, actor=actor, action=action, entity=entity, entity_id=str(entity_id),
        before=_dump(before), after=_dump(after), prev_hash=prev, entry_hash=digest))
    conn.info["audit_head"] = (_scope(conn), seq, digest)


Change = tuple[str, str, int | str, dict[str, Any] | None, dict[str, Any] | None]


def write_many(conn: Connection, actor: str, changes: list[Change],
               insert: Callable[[Connection, Table, list[dict[str, Any]]], None] | None = None
               ) -> None:
    """Append one entry per (action, entity, id, before, after), chained in that order,
    in one multi-row insert (``insert``: the store's insert_many): what ``write`` does for
    each, for bulk work (imports). Each record's JSON is encoded once: the stored text is
    the canonical form, and the entry's hash is made from it (``_entry_hash``)."""
    seq, prev = _head(conn)
    values = []
    for action, entity, entity_id, before, after in changes:
        seq += 1
        at = utc_now()
        before_text, after_text = _dump(before), _dump(after)
        digest = _entry_hash(seq, at, actor, action, entity, str(entity_id), before_text,
                             after_text, prev)
        values.append({"seq": seq, "at": at, "actor": actor, "action": action,
                       "entity": entity, "entity_id": str(entity_id), "before": before_text,
                       "after": after_text, "prev_hash": prev, "entry_hash": digest})
        prev = digest
    if values:
        if insert is None:
            conn.execute(schema.audit.insert(), values)
        else:
            insert(conn, schema.audit, values)
        conn.info["audit_head"] = (_scope(conn), seq, prev)


def _entry_hash(seq: int, at: str, actor: str, action: str, entity: str, entity_id: str,
                before: str | None, after: str | None, prev: str) -> str:
    """``compute_hash(seq, at, actor, action, "", details, prev)`` for an audit entry whose
    before and after are already canonical JSON text (``_dump``): the same bytes, spelled
    out in sorted key order, without encoding the records a second time. A test holds it
    equal to compute_hash for any entry."""
    text = _text
    body = (f'{{"action":{text(action)},"actor":{text(actor)},"at":{text(at)},'
            f'"details":{{"after":{after or "null"},"before":{before or "null"},'
            f'"entity":{text(entity)},"id":{text(entity_id)}}},"object":"",'
            f'"prev":{text(prev)},"seq":{int(seq)}}}')
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _head(conn: Connection) -> tuple[int, str]:
    """The last entry's sequence and hash. Remembered while the same transaction (and the
    same savepoint in it) goes on: it holds the ledger's write lock, so nobody else can
    append meanwhile; a savepoint rolled back or a new transaction reads the head again."""
    cached = conn.info.get("audit_head")
    if cached and all(a is b for a, b in zip(cached[0], _scope(conn), strict=True)):
        return cached[1], cached[2]
    return head(conn)


def head(conn: Connection) -> tuple[int, str]:
    """The last entry's sequence and hash as stored now (for anchoring)."""
    t = schema.audit
    last = conn.execute(select(t.c.seq, t.c.entry_hash).order_by(t.c.seq.desc()).limit(1)).first()
    return (last.seq, last.entry_hash) if last else (0, GENESIS)


def entries(conn: Connection, entity: str | None = None,
            entity_id: int | str | None = None) -> Iterator[AuditEntry]:
    """Entries in order: all of them, or those of one record."""
    t = schema.audit
    stmt = select(t).order_by(t.c.seq)
    if entity is not None:
        stmt = stmt.where(t.c.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(t.c.entity_id == str(entity_id))
    for r in conn.execute(stmt).mappings():
        yield AuditEntry(**{**r, "before": _load(r["before"]), "after": _load(r["after"])})


def first_break(conn: Connection) -> str | None:
    """The first entry whose link or content does not check out, or None."""
    prev, expected = GENESIS, 1
    for e in entries(conn):
        details = {"entity": e.entity, "id": e.entity_id, "before": e.before, "after": e.after}
        if e.seq != expected or e.prev_hash != prev or e.entry_hash != compute_hash(
                e.seq, e.at, e.actor, e.action, "", details, e.prev_hash):
            return f"audit entry {e.seq}: missing, reordered or altered"
        prev, expected = e.entry_hash, e.seq + 1
    return None


def _scope(conn: Connection) -> tuple[object, object]:
    # the objects themselves, not their ids: kept alive here, they cannot be reused
    return conn.get_transaction(), conn.get_nested_transaction()


def _dump(value: dict[str, Any] | None) -> str | None:
    """A record as stored in the log: its canonical JSON (what the entry's hash covers)."""
    return None if value is None else canonical(value).decode("utf-8")


def _load(value: str | None) -> dict[str, Any] | None:
    return None if value is None else json.loads(value)


# -- the rows against the log (docs/security.md, promise 3) ---------------------------------
_TABLES = {"incident": "incidents", "claim": "claims", "act": "acts", "actor": "actors",
           "victim": "victims", "disruption": "disruptions", "statement": "statements",
           "obligation": "obligations", "observation": "observations", "photo": "photos",
           "story": "stories", "consent": "consents", "contact": "contacts",
           "engagement": "engagements", "place": "places", "inquiry": "inquiries",
           "inquiry_question": "inquiry_questions", "inquiry_link": "inquiry_links",
           "inquiry_reply": "inquiry_replies", "inquiry_answer": "inquiry_answers",
           "inquiry_reminder": "inquiry_reminders"}
_MOVED_BY_MERGE = ("claim", "act")  # their incident_id moves with the incident (absorb)
HIDDEN = "(changed)"  # an encrypted field's new value, never written to the log


def row_problems(conn: Connection) -> list[str]:
    """Replay the log: every audited record must exist and hold, in each field the log
    wrote, the last value it wrote, and in each field its creation left out, its default;
    every record must have been written through the log. A row edited, added or deleted in
    the database directly is named. Records of a ledger made by an earlier version (created
    before audit_replay_from in ledger_meta, set by migration 0009) are held to the fields
    the log wrote only."""
    meta = schema.ledger_meta
    upgraded = conn.execute(select(meta.c.value).where(meta.c.key == "audit_replay_from")) \
        .scalar()  # "SEQ TIME": the first entry, and the time, of the full replay
    since, _, upgraded_at = (upgraded or "0").partition(" ")
    state = _replayed(conn, int(since))
    problems = []
    for entity, name in _TABLES.items():
        t = schema.metadata.tables[name]
        seen = set()
        for row in conn.execute(select(t)).mappings():
            key = str(row["id"])
            seen.add(key)
            logged = state.get((entity, key))
            if logged is None and entity == "place" and not key.startswith("user:"):
                continue  # a gazetteer place, copied in when first named: not a record
            if logged is None and upgraded_at and (row.get("created_at") or "") <= upgraded_at:
                continue  # made by an earlier version, which did not log every write
            if logged is None:
                problems.append(f"{entity} {key}: not in the audit log (written outside "
                                "RightsLedger)")
                continue
            changed = sorted(c for c, v in logged.items() if not _same(row[c], v))
            if changed:
                verb = "differs" if len(changed) == 1 else "differ"
                problems.append(f"{entity} {key}: {', '.join(changed)} {verb} from the audit "
                                "log (edited outside RightsLedger)")
        problems += [f"{entity} {key}: deleted outside RightsLedger (the audit log has it)"
                     for (kind, key) in state if kind == entity and key not in seen]
    return problems


def _replayed(conn: Connection, since: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Each audited record's fields as the log last wrote them (and, for records created
    from entry ``since`` on, the defaults of what their creation left out)."""
    columns = {e: set(schema.metadata.tables[n].c.keys()) - {"id"} for e, n in _TABLES.items()}
    state: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entries(conn):
        if e.entity not in _TABLES:
            continue
        fields = state.setdefault((e.entity, e.entity_id), {})
        if e.action == "absorb" and e.after:
            merged = e.after.get("merged")
            for (kind, _key), moved in state.items():
                if kind in _MOVED_BY_MERGE and moved.get("incident_id") == merged:
                    moved["incident_id"] = int(e.entity_id)
            continue
        for column, value in (e.after or {}).items():
            if column in columns[e.entity] and value != HIDDEN:
                fields[column] = value
        if e.action == "create" and e.seq >= since:  # what it did not say: the default
            table = schema.metadata.tables[_TABLES[e.entity]]
            for column in columns[e.entity] - fields.keys() - _UNLOGGED:
                if column not in _NOT_LOGGED_AT_CREATION.get(e.entity, ()):
                    fields[column] = _default(table.c[column])
    return state


# Written with every change and never logged as a field: who and when is the entry itself.
_UNLOGGED = {"version", "created_at", "created_by", "updated_at", "updated_by"}
# Not in a creation's entry: encrypted fields (and the pseudonyms and identity hashes made
# from them), and the machine's own copy of a proposed incident.
_NOT_LOGGED_AT_CREATION = {
    "victim": ("real_name", "contact", "address", "pseudonym", "identity_hash"),
    "contact": ("name", "reach", "notes", "code"), "consent": ("person", "given_by"),
    "story": ("body",), "incident": ("suggested",)}


def _default(column: Any) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        return None
    value = default.arg
    return json.loads(value) if isinstance(value, str) and value.startswith(("[", "{")) \
        else value


def _same(stored: Any, logged: Any) -> bool:
    if isinstance(logged, list | dict) and isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return False
    if isinstance(logged, bool):
        logged = int(logged)
    if isinstance(stored, bool):
        stored = int(stored)
    return bool(stored == logged)
