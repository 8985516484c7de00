"""Statements: who calls on whom to do what, and when. The words of a call ("calls on",
"urged", "призвал", "a appelé", "закликав", "ha pedido") are data, per language: the
``calls`` group of ``vocabularies/incident_triggers.json``."""

from __future__ import annotations

import re
from typing import Any

from rightsledger.extract.claims import antecedent, attribution, sentence_date, spoken_by_pronoun
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.extract.triggers import word_pattern


def find_statements(doc: Doc) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    spoken: dict[tuple[int, int], str] = {}
    for start, end in doc.sentences:
        call = word_pattern("calls", doc.language).search(doc.text, start, end)
        if call is None:
            continue
        orgs = doc.within("organizations", start, end)
        addressee = [o for o in orgs if o["start"] >= call.end()]
        by = _speaker(doc, start, end, call, orgs, spoken)
        if by:
            spoken[(start, end)] = by
        found.append({
            "by": by,
            "addressee": addressee[0]["name"] if addressee else None,
            "date": sentence_date(doc, start, end) or _published(doc),
            **_demands(doc.text, call.end(), end),
            "quote": doc.text[start:end], "start": start, "end": end})
    return found


def _speaker(doc: Doc, start: int, end: int, call: re.Match[str],
             orgs: list[dict[str, Any]], spoken: dict[tuple[int, int], str]) -> str | None:
    """Who makes the call: the office named last before the call word (an office holder's
    name gives way to the office: "the Ombudsman of Artsakh, Artak Beglaryan, called …"),
    else the source of the sentence's reporting phrase ("…, said a researcher at Human
    Rights Watch"), else, when a pronoun or a bare noun makes it ("It calls on", "The
    mission urges", "We urge"), the speaker the sentences before name; else an unknown
    organisation by its shape or acronym right before the call ("UNAMA urges")."""
    before = [o for o in orgs if o["end"] <= call.start()]
    offices = [o for o in before if o.get("kind") != "person"]
    if offices or before:
        return str((offices or before)[-1]["name"])
    told = attribution(doc, start, end)
    if told:
        return told
    if spoken_by_pronoun(doc, start, end, call):
        return antecedent(doc, start, spoken)
    shaped = _NAMED.search(doc.text, start, call.start())
    return shaped.group("name") if shaped else None


# an organisation's name just before the call: an acronym ("UNAMA") or capitalised words
# ending in a head noun ("The Pakistan Federal Union of Journalists")
_NAMED = re.compile(r"(?:^|(?<=\s))(?:[Tt]he\s+)?(?P<name>[A-Z]{3,8}|(?:[A-Z][\w'’-]+\s+"
                    r"(?:(?:of|for|and|the)\s+)*){1,6}(?:Union|Committee|Council|Mission|"
                    r"Network|Office|Commission|Association|Federation|Coalition|Centre|Center"
                    r"|Institute|Front|Movement|Party|Alliance|Watch|Group)(?:\s+(?:of|for)\s+"
                    r"(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})?)\s+(?:\w+\s+)?$")


_BETWEEN = re.compile(
    r"\s*(?:;|,?\s+and\s+(?:also\s+)?(?=to\s)|,\s*as well as\s+|,?\s+and\s+to\s+"
    r"|,?\s+и\s+(?=\w+ть\b)|,?\s+et\s+(?=(?:à|de|d')\s*\w)|,?\s+та\s+|,?\s+y\s+a\s+"
    r"|,?\s+e\s+(?=a\s|di\s))\s*", re.IGNORECASE)


def split_demands(text: str) -> list[str]:
    """The demands of one call, each its own item: "to stop X and to allow Y" gives
    ["stop X", "allow Y"]; "X to stop Y" stays whole. A bare "and" between two nouns
    ("food and medicine") never splits."""
    return [text[a:b] for a, b in demand_spans(text, 0, len(text))]


_EDGE = " :,.;—-"
_LEAD = re.compile(r"(?:to|à|de|d')\s+", re.IGNORECASE)


def demand_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each demand of the call in ``text[start:end]`` is (see ``split_demands``)."""
    cuts = [start, *(x for m in _BETWEEN.finditer(text, start, end) for x in m.span()), end]
    spans = []
    for a, b in (_trimmed(text, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)):
        lead = _LEAD.match(text, a, b)
        spans.append((lead.end() if lead else a, b))
    kept = [(a, b) for a, b in spans if len(text[a:b].split()) >= 2]
    if kept:
        return kept
    whole = _trimmed(text, start, end)
    return [whole] if whole[0] < whole[1] else []


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """``text[a:b]`` without the punctuation and spaces at its ends."""
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def _demands(text: str, start: int, end: int) -> dict[str, Any]:
    """The call's demands as text, and where each is (``demand_spans``: start, end)."""
    spans = demand_spans(text, start, end)
    return {"demands": [text[a:b] for a, b in spans],
            "demand_spans": [[a, b] for a, b in spans]}


def _published(doc: Doc) -> str | None:
    return doc.published.isoformat() if doc.published else None


STAGE = Stage("statements.v2", needs=("sentences", "dates", "organizations"),
              adds="statements", run=find_statements)
