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
    # A form token expires after 8 hours; an expired form re-renders with what was typed (the
    # case itself is saved server-side, so resuming days later works through the case link).
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # Host headers the app answers to (others get 400): the resume link is built from it.
    TRUSTED_HOSTS: tuple[str, ...] | None = ("localhost", "127.0.0.1", "[::1]")
    # Number of reverse proxies in front (nginx: 1) whose X-Forwarded-* headers are believed.
    PROXIES = 0
    # Rate limits (Flask-Limiter); NAVIGATOR_RATELIMIT_STORAGE_URI=redis://… shares the
    # counters between app servers, the default counts per process.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RANKER = "learned"  # or "rule" (NAVIGATOR_RANKER=rule): the documented rule order only
    RANKER_PATH = None  # a ranker-<version>.json; default: the newest shipped artefact
    # A fixed date for the default evaluation date (tests pin it); None: the clock.
    TODAY: date | None = None
    # The schema comes from `navigator db upgrade`, never from the app (tests set this).
    MIGRATE_ON_START = False
    # Staff (advisor workspace) sessions end this long after logging in, whatever happens.
    STAFF_SESSION_HOURS = 8
    # Staff never get a "remember me" cookie; should one ever be set, it is not readable by
    # scripts and (in production) travels over HTTPS only.
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Single sign-on: OpenID Connect providers by name, each for one organisation (see
    # navigator/web/sso.py); empty: password login only.
    OIDC_PROVIDERS: dict[str, dict[str, str]] | None = None
    # How often (seconds) a worker looks for a newly published catalogue version.
    CATALOGUE_CHECK_SECONDS = 2.0
    # How long a client's share code works.
    SHARE_CODE_HOURS = 72


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
    # Tests see a publication at once.
    CATALOGUE_CHECK_SECONDS = 0.0
    # Tests drive hundreds of requests from one client; the rate-limit tests turn it on.
    RATELIMIT_ENABLED = False


class ProductionConfig(Config):
    """Production: the secret key and the database must come from the environment."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PROXIES = 1  # served behind nginx (deploy/nginx.conf)
    TRUSTED_HOSTS = None  # must be set: NAVIGATOR_TRUSTED_HOSTS='["navigator.example.nl"]'
    MIN_SECRET_BYTES = 32


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the app refuses to start."""


def check_production(config: dict[str, Any], environ: dict[str, str]) -> None:
    """Refuse to run production without a strong secret, a database and trusted hosts."""
    secret = config.get("SECRET_KEY") or ""
    if len(str(secret).encode()) < ProductionConfig.MIN_SECRET_BYTES:
        raise ConfigError(
            "Set NAVIGATOR_SECRET_KEY to at least 32 random bytes "
            "(python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )
    if not environ.get("DATABASE_URL") and not config.get("DATABASE_URL"):
        raise ConfigError("Set DATABASE_URL: production does not fall back to SQLite")
    if not config.get("TRUSTED_HOSTS"):
        raise ConfigError("Set NAVIGATOR_TRUSTED_HOSTS to the host names the site is served on")


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
