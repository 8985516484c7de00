"""Trigger words from vocabularies/incident_triggers.json, compiled once per language."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rightsledger.vocabularies import load

_FLAGS = re.IGNORECASE | re.UNICODE


def _pattern(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", _FLAGS)


def _languages(table: dict[str, list[str]], language: str | None) -> list[str]:
    """The patterns of ``language``, or of every language when it is unknown."""
    if language in table:
        return table[language]
    return [p for patterns in table.values() for p in patterns]


@cache
def vocabulary() -> dict[str, Any]:
    return load("incident_triggers")


@cache
def incident_patterns(language: str | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type, pattern) in priority order."""
    vocab = vocabulary()
    return tuple((t, _pattern(_languages(vocab["types"][t], language)))
                 for t in vocab["priority"])


@cache
def word_pattern(group: str, language: str | None) -> re.Pattern[str]:
    """One of the word groups (denial, killed_words, injured_words, attribution, calls)."""
    return _pattern(_languages(vocabulary()[group], language))


@cache
def rights(incident_type: str) -> tuple[str, ...]:
    return tuple(load("rights").get(incident_type, []))
