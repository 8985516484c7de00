"""Search sources: parse the query, ask the store for matching rows, build snippets.

Search stands below the store: it defines the query language (search.text) and asks any
``Index`` for rows; ``rightsledger.db.RecordStore`` is one, compiling a parsed query to its
engine's dialect (FTS5, tsquery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from rightsledger import vocabularies
from rightsledger.domain import Source
from rightsledger.errors import BadInput
from rightsledger.search.text import Query, parse, snippet


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None
    kind: str | None = None
    date_from: str | None = None  # ISO date, inclusive, on the published date
    date_to: str | None = None

    @classmethod
    def checked(cls, *, language: str | None = None, kind: str | None = None,
                date_from: str | None = None, date_to: str | None = None,
                fields: dict[str, str] | None = None) -> SearchFilters:
        """Filters made from what a person typed, each checked (BadInput naming it as the
        caller calls it, ``fields``: "--from" for the CLI): a known source kind, a
        language code, days that exist, a range that does not end before it starts."""
        name = {"language": "lang", "kind": "kind", "date_from": "date_from",
                "date_to": "date_to", **(fields or {})}
        if kind and kind not in vocabularies.source_kinds():
            raise BadInput(f"{name['kind']}: unknown source kind '{kind}' (choose one of "
                           f"{', '.join(vocabularies.source_kinds())})")
        if language and not _LANGUAGE.match(language):
            raise BadInput(f"{name['language']}: '{language}' is not a language code (en, ru, "
                           "hy, …)")
        first, last = _day(date_from, name["date_from"]), _day(date_to, name["date_to"])
        if first and last and last < first:
            raise BadInput(f"{name['date_to']}: {last} is before {name['date_from']} {first}")
        return cls(language or None, kind or None, first, last)


_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _day(value: str | None, field: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadInput(f"{field}: '{value}' is not a date (write YYYY-MM-DD)") from None


class Index(Protocol):
    """What search asks of a store."""

    def search_nums(self, query: Query, filters: SearchFilters, limit: int,
                    cap: int) -> list[int]: ...

    def sources_by_num(self, nums: list[int]) -> dict[int, Source]: ...

    def count_matches(self, query: Query, filters: SearchFilters) -> int: ...


@dataclass(frozen=True)
class Hit:
    source: Source
    snippet: str  # HTML-safe, matches in <mark>


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    total: int | None  # exact number of matches, counted only on request


def search(store: Index, query: str, filters: SearchFilters | None = None, *,
           limit: int = 20, cap: int = 2000, count: bool = False) -> SearchResult:
    """The best ``limit`` sources for ``query`` among the newest ``cap`` matches."""
    q = parse(query)
    filters = filters or SearchFilters()
    nums = store.search_nums(q, filters, limit, cap)
    by_num = store.sources_by_num(nums)
    hits = [Hit(by_num[n], snippet(by_num[n].text, q)) for n in nums]
    total = store.count_matches(q, filters) if count else None
    return SearchResult(hits, total)
