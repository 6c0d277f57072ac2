"""Versioned migrations: up and down on SQLite and on PostgreSQL, models and migrations agree,
a database made before migrations is adopted, and the app no longer creates tables itself."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from navigator.app import create_app
from navigator.cli import main
from navigator.db import migrate
from navigator.db.store import CaseStore, make_engine

TABLES = {
    "cases",
    "feedback",
    "organisations",
    "users",
    "workspace_cases",
    "consents",
    "case_notes",
    "case_outcomes",
    "advice_versions",
    "handovers",
    "audit_events",
    "catalogue_versions",
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'migrations.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    made = make_engine(url)
    yield made
    migrate.downgrade(made, "base")
    made.dispose()


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_and_downgrade_round_trip(engine) -> None:
    assert migrate.current(engine) is None
    assert migrate.upgrade(engine) == migrate.head()
    assert _tables(engine) >= TABLES
    store = CaseStore(engine)
    case = store.create()
    store.save(case.id, {"trl": 4}, ("trl",))
    assert migrate.downgrade(engine, "base") is None
    assert not _tables(engine) & TABLES
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    assert CaseStore(engine).get(case.id) is None  # base really dropped the data


def test_the_models_and_the_migrations_describe_the_same_schema(engine) -> None:
    """A model change without a migration fails here, not as a 500 in production."""
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_a_database_made_before_migrations_is_adopted(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    # The tables as catalogue 2026.11 made them (create_all, no version table), with a case.
    migrate.upgrade(engine, migrate.FIRST)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(
            text(
                "INSERT INTO cases (id, answers_json, seen_steps, created_at, updated_at) "
                "VALUES ('old-case', '{}', '', '2026-11-20 10:00:00', '2026-11-20 10:00:00')"
            )
        )
    store = CaseStore(engine)
    assert migrate.current(engine) is None
    assert migrate.upgrade(engine) == migrate.head()
    assert store.get("old-case") is not None
    engine.dispose()


def test_the_app_does_not_create_tables_outside_tests(tmp_path, navigator) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    create_app({"ENV_NAME": "development", "DATABASE_URL": url}, navigator=navigator)
    engine = make_engine(url)
    assert _tables(engine) == set()
    engine.dispose()


def test_the_db_commands(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    runner = CliRunner()
    behind = runner.invoke(main, ["db", "current"])
    assert behind.exit_code == 1 and "not migrated" in behind.output
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    now = runner.invoke(main, ["db", "current"])
    assert now.exit_code == 0 and migrate.head() in now.output
    history = runner.invoke(main, ["db", "history"])
    assert history.exit_code == 0 and "0001" in history.output
    down = runner.invoke(main, ["db", "downgrade", "base"])
    assert down.exit_code == 0 and "base" in down.output
