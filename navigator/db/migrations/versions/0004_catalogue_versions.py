"""Catalogue versions for the maintainer studio: drafts, versions under review and published
versions of the knowledge base, each a bundle of its data files.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the catalogue_versions table."""
    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("bundle_json", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("catalogue_version", sa.String(length=20), nullable=False),
        sa.Column("base_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("catalogue_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_versions_status"), ["status"], unique=False)


def downgrade() -> None:
    """Drop the catalogue_versions table."""
    with op.batch_alter_table("catalogue_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_versions_status"))

    op.drop_table("catalogue_versions")
