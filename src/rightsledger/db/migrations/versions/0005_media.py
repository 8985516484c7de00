"""Photo bank, consent records, human stories, contacts and engagements.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from rightsledger.db import schema

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in schema.MEDIA_TABLES:
        table.create(bind)
