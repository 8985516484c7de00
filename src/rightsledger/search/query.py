"""Search sources: parse the query, ask the store for matching rows, build snippets.

Search stands below the store: it defines the query language (search.text) and asks any
``Index`` for rows; ``rightsledger.db.RecordStore`` is one, compiling a parsed query to its
engine's dialect (FTS5, tsquery).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rightsledger.domain import Source
from rightsledger.search.text import Query, parse, snippet


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None
    kind: str | None = None
    date_from: str | None = None  # ISO date, inclusive, on the published date
    date_to: str | None = None


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
