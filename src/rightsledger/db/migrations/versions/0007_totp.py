"""Users may have a TOTP secret (encrypted): the second factor, required for admins.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0004 creates the users table from today's schema.py, which already has the column
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("users")}
    if "totp_secret" not in have:
        op.add_column("users", sa.Column("totp_secret", sa.Text()))
