"""Statements: who calls on whom to do what, and when. The words of a call ("calls on",
"urged", "призвал", "a appelé", "закликав", "ha pedido") are data, per language: the
``calls`` group of ``vocabularies/incident_triggers.json``."""

from __future__ import annotations

import re
from typing import Any

from rightsledger.extract.claims import sentence_date
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.extract.triggers import word_pattern


def find_statements(doc: Doc) -> list[dict[str, Any]]:
    found = []
    for start, end in doc.sentences:
        call = word_pattern("calls", doc.language).search(doc.text, start, end)
        if call is None:
            continue
        orgs = doc.within("organizations", start, end)
        speaker = [o for o in orgs if o["end"] <= call.start()]
        addressee = [o for o in orgs if o["start"] >= call.end()]
        found.append({
            "by": speaker[-1]["name"] if speaker else None,
            "addressee": addressee[0]["name"] if addressee else None,
            "date": sentence_date(doc, start, end) or _published(doc),
            "demands": split_demands(doc.text[call.end():end]),
            "quote": doc.text[start:end], "start": start, "end": end})
    return found


_BETWEEN = re.compile(
    r"\s*(?:;|,?\s+and\s+(?:also\s+)?(?=to\s)|,\s*as well as\s+|,?\s+and\s+to\s+"
    r"|,?\s+и\s+(?=\w+ть\b)|,?\s+et\s+(?=(?:à|de|d')\s*\w)|,?\s+та\s+|,?\s+y\s+a\s+"
    r"|,?\s+e\s+(?=a\s|di\s))\s*", re.IGNORECASE)


def split_demands(text: str) -> list[str]:
    """The demands of one call, each its own item: "to stop X and to allow Y" gives
    ["stop X", "allow Y"]; "X to stop Y" stays whole. A bare "and" between two nouns
    ("food and medicine") never splits."""
    parts = [p.strip(" :,.;—-") for p in _BETWEEN.split(text)]
    items = [re.sub(r"^(?:to|à|de|d')\s+", "", p, flags=re.IGNORECASE) for p in parts]
    return [i for i in items if len(i.split()) >= 2] or ([text.strip(" :,.;—-")]
                                                        if text.strip(" :,.;—-") else [])


def _published(doc: Doc) -> str | None:
    return doc.published.isoformat() if doc.published else None


STAGE = Stage("statements.v1", needs=("sentences", "dates", "organizations"),
              adds="statements", run=find_statements)
