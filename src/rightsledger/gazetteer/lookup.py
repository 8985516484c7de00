"""Find the gazetteer's places in a text: one Aho–Corasick pass, then word-level checks.

    for m in find("Shelling in Stepanakerte and Shushi…", language="ru"):
        m.place.id, m.start, m.end, m.text

The text is cut into words and folded (see ``names``); the automaton, built once per process,
holds every name's key with a leading word separator, so it only reports names that start a
word. Each report is then checked: the rest of its last word must be an allowed ending, the
words the name capitalises must be capitalised in the text, and names spelled with
diacritics beat names that only match without them ("Şuşa" is Shusha, not Iran's "Susa").
Overlaps keep the longest name ("Lachin corridor", not "Lachin"); a name shared by several
places is settled by ``resolve``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick

from rightsledger.gazetteer import names as nm
from rightsledger.gazetteer.places import Place, shipped
from rightsledger.gazetteer.resolve import resolve


@dataclass(frozen=True)
class Entry:
    place: int  # index into Matcher.places
    ending: str  # ending kind (names.ENDINGS)
    caps: tuple[tuple[int, int], ...]  # (word, level) the text must capitalise
    exact: str | None  # casefolded words with diacritics, for Latin names
    strict: bool  # short names ("ABŞ", "USA") must be spelled exactly


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    place: Place
    candidates: tuple[Place, ...]  # every place the words could name (one if unambiguous)


@dataclass
class Words:
    """A text cut into words: their spans, and the folded string the automaton reads."""

    text: str
    spans: list[tuple[int, int]]
    folded: str
    starts: list[int]  # where each word starts in ``folded``
    ends: list[int]


def cut(text: str) -> Words:
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos, previous = 0, 0
    for m in nm.WORD.finditer(text):
        start, end = m.span()
        gap = text[previous:start]
        sep = nm.SOFT if gap == " " or nm.SOFT_GAP.fullmatch(gap) else nm.HARD + nm.SOFT
        word = nm.fold(m.group())
        parts += (sep, word)
        pos += len(sep)
        starts.append(pos)
        pos += len(word)
        ends.append(pos)
        spans.append((start, end))
        previous = end
    parts.append(nm.HARD)
    return Words(text, spans, "".join(parts), starts, ends)


class Matcher:
    """The automaton over every place's names; build one with ``matcher()``."""

    def __init__(self, places: Iterable[Place]):
        self.places = tuple(places)
        table: dict[str, list[Entry]] = {}
        for index, place in enumerate(self.places):
            for name in place.names:
                self._add(table, index, name)
        self.automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.automaton.make_automaton()

    @staticmethod
    def _add(table: dict[str, list[Entry]], index: int, name: str) -> None:
        caps = nm.capitals(name)
        latin = nm.script(name) == "LATIN"
        exact = nm.SOFT.join(w.casefold() for w in nm.words(name)) if latin else None
        strict = len(name) < nm.SHORT
        for key, ending in nm.keys(name):
            entries = table.setdefault(key, [])
            entry = Entry(index, ending, caps, exact, strict)
            if entry not in entries:
                entries.append(entry)

    def find(self, text: str, language: str | None = None) -> list[Match]:
        words = cut(text)
        spans = self._spans(words, language)
        chosen = _longest_first(spans)
        ambiguous = {span: tuple(self.places[i] for i in spans[span]) for span in chosen}
        picked = resolve(ambiguous)
        out = []
        for first, last in sorted(chosen):
            start, end = words.spans[first][0], words.spans[last][1]
            out.append(Match(start, end, text[start:end], picked[(first, last)],
                             ambiguous[(first, last)]))
        return out

    def _spans(self, words: Words, language: str | None) -> dict[tuple[int, int], list[int]]:
        """(first word, last word) → indexes of the places named there, exact spellings first."""
        found: dict[tuple[int, int], dict[int, bool]] = {}
        for end, (length, entries) in self.automaton.iter(words.folded):
            first = bisect_left(words.starts, end - length + 2)
            last = bisect_right(words.starts, end) - 1
            rest = words.folded[end + 1:words.ends[last]]
            for entry in entries:
                if rest not in nm.endings(entry.ending, language):
                    continue
                if not all(nm.written_as(_word(words, first + k), level)
                           for k, level in entry.caps):
                    continue
                exact = _exact(words, first, last, entry)
                if entry.strict and not exact:
                    continue
                places = found.setdefault((first, last), {})
                places[entry.place] = places.get(entry.place, False) or exact
        return {span: _exact_first(places) for span, places in found.items()
                if not _first_name(words, span)}


def _word(words: Words, index: int) -> str:
    start, end = words.spans[index]
    return words.text[start:end]


def _exact(words: Words, first: int, last: int, entry: Entry) -> bool:
    if entry.exact is None:
        return True
    written = nm.SOFT.join(_word(words, i).casefold() for i in range(first, last + 1))
    return written.startswith(entry.exact)


def _first_name(words: Words, span: tuple[int, int]) -> bool:
    """A one-word name followed by a capitalised surname: "Ararat Mirzoyan", "Vladimir Putin"."""
    first, last = span
    after = last + 1
    if first != last or after >= len(words.spans):
        return False
    if words.folded[words.starts[after] - 1 - 1] == nm.HARD:
        return False
    following = _word(words, after)
    folded = nm.fold(following)
    return (following[0].isupper() and folded.endswith(nm.SURNAME_ENDINGS)
            and not folded.endswith(nm.NOT_SURNAME_ENDINGS))


def _exact_first(places: dict[int, bool]) -> list[int]:
    exact = [i for i, ok in places.items() if ok]
    return sorted(exact or places)


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, longer ones winning, then earlier ones."""
    taken: set[int] = set()
    chosen = []
    for first, last in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        covered = range(first, last + 1)
        if not taken.intersection(covered):
            taken.update(covered)
            chosen.append((first, last))
    return chosen


@cache
def matcher() -> Matcher:
    """The matcher over the shipped gazetteer, built once per process."""
    return Matcher(shipped())


def find(text: str, language: str | None = None) -> list[Match]:
    """Every place mentioned in ``text``, in order, with character offsets."""
    return matcher().find(text, language)
