"""The document as the extraction pipeline sees it: text, language, date, and what stages add.

Offsets everywhere are character offsets into ``Doc.text``. Each stage adds a list of
JSON-ready dicts under its key (``doc.found["dates"]``); every dict has ``start``, ``end``
and ``text`` (the exact words it came from).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Doc:
    text: str
    language: str | None = None
    published: date | None = None  # the base for relative dates ("last week")
    title: str | None = None  # the headline, when zoning finds one
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) spans
    found: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (the whole text if none)."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def within(self, key: str, start: int, end: int) -> list[dict[str, Any]]:
        """What stage ``key`` found between ``start`` and ``end``, in text order.

        A sorted index per key makes this a binary search: long documents have tens of
        thousands of sentences and mentions.
        """
        items = self.found.get(key, [])
        cached = self._index.get(key)
        if cached is None or cached[0] is not items:
            ordered = sorted(items, key=lambda m: m["start"])
            cached = (items, ordered, [m["start"] for m in ordered])
            self._index[key] = cached
        _, ordered, starts = cached
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [m for m in ordered[lo:hi] if m["end"] <= end]
