"""Denials: a source refuting or rejecting a report. Kept as denials, never as incidents."""

from __future__ import annotations

from typing import Any

from rightsledger.extract.claims import attribution, sentence_date
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.extract.triggers import incident_patterns, word_pattern


def find_denials(doc: Doc) -> list[dict[str, Any]]:
    denial = word_pattern("denial", doc.language)
    found = []
    for start, end in doc.sentences:
        sentence = doc.text[start:end]
        word = denial.search(doc.text, start, end)
        if not word:
            continue
        denied = [t for t, p in incident_patterns(doc.language) if p.search(sentence)]
        by = attribution(doc, start, end) or _denier(doc, start, end, word.start())
        found.append({"by": by, "denies": denied[:1] or None,
                      "date": sentence_date(doc, start, end), "quote": sentence,
                      "start": start, "end": end})
    return found


def _denier(doc: Doc, start: int, end: int, at: int) -> str | None:
    """The organisation just before the denial word ("the Ministry of Defence denied …"),
    when no reporting phrase names one."""
    before = [o for o in doc.within("organizations", start, end) if o["end"] <= at]
    return str(before[-1]["name"]) if before and at - before[-1]["end"] <= _NEAR else None


_NEAR = 40  # characters between the denier's name and the denial word


STAGE = Stage("denials.v1", needs=("sentences", "dates", "organizations"), adds="denials",
              run=find_denials)
