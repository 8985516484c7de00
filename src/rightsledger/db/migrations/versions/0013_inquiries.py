"""Inquiries to state bodies: their questions, links to incidents, disruptions and rights,
the replies with a status per question, and the reminders sent.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _who() -> list[sa.Column]:
    return [sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.String(32), nullable=False),
            sa.Column("created_by", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.String(32)),
            sa.Column("updated_by", sa.Text())]


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _inquiry_id() -> sa.Column:
    return sa.Column("inquiry_id", sa.Integer(), nullable=False, index=True)


def upgrade() -> None:
    # Columns spelled out (not schema.py's tables): a later migration may add to them.
    op.create_table(
        "inquiries", _id(),
        sa.Column("reference", sa.String(64), nullable=False, unique=True),
        sa.Column("addressee_id", sa.Integer(), nullable=False, index=True),
        sa.Column("sent", sa.String(10), nullable=False, index=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("deadline_days", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.String(10), nullable=False, index=True),
        sa.Column("letter_num", sa.Integer()),
        sa.Column("closed", sa.String(10)),
        sa.Column("closed_reason", sa.Text(), nullable=False),
        *_who(),
    )
    op.create_table(
        "inquiry_questions", _id(), _inquiry_id(),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *_who(),
    )
    op.create_table(
        "inquiry_links", _id(), _inquiry_id(),
        sa.Column("incident_id", sa.Integer(), index=True),
        sa.Column("disruption_id", sa.Integer(), index=True),
        sa.Column("right_code", sa.String(64)),
        *_who(),
    )
    op.create_table(
        "inquiry_replies", _id(), _inquiry_id(),
        sa.Column("received", sa.String(10), nullable=False),
        sa.Column("source_num", sa.Integer()),
        sa.Column("note", sa.Text(), nullable=False),
        *_who(),
    )
    op.create_table(
        "inquiry_answers", _id(),
        sa.Column("reply_id", sa.Integer(), nullable=False, index=True),
        sa.Column("question_id", sa.Integer(), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        *_who(),
    )
    op.create_table(
        "inquiry_reminders", _id(), _inquiry_id(),
        sa.Column("sent", sa.String(10), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_who(),
    )
