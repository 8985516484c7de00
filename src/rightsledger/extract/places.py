"""Places: gazetteer names found in the text, with id, coordinates and country.

    {"name": "Stepanakert", "place_id": "gn:146970", "lat": 39.8177, "lon": 46.7528,
     "country": "AZ", "text": "Степанакерте", "start": 12, "end": 24, "kind": "settlement"}

``name`` is the gazetteer's English name; ``text`` is what the source wrote, inflection
included. Matching, inflection and ambiguity are explained in docs/gazetteer.md.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.gazetteer.lookup import Match, find
from rightsledger.vocabularies import load


def as_mention(match: Match) -> dict[str, Any]:
    place = match.place
    return {"name": place.name, "place_id": place.id, "lat": place.lat, "lon": place.lon,
            "country": place.country, "text": match.text, "start": match.start,
            "end": match.end, "kind": place.kind}


def find_places(doc: Doc) -> list[dict[str, Any]]:
    return [as_mention(m) for m in find(doc.text, doc.language)]


@cache
def _shapes(language: str | None) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """(pattern, whether the noun belongs to the name) of ``place_shapes.json``."""
    data = load("place_shapes")
    name = data["name"]
    out = []
    for group in ("before", "after", "facility"):
        table = data[group]
        for lang in [language] if language in table else list(table):
            for noun in table.get(lang, []):
                pattern = f"(?i:{noun}){name}" if group == "before" else f"{name}(?i:{noun})"
                out.append((re.compile(pattern), group == "facility"))
    return tuple(out)


_ACRONYM = re.compile(r"[A-Z]{2,6}")


@cache
def _not_names() -> frozenset[str]:
    return frozenset(load("place_shapes")["not_names"])


def shaped_places(doc: Doc, start: int, end: int) -> list[dict[str, Any]]:
    """Places the gazetteer lacks, by the shape of their mention in ``doc.text[start:end]``
    ("the village of Sakhanka", "Zamzam camp"), in text order: a name without an id or
    coordinates, for a reviewer to place. A name the gazetteer knows is not one of them."""
    known = [(p["start"], p["end"]) for p in doc.within("places", start, end)]
    found = []
    for pattern, whole in _shapes(doc.language):
        for m in pattern.finditer(doc.text, start, end):
            at, to = (m.start(), m.end()) if whole else (m.start("name"), m.end("name"))
            first = m.group("name").split()[0]
            if (any(s < to and at < e for s, e in known) or _ACRONYM.fullmatch(first)
                    or first in _not_names()):
                continue  # "a UN school": an organisation's; "The village": no name
            found.append({"name": doc.text[at:to], "place_id": None, "kind": "unresolved",
                          "text": doc.text[at:to], "start": at, "end": to})
    return sorted(found, key=lambda p: p["start"])


STAGE = Stage("places.v1", needs=(), adds="places", run=find_places)
