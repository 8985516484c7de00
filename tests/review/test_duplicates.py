"""Near-duplicate grouping: planted copies are found, unrelated texts are not grouped."""

from __future__ import annotations

import random

from rightsledger.evidence.fingerprint import fingerprint
from rightsledger.review.duplicates import group_pairs

WORDS = ("blockade corridor gas electricity convoy ombudsman residents flour medicine school "
         "hospital village bridge checkpoint statement report road winter children families "
         "heating fuel water shortage market prices queue bakery bread patients surgery").split()


def _text(rng: random.Random, n: int = 80) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _edit(rng: random.Random, text: str, changes: int) -> str:
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = "edited"
    return " ".join(words)


def test_planted_copies_are_grouped_and_nothing_else() -> None:
    rng = random.Random(11)
    originals = [_text(rng) for _ in range(60)]
    texts = list(originals)
    planted = {}
    for i in range(0, 60, 6):  # every sixth text is republished with one word changed
        planted[len(texts)] = i
        texts.append(_edit(rng, originals[i], 1))
    digests = [(n, fingerprint(t)) for n, t in enumerate(texts)]
    groups = group_pairs([(n, d) for n, d in digests if d], threshold=0.7)
    assert sorted(groups) == sorted([i, copy] for copy, i in planted.items())


def test_short_texts_have_no_fingerprint() -> None:
    assert fingerprint("too short to compare") is None
    assert fingerprint("one two three four five six seven eight") is not None


def test_groups_merge_transitively() -> None:
    rng = random.Random(5)
    base = _text(rng, 200)
    a, b = _edit(rng, base, 2), _edit(rng, base, 2)
    digests = [(1, fingerprint(base)), (2, fingerprint(a)), (3, fingerprint(b)),
               (4, fingerprint(_text(rng, 200)))]
    assert group_pairs(digests, 0.7) == [[1, 2, 3]]
