"""The document as the extraction pipeline sees it: text, language, date, and what stages add.

Offsets everywhere are character offsets into ``Doc.text``. Each stage adds a list of
JSON-ready dicts under its key (``doc.found["dates"]``); every dict has ``start``, ``end``
and ``text`` (the exact words it came from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Doc:
    text: str
    language: str | None = None
    published: date | None = None  # the base for relative dates ("last week")
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) spans
    found: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (the whole text if none)."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def within(self, key: str, start: int, end: int) -> list[dict[str, Any]]:
        """What stage ``key`` found between ``start`` and ``end``."""
        return [m for m in self.found.get(key, []) if m["start"] >= start and m["end"] <= end]
