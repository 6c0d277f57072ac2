"""Configuration per environment. Embedded SQLite in the instance folder by default;
``DATABASE_URL`` selects another database (PostgreSQL in production)."""

from __future__ import annotations

import os
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from navigator import paths


class Config:
    """Defaults shared by every environment."""

    ENV_NAME = "development"
    TESTING = False
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    MAX_CONTENT_LENGTH = 256 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = (
        None  # a user may resume a case days later; the token lives in the session
    )
    RANKER = "learned"  # or "rule" (NAVIGATOR_RANKER=rule): the documented rule order only
    RANKER_PATH = None  # a ranker-<version>.json; default: the newest shipped artefact
    # A fixed date for the default evaluation date (tests pin it); None: the clock.
    TODAY: date | None = None
    # The schema comes from `navigator db upgrade`, never from the app (tests set this).
    MIGRATE_ON_START = False


class DevelopmentConfig(Config):
    """Local use: ``make run``."""


class TestConfig(Config):
    """Tests: in-memory SQLite unless the test passes a database URL."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-only-secret"
    DATABASE_URL = "sqlite://"
    # Tests give the same answer on any day: pages and endpoints evaluate on this date.
    TODAY = date(2026, 11, 23)
    # A test database is new each time: bring it to the newest migration when the app starts.
    MIGRATE_ON_START = True


class ProductionConfig(Config):
    """Production: the secret key and the database must come from the environment."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def data_defaults() -> dict[str, Any]:
    """Return the data locations, overridable per environment and test."""
    return {
        "CATALOGUE_PATH": paths.catalogue_path(),
        "RULES_DIR": paths.rules_dir(),
    }


def instance_secret(instance_path: Path) -> str:
    """Return this installation's secret key, creating it on first use (never a default)."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def database_url(instance_path: Path) -> str:
    """Return ``DATABASE_URL`` from the environment, else a SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    instance_path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance_path / 'navigator.db'}"
