"""An organisation's cases: made by an advisor or taken over from a client's own case with
consent, withdrawn (then anonymised), and handed over to another organisation."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from navigator.db.models import CaseRow
from navigator.db.workspace_models import (
    ConsentRow,
    HandoverRow,
    NoteRow,
    WorkspaceCaseRow,
)

# A share code: 8 characters without look-alikes (0/O, 1/I/L), shown as ABCD-EFGH; about 40
# bits, valid for a limited time, used once, and tried at a rate-limited form.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALID_HOURS = 72
ANONYMOUS = "—"


@dataclass(frozen=True)
class WorkspaceCase:
    """A case of an organisation."""

    case_id: str
    organisation_id: int
    advisor_id: int | None
    client_name: str
    kvk_number: str | None
    contact: str | None
    status: str
    origin: str
    created_at: datetime
    updated_at: datetime

    @property
    def withdrawn(self) -> bool:
        """The client withdrew consent: the organisation keeps no access."""
        return self.status == "withdrawn"


@dataclass(frozen=True)
class Consent:
    """A client's consent to share their case, and what became of it."""

    id: int
    client_case_id: str
    purpose: str
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    organisation_id: int | None
    advisor_id: int | None
    workspace_case_id: str | None
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class Handover:
    """A case offered to another organisation."""

    id: int
    case_id: str
    from_organisation_id: int
    from_user_id: int | None
    to_organisation_id: int
    to_user_id: int | None
    message: str
    created_at: datetime
    accepted_at: datetime | None
    declined_at: datetime | None

    @property
    def pending(self) -> bool:
        """Neither accepted nor declined yet."""
        return self.accepted_at is None and self.declined_at is None


def utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _case(row: WorkspaceCaseRow) -> WorkspaceCase:
    return WorkspaceCase(
        row.case_id,
        row.organisation_id,
        row.advisor_id,
        row.client_name,
        row.kvk_number,
        row.contact,
        row.status,
        row.origin,
        utc(row.created_at) or row.created_at,
        utc(row.updated_at) or row.updated_at,
    )


def _consent(row: ConsentRow) -> Consent:
    assert row.id is not None
    return Consent(
        row.id,
        row.client_case_id,
        row.purpose,
        utc(row.created_at) or row.created_at,
        utc(row.expires_at) or row.expires_at,
        utc(row.accepted_at),
        row.organisation_id,
        row.advisor_id,
        row.workspace_case_id,
        utc(row.withdrawn_at),
    )


def _handover(row: HandoverRow) -> Handover:
    assert row.id is not None
    return Handover(
        row.id,
        row.case_id,
        row.from_organisation_id,
        row.from_user_id,
        row.to_organisation_id,
        row.to_user_id,
        row.message,
        utc(row.created_at) or row.created_at,
        utc(row.accepted_at),
        utc(row.declined_at),
    )


def normalise_code(code: str) -> str:
    """Upper-case, without spaces and hyphens, as typed from a letter or a phone."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    """A fresh share code, shown as ``ABCD-EFGH``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def _now() -> datetime:
    return datetime.now(UTC)


