"""Records database: one schema, SQLAlchemy Core, SQLite or PostgreSQL behind RecordStore."""

from rightsledger.db.engines import open_store
from rightsledger.db.store import RecordStore

__all__ = ["RecordStore", "open_store"]
