"""Near-duplicate fingerprints: a MinHash (rensa) of a text's word 5-shingles."""

from __future__ import annotations

import re
from array import array

from rensa import RMinHash

NUM_PERM = 128
SEED = 20221212
SHINGLE = 5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE words, case-folded."""
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def fingerprint(text: str) -> bytes | None:
    """The MinHash digest as bytes, or None when the text is too short to compare."""
    grams = shingles(text)
    if len(grams) < 3:
        return None
    m = RMinHash(num_perm=NUM_PERM, seed=SEED)
    m.update(list(grams))
    return array("I", m.digest()).tobytes()


def unpack(digest: bytes) -> array:
    values = array("I")
    values.frombytes(digest)
    return values
