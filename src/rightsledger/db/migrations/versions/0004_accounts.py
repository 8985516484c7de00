"""Accounts of the web application: users with roles and password hashes, sessions.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from rightsledger.db import schema

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in schema.ACCOUNT_TABLES:
        table.create(bind)
