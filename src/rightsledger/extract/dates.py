"""The ``dates.v1`` stage: absolute and relative dates, ranges and open intervals.

    find_dates(Doc("Since Monday, December 12, the road is closed.",
                   language="en", published=date(2023, 1, 16)))
    -> [{"value": "2022-12-12/..", "precision": "range", "text": "Since Monday, December 12",
         "start": 0, "end": 25, "relative": True}]

Candidates come from our own per-language regexes (``extract/dating``), not from
dateparser's ``search_dates``, which takes "44 days" or "day 100" for dates and is far too
slow to run over every token. See docs/dates.md.
"""

from __future__ import annotations

from typing import Any

from rightsledger.extract.dating import absolute, relative
from rightsledger.extract.dating.resolve import join, resolve, select
from rightsledger.extract.dating.words import lowered
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage


def find_dates(doc: Doc) -> list[dict[str, Any]]:
    """Every date in ``doc.text`` as a dict of the extraction contract."""
    text, language = doc.text, (doc.language or "").lower() or None
    lower = lowered(text)
    candidates = [*absolute.find(text, lower, language), *relative.find(lower, language)]
    found = join(text, select(candidates))
    out = []
    for f, dated in resolve(text, found, doc.published):
        item: dict[str, Any] = {"value": dated.value(), "precision": dated.precision(),
                                "text": text[f.start:f.end], "start": f.start, "end": f.end}
        if dated.relative:
            item["relative"] = True
        out.append(item)
    return out


STAGE = Stage("dates.v1", needs=(), adds="dates", run=find_dates)
