"""Incident candidates: a trigger word of an incident type, with the date, place, figures
and source that belong to the same sentence, the rights affected and the quote."""

from __future__ import annotations

from typing import Any

from rightsledger.extract.claims import attribution, casualties, sentence_date, sentence_place
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.extract.triggers import incident_patterns, rights


def find_incidents(doc: Doc) -> list[dict[str, Any]]:
    denied = {(d["start"], d["end"]) for d in doc.found.get("denials", [])}
    demanded = {(s["start"], s["end"]) for s in doc.found.get("statements", [])}
    found = []
    for start, end in doc.sentences:
        if (start, end) in denied:
            continue
        if (start, end) in demanded and not doc.within("dates", start, end):
            continue  # "X urged Y to stop shelling": a demand, not a report of an event
        if not _is_sentence(doc.text[start:end]):
            continue  # a headline, caption or heading: the article's sentences report it
        kind = _type(doc, start, end)
        if kind:
            found.append(_incident(doc, kind, start, end))
    return found


_ENDINGS = tuple(".!?…։\"'»”")


def _is_sentence(text: str) -> bool:
    """A written sentence, not a title: it ends with a full stop and is not in capitals."""
    letters = [c for c in text if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    return text.rstrip().endswith(_ENDINGS) and not shouting


def _type(doc: Doc, start: int, end: int) -> str | None:
    for kind, pattern in incident_patterns(doc.language):
        if pattern.search(doc.text, start, end):
            return kind
    return None


def _incident(doc: Doc, kind: str, start: int, end: int) -> dict[str, Any]:
    place = sentence_place(doc, start, end)
    return {"type": kind, "date": sentence_date(doc, start, end),
            "place": place["name"] if place else None,
            "place_id": place["place_id"] if place else None,
            **casualties(doc, start, end),
            "attributed_to": attribution(doc, start, end),
            "quote": doc.text[start:end], "start": start, "end": end,
            "rights": list(rights(kind))}


STAGE = Stage("incidents.v1", needs=("sentences", "dates", "places", "organizations",
                                     "numbers", "denials", "statements"), adds="incidents",
              run=find_incidents)
