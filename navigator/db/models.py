"""Database tables (persistence only; never rendered directly)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class FeedbackRow(SQLModel, table=True):
    """A user's or advisor's verdict on one instrument for one case (outcome feedback)."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("case_id", "instrument_id", name="uq_feedback_case_instrument"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(index=True, max_length=64)
    instrument_id: str = Field(max_length=80)
    verdict: str = Field(max_length=20)
    answers_json: str = Field(sa_column=Column(Text, nullable=False))
    evaluated_on: str = Field(max_length=10)
    catalogue_version: str = Field(max_length=20)
    created_at: datetime
    # "self": the applicant's own verdict; "advisor": confirmed by an advisor (workspace).
    source: str = Field(
        default="self", sa_column=Column(String(20), nullable=False, server_default="self")
    )
    # A salted hash of the client address: finds floods without keeping the address.
    client_hash: str | None = Field(default=None, max_length=32)


class CaseRow(SQLModel, table=True):
    """A wizard case: the answers so far, under an unguessable id."""

    __tablename__ = "cases"

    id: str = Field(primary_key=True, max_length=64)
    answers_json: str = Field(sa_column=Column(Text, nullable=False))
    seen_steps: str = Field(default="", max_length=1000)
    created_at: datetime
    updated_at: datetime
    # When the applicant first saw the results: feedback counts only from completed cases.
    completed_at: datetime | None = None


# The workspace tables live in their own module; importing it registers them with the metadata.
from navigator.db import workspace_models as workspace_models  # noqa: E402
