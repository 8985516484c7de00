"""Incident candidates: a trigger word of an incident type, with the date, place, figures
and source that belong to the same sentence, the rights affected and the quote."""

from __future__ import annotations

from typing import Any

from rightsledger.extract import agents, sentence_classes
from rightsledger.extract.claims import (
    attribution,
    casualties,
    paragraph_start,
    sentence_date,
    sentence_place,
)
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.extract.triggers import incident_patterns, rights


def find_incidents(doc: Doc) -> list[dict[str, Any]]:
    denied = {(d["start"], d["end"]) for d in doc.found.get("denials", [])}
    demanded = {(s["start"], s["end"]) for s in doc.found.get("statements", [])}
    found: list[dict[str, Any]] = []
    for start, end in doc.sentences:
        if (start, end) in denied:
            continue
        if (start, end) in demanded and not doc.within("dates", start, end):
            continue  # "X urged Y to stop shelling": a demand, not a report of an event
        if not _is_sentence(doc.text[start:end]):
            continue  # a headline, caption or heading: the article's sentences report it
        typed = _type(doc, start, end)
        if typed and _reports_an_event(doc, start, end):
            found.append(_incident(doc, *typed, start, end, found))
    return found


def _reports_an_event(doc: Doc, start: int, end: int) -> bool:
    """What the learned model says of a sentence the trigger words name: background, a
    tally of losses, a demand or a denial is no candidate (no model: the rules decide)."""
    decided = sentence_classes.classify(doc, start, end)
    if decided is None:
        return True
    best, probs = decided
    return not (best in NOT_EVENTS and probs[best] >= CONFIDENT)


NOT_EVENTS = ("background", "tally")  # what the model may keep out of the review queue
CONFIDENT = 0.6  # ... when it is at least this sure

_ENDINGS = tuple(".!?…։\"'»”")


def _is_sentence(text: str) -> bool:
    """A written sentence, not a title: it ends with a full stop and is not in capitals."""
    letters = [c for c in text if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    return text.rstrip().endswith(_ENDINGS) and not shouting


def _type(doc: Doc, start: int, end: int) -> tuple[str, int] | None:
    """The incident type the sentence's trigger words name, and where the first one is."""
    for kind, pattern in incident_patterns(doc.language):
        m = pattern.search(doc.text, start, end)
        if m:
            return kind, m.start()
    return None


def _incident(doc: Doc, kind: str, trigger: int, start: int, end: int,
              before: list[dict[str, Any]]) -> dict[str, Any]:
    place = sentence_place(doc, start, end)
    claimant = attribution(doc, start, end)
    date = sentence_date(doc, start, end) or _carried_date(start, before)
    return {"type": kind, "date": date,
            "place": place["name"] if place else None,
            "place_id": place["place_id"] if place else None,
            **casualties(doc, start, end),
            "attributed_to": agents.agent(doc, start, end, kind, trigger, claimant)
            or _paragraph_agent(doc, start, before),
            "claimed_by": claimant,
            "quote": doc.text[start:end], "start": start, "end": end,
            "rights": list(rights(kind))}


CARRY = 2000  # characters: how far back an undated sentence takes the incident's date


def _carried_date(start: int, before: list[dict[str, Any]]) -> str | None:
    """The date of the incident just before, when the sentence and its paragraph name none:
    news writing dates the event once and tells the rest in short paragraphs ("On 4 May
    the village was shelled. / Two houses burnt down."). Its place is not carried: a
    later paragraph often moves elsewhere (measured: carrying places lowered the held-out
    score, carrying dates raised it; docs/extraction.md)."""
    if before and start - before[-1]["end"] <= CARRY:
        return before[-1]["date"]  # type: ignore[no-any-return]
    return None


def _paragraph_agent(doc: Doc, start: int, before: list[dict[str, Any]]) -> str | None:
    """The agent of the incident just before in the same paragraph ("Azerbaijani forces
    opened fire at dawn. Two houses were hit.")."""
    if before and before[-1]["start"] >= paragraph_start(doc, start):
        return before[-1]["attributed_to"]  # type: ignore[no-any-return]
    return None


STAGE = Stage("incidents.v3", needs=("sentences", "dates", "places", "organizations",
                                     "numbers", "denials", "statements"), adds="incidents",
              run=find_incidents)
