"""Store and load wizard cases; the only module that talks to the database."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, create_engine, delete, select

from navigator.db.models import CaseRow, FeedbackRow
from navigator.db.workspace_models import ConsentRow

VERDICTS = ("relevant", "not_relevant", "applied", "awarded")


@dataclass(frozen=True)
class Feedback:
    """Outcome feedback as the domain sees it."""

    case_id: str
    instrument_id: str
    verdict: str
    answers: dict[str, Any]
    evaluated_on: str
    catalogue_version: str
    source: str = "self"
    client_hash: str | None = None


@dataclass(frozen=True)
class StoredFeedback(Feedback):
    """Feedback with when it was given and when its case was created and completed."""

    created_at: datetime | None = None
    case_created_at: datetime | None = None
    case_completed_at: datetime | None = None


@dataclass(frozen=True)
class StoredCase:
    """A case as the web layer sees it: plain values, no ORM row."""

    id: str
    answers: dict[str, Any]
    seen: tuple[str, ...]
    updated_at: datetime


def make_engine(url: str) -> Engine:
    """Create the engine; in-memory SQLite is shared across threads for tests."""
    if url == "sqlite://":
        from sqlalchemy.pool import StaticPool

        return create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    if url.startswith("sqlite"):
        return create_engine(url, connect_args={"check_same_thread": False})
    return create_engine(url, pool_pre_ping=True)


def _to_case(row: CaseRow) -> StoredCase:
    seen = tuple(s for s in row.seen_steps.split(",") if s)
    return StoredCase(row.id, json.loads(row.answers_json), seen, row.updated_at)


class CaseStore:
    """Cases in a SQL database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def check_writable(self) -> None:
        """Raise when the database cannot take a write (a readiness probe; nothing is kept)."""
        from sqlalchemy import text

        with self.engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            finally:
                transaction.rollback()

    def create(self) -> StoredCase:
        """Create an empty case with a new unguessable id (128 random bits)."""
        now = datetime.now(UTC)
        row = CaseRow(
            id=secrets.token_urlsafe(16), answers_json="{}", created_at=now, updated_at=now
        )
        with Session(self.engine) as session:
            session.add(row)
            session.commit()
            session.refresh(row)
            return _to_case(row)

    def get(self, case_id: str) -> StoredCase | None:
        """Return the case, or None when the id is unknown."""
        if not case_id or len(case_id) > 64:
            return None
        with Session(self.engine) as session:
            row = session.get(CaseRow, case_id)
            return _to_case(row) if row else None

    def save(self, case_id: str, answers: dict[str, Any], seen: tuple[str, ...]) -> None:
        """Replace the answers and the list of seen steps of an existing case."""
        with Session(self.engine) as session:
            row = session.get(CaseRow, case_id)
            if row is None:
                raise KeyError(case_id)
            row.answers_json = json.dumps(answers, sort_keys=True)
            row.seen_steps = ",".join(dict.fromkeys(seen))
            row.updated_at = datetime.now(UTC)
            session.add(row)
            session.commit()

    def delete(self, case_id: str) -> bool:
        """Delete a case and the verdicts given on it; tell whether it existed."""
        with Session(self.engine) as session:
            row = session.get(CaseRow, case_id)
            if row is None:
                return False
            session.exec(delete(FeedbackRow).where(FeedbackRow.case_id == case_id))  # type: ignore[arg-type]
            session.exec(delete(ConsentRow).where(col(ConsentRow.client_case_id) == case_id))
            session.delete(row)
            session.commit()
            return True

    def purge(self, untouched_since: datetime) -> int:
        """Delete every case (and its verdicts) not updated since the given moment.

        Cases an organisation holds are kept: their retention is the organisation's, and a
        client's consent or its withdrawal governs them (see the advisor workspace).
        """
        from navigator.db.workspace_models import WorkspaceCaseRow

        held = select(WorkspaceCaseRow.case_id)
        with Session(self.engine) as session:
            stale = session.exec(
                select(CaseRow.id)
                .where(CaseRow.updated_at < untouched_since)
                .where(col(CaseRow.id).not_in(held))
            ).all()
            if stale:
                session.exec(delete(ConsentRow).where(col(ConsentRow.client_case_id).in_(stale)))
                session.commit()
        return sum(self.delete(case_id) for case_id in stale)

    def all_answers(self, batch: int = 1000) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every case's id and stored answers, read in batches (impact analysis)."""
        last = ""
        while True:
            with Session(self.engine) as session:
                rows = session.exec(
                    select(CaseRow.id, CaseRow.answers_json)
                    .where(CaseRow.id > last)
                    .order_by(CaseRow.id)
                    .limit(batch)
                ).all()
            if not rows:
                return
            for case_id, answers_json in rows:
                yield case_id, json.loads(answers_json)
            last = rows[-1][0]

    def mark_completed(self, case_id: str) -> None:
        """Record that the applicant reached the results (the first time only)."""
        with Session(self.engine) as session:
            row = session.get(CaseRow, case_id)
            if row is not None and row.completed_at is None:
                row.completed_at = datetime.now(UTC)
                session.add(row)
                session.commit()

    def add_feedback(self, feedback: Feedback) -> bool:
        """Store one verdict of a completed case; a newer one on the same instrument replaces it.

        Returns False (and stores nothing) when the case does not exist or never reached its
        results: such verdicts cannot be told apart from a script's.
        """
        with Session(self.engine) as session:
            case = session.get(CaseRow, feedback.case_id)
            if case is None or case.completed_at is None:
                return False
            older = session.exec(
                select(FeedbackRow).where(
                    FeedbackRow.case_id == feedback.case_id,
                    FeedbackRow.instrument_id == feedback.instrument_id,
                )
            ).all()
            for row in older:
                session.delete(row)
            session.flush()
            session.add(
                FeedbackRow(
                    case_id=feedback.case_id,
                    instrument_id=feedback.instrument_id,
                    verdict=feedback.verdict,
                    answers_json=json.dumps(feedback.answers, sort_keys=True),
                    evaluated_on=feedback.evaluated_on,
                    catalogue_version=feedback.catalogue_version,
                    created_at=datetime.now(UTC),
                    source=feedback.source,
                    client_hash=feedback.client_hash,
                )
            )
            session.commit()
            return True

    def feedback_for(self, case_id: str) -> dict[str, str]:
        """Return the current verdict per instrument of one case."""
        with Session(self.engine) as session:
            rows = session.exec(select(FeedbackRow).where(FeedbackRow.case_id == case_id)).all()
            return {row.instrument_id: row.verdict for row in rows}

    def all_feedback(self) -> list[StoredFeedback]:
        """Return every stored verdict with its case's dates, oldest first."""
        statement = (
            select(FeedbackRow, CaseRow)
            .join(CaseRow, CaseRow.id == FeedbackRow.case_id, isouter=True)  # type: ignore[arg-type]
            .order_by(FeedbackRow.id)  # type: ignore[arg-type]
        )
        with Session(self.engine) as session:
            return [
                StoredFeedback(
                    r.case_id,
                    r.instrument_id,
                    r.verdict,
                    json.loads(r.answers_json),
                    r.evaluated_on,
                    r.catalogue_version,
                    r.source,
                    r.client_hash,
                    r.created_at,
                    case.created_at if case else None,
                    case.completed_at if case else None,
                )
                for r, case in session.exec(statement).all()
            ]
