"""verify replays the audit log against the records; records written before this version
were not all fully logged, so the full replay starts after the log's last entry.

Revision ID: 0009
Revises: 0008
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT max(seq) FROM audit")).scalar()
    if last:  # a ledger made by an earlier version: its records so far are checked leniently
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        bind.execute(sa.text("INSERT INTO ledger_meta (key, value) VALUES "
                             "('audit_replay_from', :value)"),
                     {"value": f"{int(last) + 1} {now}"})
