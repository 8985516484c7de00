"""Pseudonyms: stable, unguessable names for people, made from a keyed hash of their name.

The same name (after normalization) and the same ledger secret always give the same
pseudonym, so one person is one pseudonym in every report; without the secret nobody can
check a guess. ``identity_hash`` is a second keyed hash, under another subkey, used to find
the same person again without decrypting; neither can be computed from the other.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from rightsledger.errors import BadInput
from rightsledger.privacy.secret import IDENTITY_KEY, PSEUDONYM_KEY, subkey

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_APOSTROPHES = frozenset("'`\u2018\u2019\u02bc\u055a")  # ' ` ‘ ’ ʼ ՚ join: O'Brien = OBrien


def normalize_identity(name: str) -> str:
    """NFKC, casefold, punctuation out, whitespace collapsed: "  Anna  PETROSYAN " and
    "anna petrosyan" are one identity. Apostrophes join; other punctuation separates."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join("".join(_without_punctuation(ch) for ch in text).split())


def pseudonym(key: bytes, identity: str, prefix: str = "V") -> str:
    """``prefix`` + "-" + 8 Crockford base32 characters (40 bits), e.g. "V-7KQ3M2XD"."""
    return f"{prefix}-{_crockford(_mac(key, PSEUDONYM_KEY, identity)[:5])}"


def identity_hash(key: bytes, identity: str) -> str:
    """Hex HMAC-SHA256 of the normalized identity, for finding the same person again."""
    return _mac(key, IDENTITY_KEY, identity).hex()


def _mac(key: bytes, label: bytes, identity: str) -> bytes:
    text = normalize_identity(identity)
    if not text:
        raise BadInput(f"name: '{identity}' has no letters or digits to identify a person")
    return hmac.new(subkey(key, label), text.encode("utf-8"), hashlib.sha256).digest()


def _without_punctuation(ch: str) -> str:
    if ch in _APOSTROPHES:
        return ""
    return " " if unicodedata.category(ch).startswith("P") else ch


def _crockford(data: bytes) -> str:
    number, bits = int.from_bytes(data, "big"), len(data) * 8
    return "".join(CROCKFORD[(number >> shift) & 31] for shift in range(bits - 5, -1, -5))
