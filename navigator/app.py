"""The application factory: the only place a Flask app is made."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, request, session
from flask_babel import Babel

from navigator import paths
from navigator.config import (
    CONFIGS,
    ConfigError,
    check_production,
    data_defaults,
    database_url,
    instance_secret,
)
from navigator.db.accounts import AccountStore
from navigator.db.casework import CaseworkStore
from navigator.db.catalogue_versions import VersionStore
from navigator.db.store import CaseStore, make_engine
from navigator.db.workspace import WorkspaceStore
from navigator.ranking.base import Ranker
from navigator.ranking.deterministic import RuleRanker
from navigator.ranking.learned import load_ranker
from navigator.recommend import Navigator, load_navigator
from navigator.studio.cache import BundleCache
from navigator.studio.source import CatalogueSource
from navigator.web import template_i18n
from navigator.web.fastjson import OrjsonProvider

babel = Babel()


def select_locale() -> str:
    """Use the language the user chose (``?lang=`` or the session), else Dutch."""
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang")
    if chosen in languages:
        return str(chosen)
    stored = session.get("lang")
    return str(stored) if stored in languages else str(current_app.config["BABEL_DEFAULT_LOCALE"])


def _configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    env_name = (test_config or {}).get("ENV_NAME") or os.environ.get("NAVIGATOR_ENV", "development")
    if test_config and test_config.get("TESTING"):
        env_name = "test"
    if env_name not in CONFIGS:
        known = ", ".join(sorted(CONFIGS))
        raise ConfigError(f"Unknown NAVIGATOR_ENV {env_name!r}: use one of {known}")
    app.config.from_object(CONFIGS[env_name])
    app.config.update(data_defaults())
    app.config.from_prefixed_env("NAVIGATOR")
    if test_config:
        app.config.update(test_config)
    hosts = app.config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):  # NAVIGATOR_TRUSTED_HOSTS=a.example,b.example
        app.config["TRUSTED_HOSTS"] = [h.strip() for h in hosts.split(",") if h.strip()]
    if app.config["ENV_NAME"] == "production":
        check_production(app.config, dict(os.environ))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(Path(app.instance_path))
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = database_url(Path(app.instance_path))


def _ranker(config: Mapping[str, Any]) -> Ranker:
    """Return the configured ranker: the learned one (falling back to the rule order) or rules."""
    if config.get("RANKER") == "rule":
        return RuleRanker()
    path = config.get("RANKER_PATH")
    return load_ranker(Path(path) if path else None)


def _catalogue_cache(app: Flask) -> Path:
    """Where published versions are written as files to be loaded (tests: a temporary folder)."""
    if app.config.get("TESTING"):
        import tempfile

        return Path(tempfile.gettempdir()) / "navigator-test-catalogues"
    return Path(app.instance_path) / "catalogue-versions"


def create_app(
    test_config: Mapping[str, Any] | None = None, navigator: Navigator | None = None
) -> Flask:
    """Create the web app.

    Args:
        test_config: settings that override every other source (tests point data paths and
            the database here).
        navigator: the loaded domain; loaded from the configured data paths when omitted.
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(paths.ROOT / "templates"),
    )
    app.json = OrjsonProvider(app)
    _configure(app, test_config)
    app.extensions["navigator"] = navigator or load_navigator(
        Path(app.config["CATALOGUE_PATH"]), Path(app.config["RULES_DIR"]), _ranker(app.config)
    )
    store = CaseStore(make_engine(app.config["DATABASE_URL"]))
    if app.config.get("MIGRATE_ON_START"):
        # Tests and throwaway databases only; everywhere else `navigator db upgrade` does it.
        from navigator.db.migrate import upgrade

        upgrade(store.engine)
    app.extensions["case_store"] = store
    app.extensions["accounts"] = AccountStore(store.engine)
    app.extensions["workspace"] = WorkspaceStore(store.engine)
    app.extensions["casework"] = CaseworkStore(store.engine)
    app.extensions["catalogue_versions"] = VersionStore(store.engine)
    files = app.extensions["navigator"]
    app.extensions["catalogue_source"] = CatalogueSource(
        files,
        app.extensions["catalogue_versions"],
        BundleCache(_catalogue_cache(app)),
        files.ranker,
        float(app.config["CATALOGUE_CHECK_SECONDS"]),
    )
    babel.init_app(app, locale_selector=select_locale)
    template_i18n.install(app)
    # CSRF is checked by every FlaskForm (validate_on_submit), so a failed check re-renders the
    # page with what the user typed instead of rejecting the request; the JSON API has no forms.
    from navigator.web import register

    register(app)
    if not app.testing:
        _settle(app)
    return app


def _settle(app: Flask) -> None:
    """Compile the rules for today, then keep the long-lived objects out of the collector's way.

    Everything loaded so far (catalogue, rules, compiled rules, ranker, templates' modules)
    lives as long as the worker: ``gc.freeze`` moves it to a generation the collector never
    scans, so collections during requests only look at the requests' own objects.
    """
    import gc

    from navigator.rules.compiled import compiled
    from navigator.web import today

    with app.app_context():
        compiled(app.extensions["navigator"].rulebook, today())
    gc.freeze()
