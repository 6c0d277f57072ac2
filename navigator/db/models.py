"""Database tables (persistence only; never rendered directly)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class CaseRow(SQLModel, table=True):
    """A wizard case: the answers so far, under an unguessable id."""

    __tablename__ = "cases"

    id: str = Field(primary_key=True, max_length=64)
    answers_json: str = Field(sa_column=Column(Text, nullable=False))
    seen_steps: str = Field(default="", max_length=1000)
    created_at: datetime
    updated_at: datetime
