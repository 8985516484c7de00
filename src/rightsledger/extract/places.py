"""Places: gazetteer names found in the text, with id, coordinates and country.

    {"name": "Stepanakert", "place_id": "gn:146970", "lat": 39.8177, "lon": 46.7528,
     "country": "AZ", "text": "Степанакерте", "start": 12, "end": 24, "kind": "settlement"}

``name`` is the gazetteer's English name; ``text`` is what the source wrote, inflection
included. Matching, inflection and ambiguity are explained in docs/gazetteer.md.
"""

from __future__ import annotations

from typing import Any

from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.gazetteer.lookup import Match, find


def as_mention(match: Match) -> dict[str, Any]:
    place = match.place
    return {"name": place.name, "place_id": place.id, "lat": place.lat, "lon": place.lon,
            "country": place.country, "text": match.text, "start": match.start,
            "end": match.end, "kind": place.kind}


def find_places(doc: Doc) -> list[dict[str, Any]]:
    return [as_mention(m) for m in find(doc.text, doc.language)]


STAGE = Stage("places.v1", needs=(), adds="places", run=find_places)
