"""Full-text search over sources, through the store's dialect."""

from rightsledger.search.query import Hit, SearchFilters, SearchResult, search

__all__ = ["Hit", "SearchFilters", "SearchResult", "search"]
