"""Month, weekday and number words of the languages we read, and a trie regex.

The words are data, one file per language in ``vocabularies/languages/`` (see docs/dates.md):
every form a text may write of each month ("декабря", "դեկտեմբերին", "dekabrda"), weekday and
small number. Adding a language is adding a file. Every table here maps a lower-case word form
to a number (month 1-12, weekday 0=Monday, count).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

# Endings that turn a date into the start of an open interval ("from", "since").
ABLATIVE = re.compile(r"(?:ից|d[aə]n)(?:\s+(?:ի\s+վեր|սկսած|bəri|etibarən))?$")


@cache
def languages() -> dict[str, dict[str, Any]]:
    """Every language file, by language code, in name order."""
    folder = resources.files("rightsledger.vocabularies").joinpath("languages")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")),
                   key=lambda f: f.name)
    return {f.name.removesuffix(".json"): json.loads(f.read_text("utf-8")) for f in files}


def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for data in languages().values():
        for month, forms in enumerate(data.get("months", []), start=1):
            out.update({form: month for form in forms})
    return out


MONTHS: dict[str, int] = _months()
# Armenian and Azerbaijani month forms with a case ending other than the genitive
# ("դեկտեմբերին", "dekabrda"): a year written after them belongs to something else.
INFLECTED_MONTHS = frozenset(f for d in languages().values() for f in d.get("inflected_months", []))
# Month forms that are abbreviations or ambiguous words: never a date on their own.
# ("մարտ" is also "battle"; "Mars" a planet; lower-case "may" a verb.)
SHORT_MONTHS = frozenset(f for d in languages().values() for f in d.get("short_months", []))
WEEKDAYS = {lang: tuple(" ".join(forms) for forms in d["weekdays"])
            for lang, d in languages().items() if "weekdays" in d}
NUMBERS: dict[str, dict[str, int]] = {lang: d["numbers"] for lang, d in languages().items()
                                      if "numbers" in d}


# Arabic-Indic and Persian digits as the digits the patterns read, one for one
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def lowered(text: str) -> str:
    """``text`` in lower case, letter for letter: the same length, so offsets still hold.
    Arabic-Indic digits ("١٢") become the digits they are.

    "İ" is the one character whose ``lower()`` is two characters long.
    """
    return text.replace("\u0130", "i").lower().translate(WESTERN_DIGITS)


def weekday_table(language: str | None = None) -> dict[str, int]:
    """Weekday word forms of one language (all languages when ``language`` is None)."""
    languages = [language] if language else list(WEEKDAYS)
    return {form.replace("_", " "): i for lang in languages
            for i, forms in enumerate(WEEKDAYS[lang]) for form in forms.split()}


def number_table(language: str) -> dict[str, int]:
    return NUMBERS[language]


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` built as a trie: fast to match, longest form first.

    A space inside a word matches any run of white space.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches, leaves = [], []
    for ch in sorted(k for k in node if k):
        sub = _trie_pattern(node[ch])
        char = r"\s+" if ch == " " else re.escape(ch)
        if sub or ch == " ":
            branches.append(char + sub)
        else:
            leaves.append(char)
    if leaves:
        branches.append(leaves[0] if len(leaves) == 1 else "[" + "".join(leaves) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return ("(?:" + body + ")?") if len(body) > 1 else body + "?"
