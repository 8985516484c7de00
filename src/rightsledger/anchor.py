"""Anchored chain heads: the custody chain's head, signed and kept outside the ledger.

Someone with write access to the database and the ledger's key can rewrite the tail of the
custody log and recompute every hash and signature: the chain then checks out. A head
written down earlier — by ``rightsledger head``, or inside every published folder's signed
manifest — anchors the log: the entry at that sequence must still have that hash.

    {"head": {"ledger_id": "…", "seq": 41, "hash": "…", "at": "…",
              "audit": {"seq": 120, "hash": "…"}},
     "key": "<fingerprint>", "signature": "<hex>"}

A head file also anchors the records' audit log (hash-chained, like custody, but unsigned:
its tail can be forged by anyone who can write the database, unless a head was kept).

Each head written out is noted in the custody log (a ``head`` entry, as publications have
their ``export`` or ``report`` entry), so that ``verify`` can warn when entries have gone
unanchored for longer than ``head_warn_days``: only a kept head shows that the log's last
entries were removed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.evidence.keys import fingerprint
from rightsledger.ground import canonical, utc_now
from rightsledger.ledger import Ledger
from rightsledger.records import audit


@dataclass(frozen=True)
class Anchor:
    ledger_id: str
    seq: int
    hash: str
    source: str  # where it was read from, for messages
    audit_seq: int = 0
    audit_hash: str = ""


KEPT = ("head", "export", "report")  # custody actions that put a chain head outside the ledger


def head_of(ledger: Ledger) -> dict[str, Any]:
    """The signed head of the ledger's custody chain now."""
    with ledger.store.reading() as conn:
        return _signed(ledger, conn)


def keep(ledger: Ledger, where: str,
         deliver: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Note in the custody log that a head is kept (``where``: a file, or "stdout"), then
    sign the head — that entry included, so the kept head anchors its own note — and hand it
    to ``deliver``; if delivering fails, the note is not committed."""
    with ledger.store.writing() as conn:
        ledger.record(conn, "head", details={"out": where})
        signed = _signed(ledger, conn)
        deliver(signed)
    return signed


def _signed(ledger: Ledger, conn: Connection) -> dict[str, Any]:
    seq, digest = ledger.store.chain_head(conn)
    audit_seq, audit_hash = audit.head(conn)
    head = {"ledger_id": ledger.id, "seq": seq, "hash": digest, "at": utc_now(),
            "audit": {"seq": audit_seq, "hash": audit_hash}}
    key = ledger.signing_key
    return {"head": head, "key": fingerprint(key.public_key()),
            "signature": keys.sign(key, canonical(head))}


def unanchored(ledger: Ledger, days: float, now: datetime | None = None) -> str | None:
    """A warning when custody entries were written since the last head kept outside the
    ledger (or since the ledger was made, if none was) and that is more than ``days`` ago."""
    c = schema.custody
    with ledger.store.reading() as conn:
        kept = conn.execute(select(c.c.seq, c.c.at).where(c.c.action.in_(KEPT))
                            .order_by(c.c.seq.desc()).limit(1)).first()
        since = 0 if kept is None else kept.seq
        first = conn.execute(select(c.c.seq, c.c.at).order_by(c.c.seq).limit(1)).first()
        newer = conn.execute(select(func.count()).where(
            c.c.seq > since, c.c.action.not_in((*KEPT, "snapshot")))).scalar_one()
    if first is None or not newer:
        return None
    age = ((now or datetime.now(UTC)) - _time(kept.at if kept else first.at)).days
    if age <= days:
        return None
    where = (f"since entry {kept.seq}, the last chain head kept outside the ledger, {age} days "
             "ago" if kept else f"and no chain head was ever kept outside the ledger (made "
             f"{age} days ago)")
    return (f"{newer} custody {'entry' if newer == 1 else 'entries'} written {where}: "
            "removing the log's last entries would go unnoticed; keep one now with "
            "`rightsledger head --out FILE` (setting head_warn_days)")


def _time(at: str) -> datetime:
    return datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def read(path: Path, ledger: Ledger) -> Anchor:
    """An anchor from a head file or a published folder's manifest (or the folder itself),
    its signature checked with the ledger's public key."""
    target = path / "manifest.json" if path.is_dir() else path
    try:
        body = json.loads(target.read_text("utf-8"))
        signed = body["head"] if "head" in body else body["manifest"]
        head = signed if "head" in body else signed["chain_head"]
        logged = head.get("audit") or {"seq": 0, "hash": ""}
        anchor = Anchor(str(signed["ledger_id"]), int(head["seq"]), str(head["hash"]),
                        str(target), int(logged["seq"]), str(logged["hash"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadInput(f"{target}: not a chain head or a publication's manifest "
                       f"({exc.__class__.__name__}): make one with `rightsledger head`") from None
    public = keys.load_public(ledger.public_key_path)
    if not keys.is_valid(public, canonical(signed), str(body.get("signature", ""))):
        raise BadInput(f"{target}: its signature does not match this ledger's key")
    if anchor.ledger_id != ledger.id:
        raise BadInput(f"{target} anchors ledger {anchor.ledger_id}, not {ledger.id}")
    return anchor


def problems(ledger: Ledger, anchor: Anchor) -> list[str]:
    """What the custody log now says against the anchor: an entry removed or rewritten."""
    with ledger.store.reading() as conn:
        found = _hash_at(conn, schema.custody, anchor.seq)
        logged = _hash_at(conn, schema.audit, anchor.audit_seq)
    return (_compare("custody entry", anchor.seq, anchor.hash, found, anchor.source)
            + _compare("audit entry", anchor.audit_seq, anchor.audit_hash, logged,
                       anchor.source))


def _hash_at(conn: Connection, table: Table, seq: int) -> str | None:
    if seq == 0:
        return None
    found = conn.execute(select(table.c.entry_hash).where(table.c.seq == seq)).scalar()
    return None if found is None else str(found)


def _compare(what: str, seq: int, expected: str, found: str | None, source: str) -> list[str]:
    if seq == 0:
        return []
    if found is None:
        return [f"{what} {seq}: missing, but {source} anchored it: the log was cut back"]
    if found != expected:
        return [f"{what} {seq}: hash {found[:12]}…, but {source} anchored {expected[:12]}…: "
                "the log was rewritten after the anchor"]
    return []