class WorkspaceStore:
    """Cases of organisations, consent and handover in the SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Cases
    def create_case(
        self,
        organisation_id: int,
        advisor_id: int | None,
        client_name: str,
        kvk_number: str | None = None,
        contact: str | None = None,
    ) -> WorkspaceCase:
        """Make an empty wizard case held by the organisation for a client."""
        return self._copy_into_workspace(
            {}, "", None, organisation_id, advisor_id, client_name, kvk_number, contact, "advisor"
        )

    def _copy_into_workspace(
        self,
        answers: dict[str, object],
        seen: str,
        completed_at: datetime | None,
        organisation_id: int,
        advisor_id: int | None,
        client_name: str,
        kvk_number: str | None,
        contact: str | None,
        origin: str,
        session: Session | None = None,
    ) -> WorkspaceCase:
        now = _now()
        own = session is None
        session = session or Session(self.engine)
        try:
            case_id = secrets.token_urlsafe(16)
            session.add(
                CaseRow(
                    id=case_id,
                    answers_json=json.dumps(answers, sort_keys=True),
                    seen_steps=seen,
                    created_at=now,
                    updated_at=now,
                    completed_at=completed_at,
                )
            )
            session.flush()
            row = WorkspaceCaseRow(
                case_id=case_id,
                organisation_id=organisation_id,
                advisor_id=advisor_id,
                client_name=client_name.strip()[:200] or ANONYMOUS,
                kvk_number=kvk_number or None,
                contact=(contact or "").strip()[:200] or None,
                origin=origin,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            if own:
                session.commit()
                session.refresh(row)
            else:
                session.flush()
            return _case(row)
        finally:
            if own:
                session.close()

    def case(self, case_id: str) -> WorkspaceCase | None:
        """The organisation's case behind a wizard case id, or None for a client's own case."""
        if not case_id or len(case_id) > 64:
            return None
        with Session(self.engine) as session:
            row = session.get(WorkspaceCaseRow, case_id)
            return _case(row) if row else None

    def cases_of(self, organisation_id: int) -> list[WorkspaceCase]:
        """The organisation's cases that it may see, most recently changed first."""
        statement = (
            select(WorkspaceCaseRow)
            .where(WorkspaceCaseRow.organisation_id == organisation_id)
            .where(WorkspaceCaseRow.status != "withdrawn")
            .order_by(col(WorkspaceCaseRow.updated_at).desc())
        )
        with Session(self.engine) as session:
            return [_case(row) for row in session.exec(statement).all()]

    def touch(self, case_id: str, status: str | None = None) -> None:
        """Record a change to the case (and set its status when given)."""
        with Session(self.engine) as session:
            row = session.get(WorkspaceCaseRow, case_id)
            if row is None:
                return
            row.updated_at = _now()
            if status is not None:
                row.status = status
            session.add(row)
            session.commit()

    # Consent
    def share(
        self,
        client_case_id: str,
        purpose: str,
        now: datetime | None = None,
        hours: int = CODE_VALID_HOURS,
    ) -> str:
        """Make a share code for a client's own case; return the code (kept only as a hash)."""
        now = now or _now()
        code = new_code()
        with Session(self.engine) as session:
            session.add(
                ConsentRow(
                    client_case_id=client_case_id,
                    code_hash=_code_hash(code),
                    purpose=purpose[:200],
                    created_at=now,
                    expires_at=now + timedelta(hours=hours),
                )
            )
            session.commit()
        return code

    def consents_of(self, client_case_id: str) -> list[Consent]:
        """Every consent the client gave on this case, newest first."""
        statement = (
            select(ConsentRow)
            .where(ConsentRow.client_case_id == client_case_id)
            .order_by(col(ConsentRow.id).desc())
        )
        with Session(self.engine) as session:
            return [_consent(row) for row in session.exec(statement).all()]

    def consent_for(self, workspace_case_id: str) -> Consent | None:
        """The consent under which the organisation holds a taken-over case."""
        with Session(self.engine) as session:
            row = session.exec(
                select(ConsentRow).where(ConsentRow.workspace_case_id == workspace_case_id)
            ).first()
            return _consent(row) if row else None

    def take_over(
        self,
        code: str,
        organisation_id: int,
        advisor_id: int,
        client_name: str,
        now: datetime | None = None,
    ) -> WorkspaceCase | None:
        """Copy the client's case into the organisation's workspace when the code is valid.

        A code works once, before it expires, and not after the client withdrew it.
        """
        now = now or _now()
        with Session(self.engine) as session:
            consent = session.exec(
                select(ConsentRow).where(ConsentRow.code_hash == _code_hash(code))
            ).first()
            if (
                consent is None
                or consent.accepted_at is not None
                or consent.withdrawn_at is not None
                or (utc(consent.expires_at) or now) <= now
            ):
                return None
            source = session.get(CaseRow, consent.client_case_id)
            if source is None:
                return None
            copied = self._copy_into_workspace(
                json.loads(source.answers_json),
                source.seen_steps,
                source.completed_at,
                organisation_id,
                advisor_id,
                client_name,
                None,
                None,
                "client",
                session=session,
            )
            consent.accepted_at = now
            consent.organisation_id = organisation_id
            consent.advisor_id = advisor_id
            consent.workspace_case_id = copied.case_id
            session.add(consent)
            session.commit()
            return copied

    def withdraw(self, client_case_id: str, consent_id: int) -> Consent | None:
        """Withdraw a consent: the code stops working, the organisation's copy is anonymised
        (client details and notes removed) and it loses access; pending handovers lapse."""
        now = _now()
        with Session(self.engine) as session:
            consent = session.get(ConsentRow, consent_id)
            if consent is None or consent.client_case_id != client_case_id:
                return None
            if consent.withdrawn_at is None:
                consent.withdrawn_at = now
                session.add(consent)
            if consent.workspace_case_id:
                row = session.get(WorkspaceCaseRow, consent.workspace_case_id)
                if row is not None:
                    row.status = "withdrawn"
                    row.client_name = ANONYMOUS
                    row.kvk_number = None
                    row.contact = None
                    row.anonymised_at = now
                    row.updated_at = now
                    session.add(row)
                    session.exec(delete(NoteRow).where(col(NoteRow.case_id) == row.case_id))
                    for handover in session.exec(
                        select(HandoverRow).where(HandoverRow.case_id == row.case_id)
                    ).all():
                        if handover.accepted_at is None and handover.declined_at is None:
                            handover.declined_at = now
                            session.add(handover)
            session.commit()
            session.refresh(consent)
            return _consent(consent)

    # Handover
    def hand_over(
        self,
        case_id: str,
        from_user_id: int,
        to_organisation_id: int,
        message: str,
        to_user_id: int | None = None,
    ) -> Handover:
        """Offer the case to another organisation (or colleague); it stays here until accepted."""
        with Session(self.engine) as session:
            case = session.get(WorkspaceCaseRow, case_id)
            if case is None:
                raise KeyError(case_id)
            for older in session.exec(
                select(HandoverRow).where(HandoverRow.case_id == case_id)
            ).all():
                if older.accepted_at is None and older.declined_at is None:
                    older.declined_at = _now()  # a new offer replaces a pending one
                    session.add(older)
            row = HandoverRow(
                case_id=case_id,
                from_organisation_id=case.organisation_id,
                from_user_id=from_user_id,
                to_organisation_id=to_organisation_id,
                to_user_id=to_user_id,
                message=message.strip()[:4000],
                created_at=_now(),
            )
            session.add(row)
            session.commit()
            session.refresh(row)
            return _handover(row)

    def handovers_to(self, organisation_id: int) -> list[Handover]:
        """Pending handovers offered to the organisation, oldest first."""
        statement = (
            select(HandoverRow)
            .where(HandoverRow.to_organisation_id == organisation_id)
            .where(col(HandoverRow.accepted_at).is_(None))
            .where(col(HandoverRow.declined_at).is_(None))
            .order_by(col(HandoverRow.id))
        )
        with Session(self.engine) as session:
            return [_handover(row) for row in session.exec(statement).all()]

    def handovers_of(self, case_id: str) -> list[Handover]:
        """Every handover of a case, oldest first (its history)."""
        statement = (
            select(HandoverRow).where(HandoverRow.case_id == case_id).order_by(col(HandoverRow.id))
        )
        with Session(self.engine) as session:
            return [_handover(row) for row in session.exec(statement).all()]

    def handover(self, handover_id: int) -> Handover | None:
        """One handover by id."""
        with Session(self.engine) as session:
            row = session.get(HandoverRow, handover_id)
            return _handover(row) if row else None

    def accept(self, handover_id: int, user_id: int, organisation_id: int) -> Handover | None:
        """The receiving side accepts: the case, with its history, moves to its organisation."""
        with Session(self.engine) as session:
            row = session.get(HandoverRow, handover_id)
            if (
                row is None
                or row.to_organisation_id != organisation_id
                or row.accepted_at is not None
                or row.declined_at is not None
            ):
                return None
            case = session.get(WorkspaceCaseRow, row.case_id)
            if case is None or case.status == "withdrawn":
                return None
            now = _now()
            row.accepted_at = now
            row.accepted_by = user_id
            case.organisation_id = organisation_id
            case.advisor_id = user_id
            case.updated_at = now
            session.add(row)
            session.add(case)
            session.commit()
            session.refresh(row)
            return _handover(row)

    def decline(self, handover_id: int, organisation_id: int) -> Handover | None:
        """The receiving side declines: the case stays where it was."""
        with Session(self.engine) as session:
            row = session.get(HandoverRow, handover_id)
            if row is None or row.to_organisation_id != organisation_id or row.accepted_at:
                return None
            row.declined_at = _now()
            session.add(row)
            session.commit()
            session.refresh(row)
            return _handover(row)
