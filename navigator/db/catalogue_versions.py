"""Versions of the knowledge base in the database: drafts, submitted for review, published.

Four eyes: a version is published by a reviewer who is not its author. The newest published
version is what the app serves; every published version is kept (history, diff, revert).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from navigator.db.workspace import utc
from navigator.db.workspace_models import CatalogueVersionRow
from navigator.domain.bundle import Bundle, catalogue_version, fingerprint


class VersionError(ValueError):
    """The step is not allowed for this version (the message says why)."""


@dataclass(frozen=True)
class CatalogueVersion:
    """A version of the knowledge base (its bundle is read separately: it is large)."""

    id: int
    status: str
    fingerprint: str
    catalogue_version: str
    base_id: int | None
    reason: str
    author_id: int | None
    reviewer_id: int | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    published_at: datetime | None


def _version(row: CatalogueVersionRow) -> CatalogueVersion:
    assert row.id is not None
    return CatalogueVersion(
        row.id,
        row.status,
        row.fingerprint,
        row.catalogue_version,
        row.base_id,
        row.reason,
        row.author_id,
        row.reviewer_id,
        utc(row.created_at) or row.created_at,
        utc(row.updated_at) or row.updated_at,
        utc(row.submitted_at),
        utc(row.published_at),
    )


def _now() -> datetime:
    return datetime.now(UTC)


class VersionStore:
    """Catalogue versions in the SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _add(
        self, bundle: Bundle, status: str, author_id: int | None, **values: object
    ) -> CatalogueVersion:
        now = _now()
        row = CatalogueVersionRow(
            status=status,
            bundle_json=json.dumps(bundle, sort_keys=True, ensure_ascii=False),
            fingerprint=fingerprint(bundle),
            catalogue_version=catalogue_version(bundle)[:20],
            author_id=author_id,
            created_at=now,
            updated_at=now,
        )
        for name, value in values.items():
            setattr(row, name, value)
        with Session(self.engine) as session:
            session.add(row)
            session.commit()
            session.refresh(row)
            return _version(row)

    def create_draft(self, bundle: Bundle, author_id: int, base_id: int | None) -> CatalogueVersion:
        """Start a draft from a bundle (usually the published one)."""
        return self._add(bundle, "draft", author_id, base_id=base_id)

    def publish_now(
        self, bundle: Bundle, by: int | None, reason: str, base_id: int | None = None
    ) -> CatalogueVersion:
        """Publish a bundle at once: an import from reviewed files, or a revert by a reviewer to
        a version that was reviewed before."""
        now = _now()
        return self._add(
            bundle,
            "published",
            by,
            reviewer_id=by,
            reason=reason,
            base_id=base_id,
            submitted_at=now,
            published_at=now,
        )

    def get(self, version_id: int) -> CatalogueVersion | None:
        """One version (without its bundle)."""
        with Session(self.engine) as session:
            row = session.get(CatalogueVersionRow, version_id)
            return _version(row) if row else None

    def bundle(self, version_id: int) -> Bundle:
        """The files of a version."""
        with Session(self.engine) as session:
            row = session.get(CatalogueVersionRow, version_id)
            if row is None:
                raise KeyError(version_id)
            loaded: Bundle = json.loads(row.bundle_json)
            return loaded

    def update_draft(self, version_id: int, bundle: Bundle) -> CatalogueVersion:
        """Replace a draft's files (only while it is a draft)."""
        with Session(self.engine) as session:
            row = session.get(CatalogueVersionRow, version_id)
            if row is None or row.status != "draft":
                raise VersionError("only a draft can be edited")
            row.bundle_json = json.dumps(bundle, sort_keys=True, ensure_ascii=False)
            row.fingerprint = fingerprint(bundle)
            row.catalogue_version = catalogue_version(bundle)[:20]
            row.updated_at = _now()
            session.add(row)
            session.commit()
            session.refresh(row)
            return _version(row)

    def _move(
        self, version_id: int, expect: str, status: str, **values: object
    ) -> CatalogueVersion:
        with Session(self.engine) as session:
            row = session.get(CatalogueVersionRow, version_id)
            if row is None or row.status != expect:
                raise VersionError(f"the version is not {expect}")
            row.status = status
            row.updated_at = _now()
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)
            session.commit()
            session.refresh(row)
            return _version(row)

    def submit(self, version_id: int, reason: str) -> CatalogueVersion:
        """Send a draft for review, with the reason for the change."""
        if not reason.strip():
            raise VersionError("give the reason for the change")
        return self._move(
            version_id, "draft", "submitted", reason=reason.strip()[:4000], submitted_at=_now()
        )

    def publish(self, version_id: int, reviewer_id: int) -> CatalogueVersion:
        """A reviewer who is not the author approves: the version is published."""
        version = self.get(version_id)
        if version is not None and version.author_id == reviewer_id:
            raise VersionError("the author cannot approve their own change (four eyes)")
        return self._move(
            version_id, "submitted", "published", reviewer_id=reviewer_id, published_at=_now()
        )

    def reject(self, version_id: int, reviewer_id: int) -> CatalogueVersion:
        """A reviewer sends the change back: it becomes a draft again."""
        return self._move(version_id, "submitted", "draft", reviewer_id=reviewer_id)

    def latest_published(self) -> tuple[int, str] | None:
        """The id and fingerprint of the version served now (cheap: no bundle)."""
        with Session(self.engine) as session:
            row = session.exec(
                select(CatalogueVersionRow.id, CatalogueVersionRow.fingerprint)
                .where(CatalogueVersionRow.status == "published")
                .order_by(
                    col(CatalogueVersionRow.published_at).desc(), col(CatalogueVersionRow.id).desc()
                )
                .limit(1)
            ).first()
            return (int(row[0] or 0), str(row[1])) if row else None

    def versions(self, status: str | None = None) -> list[CatalogueVersion]:
        """Versions (of one status when given), newest first."""
        statement = select(CatalogueVersionRow).order_by(col(CatalogueVersionRow.id).desc())
        if status is not None:
            statement = statement.where(CatalogueVersionRow.status == status)
        with Session(self.engine) as session:
            return [_version(row) for row in session.exec(statement).all()]
