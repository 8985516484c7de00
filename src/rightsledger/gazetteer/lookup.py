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

import contextlib
import hashlib
import os
import pickle
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import ahocorasick

from rightsledger.gazetteer import names as nm
from rightsledger.gazetteer.places import Place, data_file, shipped
from rightsledger.gazetteer.resolve import resolve

# What the automaton holds for one name's key, a plain tuple (it is cached, and plain tuples
# unpickle ten times faster than objects):
#   (place, ending, caps, exact, strict)
#   place   index into Matcher.places
#   ending  ending kind (names.ENDINGS)
#   caps    ((word, level), ...) the text must capitalise
#   exact   casefolded words with diacritics, for Latin names, else None
#   strict  short names ("ABŞ", "USA") must be spelled exactly
Entry = tuple[int, str, tuple[tuple[int, int], ...], str | None, bool]


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

    def __init__(self, places: Iterable[Place], automaton: Any = None):
        self.places = tuple(places)
        self.automaton = automaton if automaton is not None else self._build(self.places)

    @classmethod
    def _build(cls, places: tuple[Place, ...]) -> Any:
        table: dict[str, dict[Entry, None]] = {}  # an ordered set of entries per key
        for index, place in enumerate(places):
            for name in place.names:
                cls._add(table, index, name)
        automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            automaton.add_word(key, (len(key), tuple(entries)))
        automaton.make_automaton()
        return automaton

    @staticmethod
    def _add(table: dict[str, dict[Entry, None]], index: int, name: str) -> None:
        caps = nm.capitals(name)
        latin = nm.script(name) == "LATIN"
        exact = nm.SOFT.join(w.casefold() for w in nm.words(name)) if latin else None
        strict = len(name) < nm.SHORT
        for key, ending in nm.keys(name):
            table.setdefault(key, {})[(index, ending, caps, exact, strict)] = None

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
            for place, ending, caps, spelled, strict in entries:
                if rest not in nm.endings(ending, language):
                    continue
                if not all(nm.written_as(_word(words, first + k), level) for k, level in caps):
                    continue
                exact = _exact(words, first, last, spelled)
                if strict and not exact:
                    continue
                places = found.setdefault((first, last), {})
                places[place] = places.get(place, False) or exact
        return {span: _exact_first(places) for span, places in found.items()
                if not _first_name(words, span)}


def _word(words: Words, index: int) -> str:
    start, end = words.spans[index]
    return words.text[start:end]


def _exact(words: Words, first: int, last: int, spelled: str | None) -> bool:
    if spelled is None:
        return True
    written = nm.SOFT.join(_word(words, i).casefold() for i in range(first, last + 1))
    return written.startswith(spelled)


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
    """The matcher over the shipped gazetteer, once per process."""
    return load(cache_file())


def load(cache: Path) -> Matcher:
    """The matcher over the shipped gazetteer: its automaton read from ``cache`` when it was
    built before (a quarter of a second), else built (two to three seconds) and written
    there for the next process."""
    places = shipped()
    automaton = _read_cache(cache)
    if automaton is None:
        automaton = Matcher._build(places)
        _write_cache(cache, automaton)
    return Matcher(places, automaton)


CACHE_FORMAT = 1


def cache_dir() -> Path:
    """$RIGHTSLEDGER_CACHE_DIR, else $XDG_CACHE_HOME/rightsledger, else ~/.cache/rightsledger."""
    if os.environ.get("RIGHTSLEDGER_CACHE_DIR"):
        return Path(os.environ["RIGHTSLEDGER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rightsledger"


def cache_file() -> Path:
    """The automaton's cache, named by what it is built from: the gazetteer's bytes, the
    code that turns names into keys, and the automaton library's version."""
    digest = hashlib.sha256()
    for part in (data_file(), Path(nm.__file__), Path(__file__)):
        digest.update(part.read_bytes())
    digest.update(f"{CACHE_FORMAT} {metadata.version('pyahocorasick')}".encode())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:20]}.automaton"


def _read_cache(path: Path) -> Any:
    """The cached automaton, or None when there is none or it cannot be read (it is then
    built again). The cache is the user's own (a 0700 folder), trusted as their home is."""
    try:
        with path.open("rb") as f:
            automaton = pickle.load(f)  # noqa: S301 - our own file, in the user's cache
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
            TypeError):
        return None
    return automaton if isinstance(automaton, ahocorasick.Automaton) else None


def _write_cache(path: Path, automaton: Any) -> None:
    """Write the cache atomically; a cache that cannot be written is no error (each process
    then builds the automaton for itself)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-",
                                         delete=False) as f:
            pickle.dump(automaton, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError:
        with contextlib.suppress(OSError, NameError):
            os.unlink(f.name)


def find(text: str, language: str | None = None) -> list[Match]:
    """Every place mentioned in ``text``, in order, with character offsets."""
    return matcher().find(text, language)
