"""Search sources: parse the query, ask the store for matching rows, build snippets."""

from __future__ import annotations

from dataclasses import dataclass

from rightsledger.db import RecordStore
from rightsledger.domain import Source
from rightsledger.search.text import parse, snippet


@dataclass(frozen=True)
class SearchFilters:
    language: str | None = None
    kind: str | None = None
    date_from: str | None = None  # ISO date, inclusive, on the published date
    date_to: str | None = None


@dataclass(frozen=True)
class Hit:
    source: Source
    snippet: str  # HTML-safe, matches in <mark>


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    total: int | None  # exact number of matches, counted only on request


def search(store: RecordStore, query: str, filters: SearchFilters | None = None, *,
           limit: int = 20, cap: int = 2000, count: bool = False) -> SearchResult:
    """The best ``limit`` sources for ``query`` among the newest ``cap`` matches."""
    q = parse(query)
    filters = filters or SearchFilters()
    nums = store.search_nums(q, filters, limit, cap)
    by_num = store.sources_by_num(nums)
    hits = [Hit(by_num[n], snippet(by_num[n].text, q)) for n in nums]
    total = store.count_matches(q, filters) if count else None
    return SearchResult(hits, total)
