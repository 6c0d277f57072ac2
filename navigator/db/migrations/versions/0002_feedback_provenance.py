"""Feedback provenance: completed cases, one verdict per case and instrument, its source and a
pseudonymous client, so that floods can be found and self-reports kept apart from confirmed
outcomes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add completed_at to cases; source, client_hash and uniqueness to feedback."""
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(
            sa.Column("source", sa.String(length=20), nullable=False, server_default="self")
        )
        batch.add_column(sa.Column("client_hash", sa.String(length=32), nullable=True))
        batch.create_unique_constraint("uq_feedback_case_instrument", ["case_id", "instrument_id"])


def downgrade() -> None:
    """Remove the provenance columns."""
    with op.batch_alter_table("feedback") as batch:
        batch.drop_constraint("uq_feedback_case_instrument", type_="unique")
        batch.drop_column("client_hash")
        batch.drop_column("source")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("completed_at")
