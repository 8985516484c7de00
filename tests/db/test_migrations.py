"""The migrated database is the schema of db/schema.py, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rightsledger.db import schema
from rightsledger.ledger import Ledger

_ENGINE_OWN = {"source_fts", "source_fts_data", "source_fts_idx", "source_fts_docsize",
               "source_fts_config", "source_fts_content", "alembic_version"}


def _relevant(diff: object) -> bool:
    """Differences other than the engines' own search structures (made by migrations only)."""
    text = repr(diff)
    return not any(name in text for name in (*_ENGINE_OWN, "search_vector", "ix_sources_search",
                                             "ix_mentions_kind_label"))


def test_migrations_build_the_schema_of_schema_py(ledger: Ledger) -> None:
    with ledger.store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert [d for d in diffs if _relevant(d)] == []
