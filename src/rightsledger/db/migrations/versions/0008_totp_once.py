"""A TOTP code is accepted once: the users table keeps the time step of the last one.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0004 creates the users table from today's schema.py, which already has the column
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("users")}
    if "totp_step" not in have:
        op.add_column("users", sa.Column("totp_step", sa.Integer()))
