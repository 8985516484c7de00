"""Records: actors, places, incidents with sources, acts and claims, victims, disruptions,
statements, obligations with observations, and the audit log.

The tables are created from their definitions in db/schema.py as they stood at this
revision; a later change to them comes as a new migration (tests/db/test_migrations.py
checks that the migrated database equals schema.py).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from rightsledger.db import schema

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in schema.RECORD_TABLES:
        table.create(bind)
