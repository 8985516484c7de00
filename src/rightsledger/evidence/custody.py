"""The custody log: append-only, hash-chained, each entry signed with the ledger's key.

An entry's hash covers its sequence, time, actor, action, object, details and the previous
entry's hash, as canonical JSON; its signature is Ed25519 over that hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsledger.domain import CustodyEntry
from rightsledger.evidence import keys
from rightsledger.ground import canonical, utc_now


def compute_hash(seq: int, at: str, actor: str, action: str, obj: str,
                 details: dict[str, Any], prev_hash: str) -> str:
    body = {"seq": seq, "at": at, "actor": actor, "action": action, "object": obj,
            "details": details, "prev": prev_hash}
    return hashlib.sha256(canonical(body)).hexdigest()


def new_entry(head: tuple[int, str], key: Ed25519PrivateKey, actor: str, action: str,
              obj: str = "", details: dict[str, Any] | None = None) -> CustodyEntry:
    """The entry that follows ``head`` (the last entry's sequence and hash)."""
    seq, prev = head[0] + 1, head[1]
    at, details = utc_now(), details or {}
    digest = compute_hash(seq, at, actor, action, obj, details, prev)
    return CustodyEntry(seq, at, actor, action, obj, details, prev, digest,
                        keys.sign(key, bytes.fromhex(digest)))


def first_break(entries: Iterable[CustodyEntry], public: Ed25519PublicKey,
                genesis: str) -> tuple[int, str | None]:
    """Walk the chain; return how many entries were checked and the first problem, if any."""
    expected_seq, prev, checked = 1, genesis, 0
    for e in entries:
        checked += 1
        problem = _entry_problem(e, expected_seq, prev, public)
        if problem:
            return checked, f"custody entry {e.seq}: {problem}"
        expected_seq, prev = e.seq + 1, e.entry_hash
    return checked, None


def _entry_problem(e: CustodyEntry, seq: int, prev: str, public: Ed25519PublicKey) -> str | None:
    if e.seq != seq:
        return f"sequence jumps from {seq - 1} to {e.seq} (entries missing or reordered)"
    if e.prev_hash != prev:
        return "previous-hash link broken (an earlier entry was removed or changed)"
    if compute_hash(e.seq, e.at, e.actor, e.action, e.object, e.details, e.prev_hash) \
            != e.entry_hash:
        return "content does not match its hash (the entry was altered)"
    if not keys.is_valid(public, bytes.fromhex(e.entry_hash), e.signature):
        return "signature invalid (not signed by this ledger's key)"
    return None
