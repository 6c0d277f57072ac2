"""What advisors keep on a case: notes, outcomes and frozen advice versions; and the audit log
of every read and change of a case."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, func, select

from navigator.db.workspace import utc
from navigator.db.workspace_models import AdviceVersionRow, AuditRow, NoteRow, OutcomeRow

OUTCOMES = ("intended", "applied", "awarded", "rejected")
# What an advisor-confirmed outcome tells the ranker: applying (granted or not) and an award
# say the instrument was worth acting on; an intention says it was relevant.
OUTCOME_VERDICTS = {
    "intended": "relevant",
    "applied": "applied",
    "awarded": "awarded",
    "rejected": "applied",
}


@dataclass(frozen=True)
class Note:
    """A note on a case."""

    id: int
    case_id: str
    instrument_id: str | None
    author_id: int | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Outcome:
    """What became of one instrument for a case, as recorded at one moment."""

    id: int
    case_id: str
    instrument_id: str
    status: str
    on_date: date | None
    amount_eur: int | None
    reason: str | None
    author_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class AdviceVersion:
    """Advice as shared with the client: everything needed to show and print it again."""

    number: int
    case_id: str
    answers: dict[str, Any]
    evaluated_on: date
    language: str
    catalogue_version: str
    fingerprint: str
    groups: dict[str, str]  # instrument id -> results group, as shown then
    pdf_sha256: str | None
    author_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class AuditEvent:
    """One read or change of a case."""

    at: datetime
    actor_id: int | None
    actor: str
    organisation_id: int | None
    case_id: str | None
    action: str
    detail: str


def _now() -> datetime:
    return datetime.now(UTC)


class CaseworkStore:
    """Notes, outcomes, versions and the audit log in the SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Notes
    def add_note(
        self, case_id: str, author_id: int, text: str, instrument_id: str | None = None
    ) -> Note:
        """Keep a note on the case (on one instrument when given)."""
        row = NoteRow(
            case_id=case_id,
            instrument_id=instrument_id or None,
            author_id=author_id,
            text=text.strip()[:4000],
            created_at=_now(),
        )
        with Session(self.engine) as session:
            session.add(row)
            session.commit()
            session.refresh(row)
            return _note(row)

    def notes(self, case_id: str) -> list[Note]:
        """The notes of a case, oldest first."""
        statement = select(NoteRow).where(NoteRow.case_id == case_id).order_by(col(NoteRow.id))
        with Session(self.engine) as session:
            return [_note(row) for row in session.exec(statement).all()]

    # Outcomes
    def add_outcome(
        self,
        case_id: str,
        author_id: int,
        instrument_id: str,
        status: str,
        on_date: date | None = None,
        amount_eur: int | None = None,
        reason: str | None = None,
    ) -> Outcome:
        """Record an outcome; earlier ones stay as the instrument's history."""
        if status not in OUTCOMES:
            raise ValueError(f"status: use one of {', '.join(OUTCOMES)}")
        row = OutcomeRow(
            case_id=case_id,
            instrument_id=instrument_id,
            status=status,
            on_date=on_date.isoformat() if on_date else None,
            amount_eur=amount_eur,
            reason=(reason or "").strip()[:2000] or None,
            author_id=author_id,
            created_at=_now(),
        )
        with Session(self.engine) as session:
            session.add(row)
            session.commit()
            session.refresh(row)
            return _outcome(row)

    def outcomes(self, case_id: str) -> list[Outcome]:
        """Every outcome recorded on a case, oldest first."""
        statement = (
            select(OutcomeRow).where(OutcomeRow.case_id == case_id).order_by(col(OutcomeRow.id))
        )
        with Session(self.engine) as session:
            return [_outcome(row) for row in session.exec(statement).all()]

    # Frozen advice versions
    def freeze(
        self,
        case_id: str,
        author_id: int,
        answers: dict[str, Any],
        evaluated_on: date,
        language: str,
        catalogue_version: str,
        fingerprint: str,
        groups: dict[str, str],
    ) -> AdviceVersion:
        """Freeze the advice as shared now; versions are numbered 1, 2, ... per case."""
        with Session(self.engine) as session:
            highest = session.exec(
                select(func.max(AdviceVersionRow.number)).where(AdviceVersionRow.case_id == case_id)
            ).one()
            row = AdviceVersionRow(
                case_id=case_id,
                number=(highest or 0) + 1,
                answers_json=json.dumps(answers, sort_keys=True),
                evaluated_on=evaluated_on.isoformat(),
                language=language,
                catalogue_version=catalogue_version,
                fingerprint=fingerprint,
                groups_json=json.dumps(groups, sort_keys=True),
                author_id=author_id,
                created_at=_now(),
            )
            session.add(row)
            session.commit()
            session.refresh(row)
            return _version(row)

    def set_pdf_hash(self, case_id: str, number: int, sha256: str) -> None:
        """Remember the hash of a version's PDF the first time it is made."""
        with Session(self.engine) as session:
            row = self._version_row(session, case_id, number)
            if row is not None and row.pdf_sha256 is None:
                row.pdf_sha256 = sha256
                session.add(row)
                session.commit()

    def versions(self, case_id: str) -> list[AdviceVersion]:
        """The frozen versions of a case, oldest first."""
        statement = (
            select(AdviceVersionRow)
            .where(AdviceVersionRow.case_id == case_id)
            .order_by(col(AdviceVersionRow.number))
        )
        with Session(self.engine) as session:
            return [_version(row) for row in session.exec(statement).all()]

    def version(self, case_id: str, number: int) -> AdviceVersion | None:
        """One frozen version of a case."""
        with Session(self.engine) as session:
            row = self._version_row(session, case_id, number)
            return _version(row) if row else None

    @staticmethod
    def _version_row(session: Session, case_id: str, number: int) -> AdviceVersionRow | None:
        return session.exec(
            select(AdviceVersionRow).where(
                AdviceVersionRow.case_id == case_id, AdviceVersionRow.number == number
            )
        ).first()

    # Audit log
    def record(
        self,
        actor: str,
        action: str,
        case_id: str | None,
        organisation_id: int | None = None,
        actor_id: int | None = None,
        detail: str = "",
    ) -> None:
        """Append one event (never answers or client details: only who, when, what)."""
        with Session(self.engine) as session:
            session.add(
                AuditRow(
                    at=_now(),
                    actor_id=actor_id,
                    actor=actor,
                    organisation_id=organisation_id,
                    case_id=case_id,
                    action=action[:30],
                    detail=detail[:300],
                )
            )
            session.commit()

    def audit(
        self,
        organisation_id: int | None = None,
        case_ids: tuple[str, ...] = (),
        limit: int = 500,
    ) -> list[AuditEvent]:
        """Events of an organisation, or of the given cases; newest first."""
        statement = select(AuditRow).order_by(col(AuditRow.id).desc()).limit(limit)
        if organisation_id is not None:
            statement = statement.where(AuditRow.organisation_id == organisation_id)
        if case_ids:
            statement = statement.where(col(AuditRow.case_id).in_(case_ids))
        with Session(self.engine) as session:
            return [_event(row) for row in session.exec(statement).all()]

    def purge_audit(self, before: datetime) -> int:
        """Delete audit events older than the retention period; return how many."""
        with Session(self.engine) as session:
            old = session.exec(select(func.count()).where(AuditRow.at < before)).one()
            session.exec(delete(AuditRow).where(col(AuditRow.at) < before))
            session.commit()
            return int(old)


def _note(row: NoteRow) -> Note:
    assert row.id is not None
    return Note(
        row.id,
        row.case_id,
        row.instrument_id,
        row.author_id,
        row.text,
        utc(row.created_at) or row.created_at,
    )


def _outcome(row: OutcomeRow) -> Outcome:
    assert row.id is not None
    return Outcome(
        row.id,
        row.case_id,
        row.instrument_id,
        row.status,
        date.fromisoformat(row.on_date) if row.on_date else None,
        row.amount_eur,
        row.reason,
        row.author_id,
        utc(row.created_at) or row.created_at,
    )


def _version(row: AdviceVersionRow) -> AdviceVersion:
    return AdviceVersion(
        row.number,
        row.case_id,
        json.loads(row.answers_json),
        date.fromisoformat(row.evaluated_on),
        row.language,
        row.catalogue_version,
        row.fingerprint,
        json.loads(row.groups_json),
        row.pdf_sha256,
        row.author_id,
        utc(row.created_at) or row.created_at,
    )


def _event(row: AuditRow) -> AuditEvent:
    return AuditEvent(
        utc(row.at) or row.at,
        row.actor_id,
        row.actor,
        row.organisation_id,
        row.case_id,
        row.action,
        row.detail,
    )
