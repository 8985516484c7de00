"""Full-text search over sources, through the store's dialect."""

from rightsledger.search.query import Hit, Index, SearchFilters, SearchResult, search

__all__ = ["Hit", "Index", "SearchFilters", "SearchResult", "search"]
