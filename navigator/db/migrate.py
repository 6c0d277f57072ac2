"""Versioned schema migrations with Alembic: upgrade, downgrade, current, history.

The app never creates tables itself: ``navigator db upgrade`` (run by ``make run``) brings the
database to the newest revision, and every schema change ships as a migration in
``navigator/db/migrations/versions``. A database made before migrations existed (tables but no
``alembic_version``) is adopted: it is stamped at the first revision, then upgraded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST = "0001"


@dataclass(frozen=True)
class Revision:
    """One migration in the history."""

    revision: str
    down_revision: str | None
    message: str


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _connected(engine: Engine) -> Iterator[Config]:
    with engine.begin() as connection:
        yield _config(connection)


def head() -> str:
    """Return the newest revision in the repository."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None, "navigator/db/migrations has no revisions"
    return revision


def current(engine: Engine) -> str | None:
    """Return the revision the database is at (None: not under migrations yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Tell whether the database is at the newest revision."""
    return current(engine) == head()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade the database to ``revision``; adopt a database made before migrations."""
    tables = set(inspect(engine).get_table_names())
    if "cases" in tables and "alembic_version" not in tables:
        with _connected(engine) as config:
            command.stamp(config, FIRST)
    with _connected(engine) as config:
        command.upgrade(config, revision)
    return current(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Downgrade the database to ``revision`` ("base" removes every table)."""
    with _connected(engine) as config:
        command.downgrade(config, revision)
    return current(engine)


def history() -> list[Revision]:
    """Return every revision, oldest first."""
    scripts = ScriptDirectory.from_config(_config())
    found = [
        Revision(s.revision, s.down_revision, (s.doc or "").strip())  # type: ignore[arg-type]
        for s in scripts.walk_revisions()
    ]
    return list(reversed(found))
