"""Paragraphs and sentences. Armenian ends sentences with "։" (and "." in Latin-script text).

Offsets are character offsets into the text; spans exclude surrounding white space.
"""

from __future__ import annotations

import re
from typing import Any

from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage

_PARAGRAPH = re.compile(r"\n[ \t]*\n+")
# A sentence ends at . ! ? … ։ (closing quotes may follow) and white space, or at a line break.
_END = re.compile(r"(?<=[.!?…։])[\"'»”)\]]*\s+|\n+")
_CLOSERS = "\"'»”)]"
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|No|Art|para|vs|etc|approx|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|т|г|гг|ул|им|см|тыс|млн|янв|фев|мар|апр|авг"
    r"|сен|окт|ноя|дек|chap|p|pp)\.|\b[A-ZА-ЯԱ-Ֆ]\.)$"
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blocks separated by blank lines."""
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]."""
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in _END.finditer(text, start, end):
        soft = "\n" not in m.group()
        if soft and _ABBREVIATION.search(text[max(pos, m.start() - 8):m.start()]):
            continue  # "Dr. Smith", "2022 г. перекрыли" do not end a sentence
        if soft and m.end() < end and text[m.end()].islower():
            continue  # a lower-case start continues the sentence
        closing = len(m.group()) - len(m.group().lstrip(_CLOSERS))
        spans.append((pos, m.start() + closing))
        pos = m.end()
    spans.append((pos, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_sentences(doc: Doc) -> list[dict[str, Any]]:
    doc.sentences = [s for p in paragraphs(doc.text) for s in split(doc.text, *p)]
    return [{"start": a, "end": b} for a, b in doc.sentences]


STAGE = Stage("sentences.v1", needs=(), adds="sentences", run=find_sentences)
