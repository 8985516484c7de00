"""Opening a store: the engine a database URL names.

Each engine's module is imported only when its URL is opened, so that an optional driver
(psycopg) loads only for PostgreSQL; the engines build on store.py, which knows none of them.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url

from rightsledger.db.store import RecordStore
from rightsledger.errors import LedgerError


def open_store(url: str, key: bytes | None = None) -> RecordStore:
    """The store for a database URL: sqlite:///… or postgresql+psycopg://…; ``key`` encrypts
    a SQLite database (SQLCipher)."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        from rightsledger.db.sqlite import SQLiteStore

        return SQLiteStore.connect(url, key)
    if backend == "postgresql":
        from rightsledger.db.postgres import PostgresStore

        return PostgresStore.connect(url)
    raise LedgerError(f"unsupported database '{backend}': use sqlite or postgresql+psycopg")
