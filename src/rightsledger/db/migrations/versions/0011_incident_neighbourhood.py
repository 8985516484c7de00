"""Indexes for the neighbourhood of an incident: proposal looks up the plausible repeats of a
candidate (same type, overlapping dates, nearby places) through them instead of scanning
every incident of its type.

A ledger created at this revision already has them (migration 0003 builds the record tables
from today's schema.py); an older one gets them here.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from rightsledger.db import schema

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    have = {i["name"] for table in ("incidents", "incident_places")
            for i in inspector.get_indexes(table)}
    for index in schema.NEIGHBOURHOOD_INDEXES:
        if index.name not in have:
            index.create(op.get_bind())
