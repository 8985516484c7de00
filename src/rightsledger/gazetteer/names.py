"""Names as the matcher sees them: words, a folded form, the script, and inflected variants.

A name and a text are cut into the same words (``\\w+``) and each word is folded the same
way (``casefold``, NFKD, combining marks dropped, ``ə``→``e``, ``ı``→``i``), so
"Xankəndi", "XANKENDI" and "Xankendi" meet. Words are joined by ``SOFT`` when only spaces,
hyphens, dashes, apostrophes or brackets stand between them, so "Goris – Stepanakert" and
"Goris-Stepanakert" are the same key; any other punctuation is a hard break that no name
crosses.

Inflection: a name matches as the start of a word when what is left of the word is one of
the endings of the name's script (``ENDINGS``). Russian names also get their stems (the final
vowel or soft sign dropped) and the case forms of their leading words ("Лачинского
коридора", "трассе Горис-Степанакерт").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+")
SOFT = "\0"  # between words of one phrase
HARD = "\1"  # any other punctuation: names never cross it
SOFT_GAP = re.compile(r"[\s\-\u2010-\u2015\u2212'\u2018\u2019`()\[\]/]*")

_FOLD = {"ə": "e", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss"}
_DROP = frozenset("\u02b9\u02bb\u02bc\u02be\u02bf\u02c8")  # modifier apostrophes: Stepʻanakert


@lru_cache(maxsize=262_144)
def fold(word: str) -> str:
    """The form both names and text are matched in (may change the word's length)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(_FOLD.get(c, c) for c in decomposed
                   if c not in _DROP and not unicodedata.combining(c))


def words(name: str) -> list[str]:
    return WORD.findall(name)


def script(name: str) -> str | None:
    """LATIN, CYRILLIC, ARMENIAN, … for a name written in one script; None if mixed."""
    found = {_script_of(c) for c in name}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65_536)
def _script_of(char: str) -> str | None:
    """The script of one letter (None for anything else): looked up once per character, as
    the gazetteer's 40,000 names are read at every start."""
    if not char.isalpha() or unicodedata.category(char) == "Lm":
        return None
    return unicodedata.name(char, "?").split()[0]


# Endings, already folded. Latin ones (Azerbaijani and Turkish) apply only to texts in those
# languages: in English "Azerbaijani" is not "Azerbaijan" + accusative -i.
_AZ = ("da de ta te dan den tan ten in un nin nun a e ya ye i u ni nu yi yu la le yla yle "
       "daki deki taki teki nda nde ndan nden ndaki ndeki na ne")
_RU_NOUN = "а я у ю е ом ем ой ей ою ею ы и ью ах ях ам ям ами ями ов ев і ові"
_RU_ADJ = ("ый ий ой ая яя ое ее ого его ому ему ым им ом ем ую юю ые ие ых их ыми ими "
           "ою ею")
_HY = "ը ն ի ին ից ում ով յի յին յից յում յով յը"
ENDINGS: dict[str, frozenset[str]] = {
    "az": frozenset({""} | {fold(e) for e in _AZ.split()}),
    "ru": frozenset({""} | {fold(e) for e in _RU_NOUN.split()}),
    "ru_adj": frozenset(fold(e) for e in _RU_ADJ.split()),
    "hy": frozenset({""} | {fold(e) for e in _HY.split()}),
    "hy_i": frozenset({"ու", "ուն"}),  # Մարտունի → Մարտունու: final -ի turns to -ու
    "none": frozenset({""}),
}
INFLECTING_LATIN = frozenset({"az", "tr"})  # languages whose Latin names take endings
_RU_STEM_FINALS = frozenset(fold(c) for c in "аяьйоеиы")
_RU_ADJ_FINALS = tuple(fold(e) for e in ("ый", "ий", "ой", "ая", "яя", "ое", "ее"))
_RU_MAX_VARIED = 2  # leading words given case forms; more would multiply keys


def endings(kind: str, language: str | None) -> frozenset[str]:
    """The endings a name of ``kind`` may take in a text in ``language``."""
    if kind == "lat":
        return ENDINGS["az"] if language in INFLECTING_LATIN else ENDINGS["none"]
    return ENDINGS[kind]


def _russian_forms(word: str) -> list[str]:
    """Case forms of a leading word: adjectives fully, nouns by their usual endings."""
    if word.endswith(_RU_ADJ_FINALS):
        return [word[:-2] + e for e in ENDINGS["ru_adj"]]
    stem = word[:-1] if word[-1:] in _RU_STEM_FINALS else word
    return sorted({word} | {stem + e for e in ENDINGS["ru"]})


def _russian_keys(folded: list[str]) -> list[tuple[tuple[str, ...], str]]:
    last = folded[-1]
    if last.endswith(_RU_ADJ_FINALS) and len(last) > 4:
        tails = [(last[:-2], "ru_adj")]
    else:
        tails = [(last, "ru")]
        if last[-1:] in _RU_STEM_FINALS and len(last) > 3:
            tails.append((last[:-1], "ru"))
    heads: list[tuple[str, ...]] = [()]
    for i, word in enumerate(folded[:-1]):
        forms = _russian_forms(word) if i < _RU_MAX_VARIED else [word]
        heads = [h + (f,) for h in heads for f in forms]
    return [(h + (t,), kind) for h in heads for t, kind in tails]


def keys(name: str) -> list[tuple[str, str]]:
    """(key, ending kind) for every form of ``name`` to put in the automaton."""
    folded = [fold(w) for w in words(name)]
    if not folded or not all(folded):
        return []
    found = script(name)
    if found == "CYRILLIC":
        return [(SOFT + SOFT.join(ws), kind) for ws, kind in _russian_keys(folded)]
    key = SOFT + SOFT.join(folded)
    if found == "ARMENIAN":
        return [(key, "hy")] + ([(key[:-1], "hy_i")] if key.endswith("ի") else [])
    return [(key, "lat" if found == "LATIN" else "none")]


SHORT = 4  # names shorter than this must be written exactly (with their diacritics)
# A place name followed by a capitalised word with one of these endings is a first name.
SURNAME_ENDINGS = tuple(fold(e) for e in (
    "yan", "ov", "ova", "ev", "eva", "in", "ina", "sky", "ski", "skiy", "enko", "shvili",
    "dze", "oglu", "ян", "ов", "ова", "ев", "ева", "ин", "ина", "ский", "енко", "յան", "եան"))
NOT_SURNAME_ENDINGS = ("ության",)  # Արցախի Հանրապետության: "of the Republic", not a surname

INITIAL, ALL_CAPS = 1, 2


def capitals(name: str) -> tuple[tuple[int, int], ...]:
    """(word position, INITIAL or ALL_CAPS) for the words the text must write the same way.

    "Lachin corridor" needs "Lachin" capitalised (so "lachin" is no place); "USA" needs
    "USA" in capitals (so "Usa" is no place); "corridor de Latchine" needs only "Latchine".
    """
    found = []
    for i, word in enumerate(words(name)):
        if len(word) > 1 and word.isupper():
            found.append((i, ALL_CAPS))
        elif word[0].isupper():
            found.append((i, INITIAL))
    return tuple(found)


def written_as(word: str, level: int) -> bool:
    """Whether a word of the text has the capitals a name's word asks for."""
    if level == ALL_CAPS:
        return word.isupper() or word.lower() == word.upper()
    first = word[0]
    return first.isupper() or first.lower() == first.upper()
