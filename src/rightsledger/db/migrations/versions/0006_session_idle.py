"""Sessions remember their last request, so that 30 idle minutes end them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0004 creates the sessions table from today's schema.py, which already has the column
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("sessions")}
    if "seen_at" not in have:
        op.add_column("sessions", sa.Column("seen_at", sa.String(32)))
