"""The records schema as SQLAlchemy Core tables, shared by every engine.

Engine-specific search structures (SQLite FTS5 table, PostgreSQL tsvector column) are created
by the migrations and reached only through the store of that engine.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ledger_meta = Table(
    "ledger_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(128), nullable=False),
    Column("original_name", Text, nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("reader", String(32), nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("publisher", Text),
    Column("author", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("language", String(8), index=True),
    Column("captured_at", String(32)),
    Column("captured_by", Text),
    Column("text", Text, nullable=False),
    Column("meta", Text, nullable=False),
    Column("dup_group", String(64), index=True),
)

source_minhash = Table(
    "source_minhash",
    metadata,
    Column("num", Integer, primary_key=True),
    Column("digest", LargeBinary, nullable=False),
)

custody = Table(
    "custody",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("object", String(64), nullable=False, index=True),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("num", Integer, nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("stage", String(32), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("label", Text),
    Column("data", Text, nullable=False),
)

source_extraction = Table(
    "source_extraction",
    metadata,
    Column("num", Integer, primary_key=True),
    Column("versions", Text, nullable=False),
    Column("warnings", Text, nullable=False),
)
