"""Tables of the advisor workspace: organisations, accounts, an organisation's cases, consent,
notes, outcomes, frozen advice versions, handovers and the audit log (persistence only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _workspace_case() -> Column[str]:
    """The reference from notes, outcomes, versions and handovers to their case."""
    return Column(
        String(64),
        ForeignKey("workspace_cases.case_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


class OrganisationRow(SQLModel, table=True):
    """An organisation whose advisors or staff use Navigator (a ROM, RVO, KVK, ...)."""

    __tablename__ = "organisations"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    created_at: datetime


class UserRow(SQLModel, table=True):
    """A staff account: an advisor, organisation admin, maintainer, reviewer or admin."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=200)
    totp_secret: str | None = Field(default=None, max_length=64)
    disabled: bool = False
    failed_logins: int = 0
    locked_until: datetime | None = None
    last_login_at: datetime | None = None
    created_at: datetime


class WorkspaceCaseRow(SQLModel, table=True):
    """A case held by an organisation: a wizard case (same id) with its client's details."""

    __tablename__ = "workspace_cases"

    case_id: str = Field(
        sa_column=Column(String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    )
    organisation_id: int = Field(foreign_key="organisations.id", index=True)
    advisor_id: int | None = Field(default=None, foreign_key="users.id")
    client_name: str = Field(max_length=200)
    kvk_number: str | None = Field(default=None, max_length=8)
    contact: str | None = Field(default=None, max_length=200)
    # open, closed, withdrawn (consent withdrawn: anonymised, no access)
    status: str = Field(default="open", max_length=20)
    # "advisor": made in the workspace; "client": taken over from a client's own case
    origin: str = Field(default="advisor", max_length=20)
    created_at: datetime
    updated_at: datetime
    anonymised_at: datetime | None = None


class ConsentRow(SQLModel, table=True):
    """A client's consent to share their own case with one organisation, via a short code."""

    __tablename__ = "consents"

    id: int | None = Field(default=None, primary_key=True)
    client_case_id: str = Field(
        sa_column=Column(
            String(64), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    code_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=200)
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None = None
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id")
    advisor_id: int | None = Field(default=None, foreign_key="users.id")
    workspace_case_id: str | None = Field(default=None, max_length=64)
    withdrawn_at: datetime | None = None


class NoteRow(SQLModel, table=True):
    """An advisor's note on a case, on one instrument or on the case as a whole."""

    __tablename__ = "case_notes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(sa_column=_workspace_case())
    instrument_id: str | None = Field(default=None, max_length=80)
    author_id: int | None = Field(default=None, foreign_key="users.id")
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class OutcomeRow(SQLModel, table=True):
    """What became of one instrument for a case: intended, applied, awarded or rejected."""

    __tablename__ = "case_outcomes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(sa_column=_workspace_case())
    instrument_id: str = Field(max_length=80)
    status: str = Field(max_length=20)
    on_date: str | None = Field(default=None, max_length=10)
    amount_eur: int | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    author_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime


class AdviceVersionRow(SQLModel, table=True):
    """Advice as it was shared with the client: answers, date, catalogue and results, frozen."""

    __tablename__ = "advice_versions"
    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_advice_version_number"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(sa_column=_workspace_case())
    number: int
    answers_json: str = Field(sa_column=Column(Text, nullable=False))
    evaluated_on: str = Field(max_length=10)
    language: str = Field(max_length=2)
    catalogue_version: str = Field(max_length=20)
    fingerprint: str = Field(max_length=64)
    groups_json: str = Field(sa_column=Column(Text, nullable=False))
    pdf_sha256: str | None = Field(default=None, max_length=64)
    author_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime


class HandoverRow(SQLModel, table=True):
    """A case offered to another organisation (or advisor) with a message."""

    __tablename__ = "handovers"

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(sa_column=_workspace_case())
    from_organisation_id: int = Field(foreign_key="organisations.id")
    from_user_id: int | None = Field(default=None, foreign_key="users.id")
    to_organisation_id: int = Field(foreign_key="organisations.id", index=True)
    to_user_id: int | None = Field(default=None, foreign_key="users.id")
    message: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    accepted_at: datetime | None = None
    accepted_by: int | None = Field(default=None, foreign_key="users.id")
    declined_at: datetime | None = None


class AuditRow(SQLModel, table=True):
    """Who read or changed which case, when, and what (no answers, no personal details)."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id")
    actor: str = Field(max_length=20)
    organisation_id: int | None = Field(default=None, index=True)
    case_id: str | None = Field(default=None, max_length=64, index=True)
    action: str = Field(max_length=30)
    detail: str = Field(default="", max_length=300)


class CatalogueVersionRow(SQLModel, table=True):
    """A version of the knowledge base: a draft, one under review, or published."""

    __tablename__ = "catalogue_versions"

    id: int | None = Field(default=None, primary_key=True)
    # draft -> submitted -> published; or rejected / withdrawn
    status: str = Field(max_length=20, index=True)
    bundle_json: str = Field(sa_column=Column(Text, nullable=False))
    fingerprint: str = Field(max_length=64)
    catalogue_version: str = Field(max_length=20)
    base_id: int | None = Field(default=None)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    author_id: int | None = Field(default=None, foreign_key="users.id")
    reviewer_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    published_at: datetime | None = None
