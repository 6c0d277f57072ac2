"""Organisations and staff accounts: create, list, disable, and check a password (argon2id)
with a lock after repeated failures. The only module that reads or writes these tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from navigator.db.workspace_models import OrganisationRow, UserRow

# advisor: runs cases for clients; org_admin: an advisor who also sees the organisation's audit
# log and its staff; maintainer / reviewer: edit and approve the catalogue; admin: accounts.
ROLES = ("advisor", "org_admin", "maintainer", "reviewer", "admin")
ORGANISATION_KINDS = ("rom", "rvo", "kvk", "other")
MIN_PASSWORD_LENGTH = 12
MAX_FAILED_LOGINS = 10
LOCK_MINUTES = 15

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified when the e-mail address is unknown, so that a wrong address costs as long as a
    wrong password and does not reveal which addresses have an account (made on first use:
    hashing costs time and memory a worker should not pay at start-up)."""
    return _HASHER.hash("navigator-dummy-password")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


class AccountError(ValueError):
    """An account or organisation cannot be made as asked (the message says why)."""


@dataclass(frozen=True)
class Organisation:
    """An organisation as the rest of the app sees it."""

    id: int
    slug: str
    name: str
    kind: str


@dataclass(frozen=True)
class User:
    """A staff account as the rest of the app sees it (never the password hash)."""

    id: int
    email: str
    name: str
    organisation_id: int
    role: str
    disabled: bool
    totp_secret: str | None

    @property
    def has_second_factor(self) -> bool:
        """Whether logging in asks for a one-time code."""
        return self.totp_secret is not None


def _org(row: OrganisationRow) -> Organisation:
    assert row.id is not None
    return Organisation(row.id, row.slug, row.name, row.kind)


def _user(row: UserRow) -> User:
    assert row.id is not None
    return User(
        row.id, row.email, row.name, row.organisation_id, row.role, row.disabled, row.totp_secret
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class AccountStore:
    """Organisations and users in the SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Organisations
    def create_organisation(self, slug: str, name: str, kind: str) -> Organisation:
        """Create an organisation; the slug is its short, stable name (e.g. ``rom-oost``)."""
        if not _SLUG.match(slug):
            raise AccountError("slug: use 2-40 lower-case letters, digits and hyphens")
        if kind not in ORGANISATION_KINDS:
            raise AccountError(f"kind: use one of {', '.join(ORGANISATION_KINDS)}")
        if not name.strip():
            raise AccountError("name: give the organisation's name")
        with Session(self.engine) as session:
            if session.exec(select(OrganisationRow).where(OrganisationRow.slug == slug)).first():
                raise AccountError(f"slug: an organisation {slug!r} exists already")
            row = OrganisationRow(slug=slug, name=name.strip(), kind=kind, created_at=_now())
            session.add(row)
            session.commit()
            session.refresh(row)
            return _org(row)

    def organisations(self) -> list[Organisation]:
        """Every organisation, by name."""
        with Session(self.engine) as session:
            rows = session.exec(select(OrganisationRow).order_by(OrganisationRow.name)).all()
            return [_org(row) for row in rows]

    def organisation(self, organisation_id: int) -> Organisation | None:
        """One organisation by id."""
        with Session(self.engine) as session:
            row = session.get(OrganisationRow, organisation_id)
            return _org(row) if row else None

    def organisation_by_slug(self, slug: str) -> Organisation | None:
        """One organisation by its slug."""
        with Session(self.engine) as session:
            row = session.exec(select(OrganisationRow).where(OrganisationRow.slug == slug)).first()
            return _org(row) if row else None

    # Users
    def create_user(
        self, email: str, name: str, organisation_slug: str, role: str, password: str
    ) -> User:
        """Create an account; the password is kept only as an argon2id hash."""
        email = email.strip().lower()
        if not _EMAIL.match(email) or len(email) > 254:
            raise AccountError("email: give a valid e-mail address")
        if role not in ROLES:
            raise AccountError(f"role: use one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
        organisation = self.organisation_by_slug(organisation_slug)
        if organisation is None:
            raise AccountError(f"organisation: no organisation {organisation_slug!r}")
        with Session(self.engine) as session:
            if session.exec(select(UserRow).where(UserRow.email == email)).first():
                raise AccountError(f"email: an account for {email} exists already")
            row = UserRow(
                email=email,
                name=name.strip() or email,
                organisation_id=organisation.id,
                role=role,
                password_hash=_HASHER.hash(password),
                created_at=_now(),
            )
            session.add(row)
            session.commit()
            session.refresh(row)
            return _user(row)

    def users(self, organisation_id: int | None = None) -> list[User]:
        """Every account (of one organisation when given), by e-mail address."""
        statement = select(UserRow).order_by(UserRow.email)
        if organisation_id is not None:
            statement = statement.where(UserRow.organisation_id == organisation_id)
        with Session(self.engine) as session:
            return [_user(row) for row in session.exec(statement).all()]

    def user(self, user_id: int) -> User | None:
        """One account by id."""
        with Session(self.engine) as session:
            row = session.get(UserRow, user_id)
            return _user(row) if row else None

    def user_by_email(self, email: str) -> User | None:
        """One account by e-mail address."""
        with Session(self.engine) as session:
            row = session.exec(select(UserRow).where(UserRow.email == email.lower())).first()
            return _user(row) if row else None

    def set_disabled(self, email: str, disabled: bool = True) -> User:
        """Disable (or enable again) an account; a disabled account cannot log in."""
        return self._update(email, disabled=disabled)

    def set_totp_secret(self, email: str, secret: str | None) -> User:
        """Turn the second factor on (a base32 secret) or off (None)."""
        return self._update(email, totp_secret=secret)

    def _update(self, email: str, **values: object) -> User:
        with Session(self.engine) as session:
            row = session.exec(select(UserRow).where(UserRow.email == email.lower())).first()
            if row is None:
                raise AccountError(f"email: no account for {email}")
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)
            session.commit()
            session.refresh(row)
            return _user(row)

    def authenticate(self, email: str, password: str, now: datetime | None = None) -> User | None:
        """Return the account when the password is right and the account may log in.

        Ten failures in a row lock the account for fifteen minutes (the rate limit on the login
        form stops one address; this stops many addresses trying one account).
        """
        now = now or _now()
        with Session(self.engine) as session:
            row = session.exec(
                select(UserRow).where(UserRow.email == email.strip().lower())
            ).first()
            if row is None:
                _verify(_dummy_hash(), password)
                return None
            locked = _aware(row.locked_until)
            if row.disabled or (locked is not None and locked > now):
                _verify(_dummy_hash(), password)
                return None
            if not _verify(row.password_hash, password):
                row.failed_logins += 1
                if row.failed_logins >= MAX_FAILED_LOGINS:
                    row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    row.failed_logins = 0
                session.add(row)
                session.commit()
                return None
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            row.failed_logins = 0
            row.locked_until = None
            row.last_login_at = now
            session.add(row)
            session.commit()
            session.refresh(row)
            return _user(row)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
