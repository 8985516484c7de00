"""The last guard before anything leaves for the public: victims' real names replaced by
their pseudonyms wherever they appear in text — a quote from a source, a claim, a
description typed by an analyst, an error message.

Names are matched after folding (no case, no diacritics: "HAKOBYÁN" = "hakobyan"),
transliteration of Cyrillic and Armenian letters to Latin ("Акопян" = "Akopyan"), and
collapsing of white space, with an Aho–Corasick automaton of every victim's full name, the
name with its parts reversed, and the surname alone (when it has 4 letters or more). A match
must stand as whole words. The replacement is the victim's pseudonym, or "[name withheld]"
for a surname several victims share.

Publications (publish.snapshot) and every response of the public web view pass through it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

import ahocorasick
from sqlalchemy import Connection, func, select

from rightsledger.db import schema
from rightsledger.privacy.fields import FieldCipher
from rightsledger.search.text import fold_char

_LATIN = {
    # Cyrillic (Russian, with the common Ukrainian letters)
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g",
    # Armenian
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y", "թ": "t",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz",
    "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch",
    "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v",
    "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
    # Azerbaijani and Turkish letters that do not decompose
    "ə": "e", "ı": "i",
}


def key_with_map(text: str) -> tuple[str, list[int]]:
    """The matching form of ``text`` and, for each of its characters, the offset of the
    original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if unicodedata.combining(ch):  # a decomposed accent (NFD): part of its letter
            continue
        if not ch.isalnum():  # spaces and punctuation: one space
            if not space and out:
                out.append(" ")
                origin.append(i)
            space = True
            continue
        space = False
        folded = "".join(_LATIN.get(c, c) for c in fold_char(ch))
        if ch in ("ւ", "Ւ") and out and out[-1] == "o":
            out[-1], folded = "u", ""  # ու is one vowel
        for c in folded:
            if c == "h" and out and out[-1] == "k":
                out[-1] = "h"  # kh = х = խ = h: "Khachatryan", "Хачатрян"
                continue
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def key(text: str) -> str:
    return key_with_map(text)[0]


WITHHELD = "[name withheld]"


class NameGuard:
    """Replaces known real names in text with pseudonyms."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        self._automaton = ahocorasick.Automaton()
        chosen: dict[str, str] = {}
        for name, pseudonym in names:
            for variant in _variants(name):
                if len(variant) >= 4:
                    # two victims share it (a surname): say nobody rather than the wrong one
                    chosen[variant] = pseudonym if chosen.get(variant, pseudonym) == pseudonym \
                        else WITHHELD
        for variant, replacement in chosen.items():
            self._automaton.add_word(variant, (len(variant), replacement))
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    @classmethod
    def of_ledger(cls, conn: Connection, secret: bytes) -> NameGuard:
        """A guard of every victim's real name in the ledger."""
        t = schema.victims
        rows = conn.execute(select(t.c.real_name, t.c.pseudonym).where(
            t.c.real_name.is_not(None))).all()
        if not rows:
            return cls([])
        cipher = FieldCipher(secret)
        return cls((cipher.decrypt(token, "victims.real_name"), pseudonym)
                   for token, pseudonym in rows)

    def clean(self, text: str) -> str:
        """``text`` with every real name replaced by its pseudonym."""
        if self.empty or not text:
            return text
        folded, origin = key_with_map(text)
        spans = []
        for end, (length, pseudonym) in self._automaton.iter(folded):
            start = end - length + 1
            if _whole_word(folded, start, end):
                spans.append((origin[start], origin[end] + 1, pseudonym))
        return _replace(text, spans)

    def walk(self, value: Any) -> Any:
        """A copy of ``value`` with every string in it cleaned (dicts, lists, tuples)."""
        if self.empty:
            return value
        if isinstance(value, str):
            return self.clean(value)
        if isinstance(value, dict):
            return {k: self.walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            items = [self.walk(v) for v in value]
            return items if isinstance(value, list) else tuple(items)
        return value


def _variants(name: str) -> set[str]:
    parts = key(name).split()
    if not parts:
        return set()
    found = {" ".join(parts), " ".join(reversed(parts))}
    if len(parts) > 1 and len(parts[-1]) >= 4:
        found.add(parts[-1])  # the surname alone
    return found


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Replace the longest non-overlapping spans, from the end backwards."""
    chosen: list[tuple[int, int, str]] = []
    for start, stop, pseudonym in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if chosen and start < chosen[-1][1]:
            continue
        chosen.append((start, stop, pseudonym))
    for start, stop, pseudonym in reversed(chosen):
        text = text[:start] + pseudonym + text[stop:]
    return text


def fingerprint(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever a victim is added or edited: when to build the guard again."""
    t = schema.victims
    return tuple(conn.execute(select(func.count(), func.max(t.c.id), func.max(t.c.updated_at),
                                     func.max(t.c.version))).one())

