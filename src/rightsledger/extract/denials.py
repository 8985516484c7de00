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
        if not denial.search(sentence):
            continue
        denied = [t for t, p in incident_patterns(doc.language) if p.search(sentence)]
        found.append({"by": attribution(doc, start, end), "denies": denied[:1] or None,
                      "date": sentence_date(doc, start, end), "quote": sentence,
                      "start": start, "end": end})
    return found


STAGE = Stage("denials.v1", needs=("sentences", "dates", "organizations"), adds="denials",
              run=find_denials)
