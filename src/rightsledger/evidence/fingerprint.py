"""Near-duplicate fingerprints: a MinHash (rensa) of a text's word 5-shingles.

A long text is hashed a window at a time (about a million characters, cut at white space,
each window carrying the last words of the one before): a MinHash of the union of the
windows' shingles is the MinHash of the whole text's, so the digest is the same as hashing
it at once, and memory stays flat whatever the text's length (a 20 MB text used to need
250 MB for its set of shingles).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from itertools import islice

from rensa import RMinHash

NUM_PERM = 128
SEED = 20221212
SHINGLE = 5
WINDOW = 1_000_000  # characters of text hashed at a time
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s")


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE words, case-folded."""
    return _grams(_WORD.findall(text.casefold()))


def _grams(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _windows(text: str) -> Iterator[str]:
    """The text in pieces of about WINDOW characters, each ending before white space (a
    text with none for another WINDOW characters is cut where it is: only there can the
    digest differ from hashing the text at once)."""
    start = 0
    while len(text) - start > WINDOW:
        space = _SPACE.search(text, start + WINDOW, start + 2 * WINDOW)
        cut = space.start() if space else start + 2 * WINDOW
        yield text[start:cut]
        start = cut
    yield text[start:]


def fingerprint(text: str) -> bytes | None:
    """The MinHash digest as bytes, or None when the text is too short to compare (fewer
    than three distinct shingles)."""
    m = RMinHash(num_perm=NUM_PERM, seed=SEED)
    tail: list[str] = []
    distinct: set[str] = set()  # up to three shingles: enough to know the text compares
    for piece in _windows(text):
        words = tail + _WORD.findall(piece.casefold())
        grams = _grams(words)
        if grams:
            m.update(list(grams))
            if len(distinct) < 3:
                distinct.update(islice(grams, 3))
        tail = words[-(SHINGLE - 1):]
    return array("I", m.digest()).tobytes() if len(distinct) >= 3 else None


def unpack(digest: bytes) -> array:
    values = array("I")
    values.frombytes(digest)
    return values
