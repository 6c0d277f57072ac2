"""Cases and outcome feedback: the tables of catalogue 2026.11 (before migrations existed).

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the cases and feedback tables."""
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("seen_steps", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("instrument_id", sa.String(length=80), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("evaluated_on", sa.String(length=10), nullable=False),
        sa.Column("catalogue_version", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_feedback_case_id", "feedback", ["case_id"], unique=False)


def downgrade() -> None:
    """Drop the cases and feedback tables."""
    op.drop_index("ix_feedback_case_id", table_name="feedback")
    op.drop_table("feedback")
    op.drop_table("cases")
