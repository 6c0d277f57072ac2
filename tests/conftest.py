"""Shared fixtures: the loaded domain, an app on in-memory SQLite, and PostgreSQL on demand."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings

from navigator import paths
from navigator.app import create_app
from navigator.ranking.learned import load_ranker
from navigator.recommend import Navigator, load_navigator

DATA = Path(__file__).parent / "data"

# Property tests give the same answer on every run of a commit (derandomized); set
# NAVIGATOR_HYPOTHESIS=explore to search with fresh random examples instead.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("NAVIGATOR_HYPOTHESIS", "repeatable"))


@pytest.fixture(scope="session")
def navigator() -> Navigator:
    """The real catalogue and rules of the repository, with the shipped ranker (as served)."""
    return load_navigator(paths.catalogue_path(), paths.rules_dir(), load_ranker())


@pytest.fixture(scope="session")
def rule_navigator() -> Navigator:
    """The same domain ordered by the documented rule order only."""
    return load_navigator(paths.catalogue_path(), paths.rules_dir())


@pytest.fixture
def app(navigator: Navigator) -> Flask:
    """An app on in-memory SQLite with CSRF off (the CSRF tests turn it on themselves)."""
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}, navigator=navigator)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database: started here when the test command asks for it, else skipped."""
    given = os.environ.get("NAVIGATOR_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    if os.environ.get("NAVIGATOR_TEST_POSTGRES") != "start":
        pytest.skip("PostgreSQL tests run under `make test` (NAVIGATOR_TEST_POSTGRES=start)")
    from tests.pg import throwaway_server

    with throwaway_server() as url:
        yield url


def journey(name: str) -> dict[str, object]:
    """Load one of the journey request files in tests/data."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
