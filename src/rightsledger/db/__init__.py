"""Records database: one schema, SQLAlchemy Core, SQLite or PostgreSQL behind RecordStore."""

from rightsledger.db.store import RecordStore, open_store

__all__ = ["RecordStore", "open_store"]
