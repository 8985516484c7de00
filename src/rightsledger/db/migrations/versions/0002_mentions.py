"""Extraction results: mentions and candidates per source, with the stage that made them.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("num", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_mentions_num", "mentions", ["num"])
    op.create_index("ix_mentions_kind_label", "mentions", ["kind", "label"])
    op.create_table(
        "source_extraction",
        sa.Column("num", sa.Integer, primary_key=True),
        sa.Column("versions", sa.Text, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
    )
