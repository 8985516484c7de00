"""Initial schema: sources, their search index, near-duplicate digests, custody log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("num", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("original_name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("reader", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(8)),
        sa.Column("captured_at", sa.String(32)),
        sa.Column("captured_by", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("dup_group", sa.String(64)),
    )
    for column in ("kind", "published", "language", "dup_group"):
        op.create_index(f"ix_sources_{column}", "sources", [column])
    op.create_table(
        "source_minhash",
        sa.Column("num", sa.Integer, primary_key=True),
        sa.Column("digest", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "custody",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("object", sa.String(64), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
    )
    op.create_index("ix_custody_object", "custody", ["object"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_search()
    else:
        _postgres_search()


def _sqlite_search() -> None:
    # Contentless FTS5: the text lives once, in sources; the index holds the words of
    # rightsledger.search.text.fold(text) under rowid = sources.num, as PostgreSQL does.
    op.execute(
        "CREATE VIRTUAL TABLE source_fts USING fts5(title, text, content='', "
        "tokenize=\"unicode61 remove_diacritics 2\")"
    )


def _postgres_search() -> None:
    # The vector is built from text folded by rightsledger.search.fold (diacritics, case).
    op.execute("ALTER TABLE sources ADD COLUMN search_vector tsvector")
    op.execute("CREATE INDEX ix_sources_search ON sources USING gin (search_vector)")
