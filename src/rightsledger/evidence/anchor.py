"""Anchored chain heads: the custody chain's head, signed and kept outside the ledger.

Someone with write access to the database and the ledger's key can rewrite the tail of the
custody log and recompute every hash and signature: the chain then checks out. A head
written down earlier — by ``rightsledger head``, or inside every published folder's signed
manifest — anchors the log: the entry at that sequence must still have that hash.

    {"head": {"ledger_id": "…", "seq": 41, "hash": "…", "at": "…"},
     "key": "<fingerprint>", "signature": "<hex>"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.evidence.custody import utc_now
from rightsledger.evidence.keys import canonical, fingerprint
from rightsledger.ledger import Ledger


@dataclass(frozen=True)
class Anchor:
    ledger_id: str
    seq: int
    hash: str
    source: str  # where it was read from, for messages


def head_of(ledger: Ledger) -> dict[str, Any]:
    """The signed head of the ledger's custody chain now."""
    with ledger.store.reading() as conn:
        seq, digest = ledger.store.chain_head(conn)
    head = {"ledger_id": ledger.id, "seq": seq, "hash": digest, "at": utc_now()}
    key = keys.load_private(ledger.path / "keys")
    return {"head": head, "key": fingerprint(key.public_key()),
            "signature": keys.sign(key, canonical(head))}


def read(path: Path, ledger: Ledger) -> Anchor:
    """An anchor from a head file or a published folder's manifest (or the folder itself),
    its signature checked with the ledger's public key."""
    target = path / "manifest.json" if path.is_dir() else path
    try:
        body = json.loads(target.read_text("utf-8"))
        signed = body["head"] if "head" in body else body["manifest"]
        head = signed if "head" in body else signed["chain_head"]
        anchor = Anchor(str(signed["ledger_id"]), int(head["seq"]), str(head["hash"]),
                        str(target))
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
    t = schema.custody
    with ledger.store.reading() as conn:
        found = conn.execute(select(t.c.entry_hash).where(t.c.seq == anchor.seq)).scalar()
    if anchor.seq == 0:
        return []
    if found is None:
        return [f"custody entry {anchor.seq}: missing, but {anchor.source} anchored it: the "
                "log was cut back"]
    if found != anchor.hash:
        return [f"custody entry {anchor.seq}: hash {found[:12]}…, but {anchor.source} "
                f"anchored {anchor.hash[:12]}…: the log was rewritten after the anchor"]
    return []
