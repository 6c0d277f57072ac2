"""The web layer: blueprints per journey, registered only by ``create_app``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import Flask, current_app, g, request
from flask_babel import get_locale, gettext

from navigator.db.accounts import AccountStore
from navigator.db.casework import CaseworkStore
from navigator.db.store import CaseStore
from navigator.db.workspace import WorkspaceCase, WorkspaceStore
from navigator.recommend import Navigator


def domain() -> Navigator:
    """Return the knowledge base served to this request: the newest published catalogue
    version (or the repository's files), the same one for the whole request."""
    if "navigator" not in g:
        g.navigator = current_app.extensions["catalogue_source"].current()
    navigator: Navigator = g.navigator
    return navigator


def cases() -> CaseStore:
    """Return the case store of the current app."""
    store: CaseStore = current_app.extensions["case_store"]
    return store


def accounts() -> AccountStore:
    """Return the organisations and staff accounts of the current app."""
    store: AccountStore = current_app.extensions["accounts"]
    return store


def workspace() -> WorkspaceStore:
    """Return the organisations' cases, consents and handovers of the current app."""
    store: WorkspaceStore = current_app.extensions["workspace"]
    return store


def casework() -> CaseworkStore:
    """Return notes, outcomes, frozen versions and the audit log of the current app."""
    store: CaseworkStore = current_app.extensions["casework"]
    return store


def today() -> date:
    """Return the server's date: config ``TODAY`` when set (tests pin it), else the clock.

    The default evaluation date of every page and endpoint comes from here, so no test
    depends on the day it runs.
    """
    pinned: date | None = current_app.config.get("TODAY")
    return pinned if pinned is not None else date.today()


def held_case() -> WorkspaceCase | None:
    """The organisation's case this request is about (``case_id`` in the URL), or None for a
    client's own case or no case: looked up once per request."""
    if "held_case" not in g:
        case_id = (request.view_args or {}).get("case_id")
        g.held_case = workspace().case(case_id) if isinstance(case_id, str) else None
    found: WorkspaceCase | None = g.held_case
    return found


def client_voice(answers: Mapping[str, object] | None) -> bool:
    """Address questions to the client: an advisor answers (the role says so, or the case is
    held in an organisation's workspace)."""
    if answers is not None and answers.get("role") == "advisor":
        return True
    return held_case() is not None


def lang() -> str:
    """Return the current language code (nl or en)."""
    return str(get_locale() or "nl")


def _template_globals() -> dict[str, object]:
    from flask_wtf.csrf import generate_csrf

    from navigator.web.auth import staff
    from navigator.web.views import (
        AUDIT_LABELS,
        CALENDAR_LABELS,
        GROUP_LABELS,
        KIND_LABELS,
        WARNING_LABELS,
        WINDOW_LABELS,
    )
    from navigator.wizard.questions import QUESTIONS

    current = lang()
    return {
        "lang": current,
        "other_lang": "en" if current == "nl" else "nl",
        "t": gettext,
        "current_path": request.full_path.rstrip("?"),
        "catalogue_version": lambda: domain().version,
        "kind_labels": KIND_LABELS,
        "window_labels": WINDOW_LABELS,
        "stage_labels": QUESTIONS["development_stage"].options,
        "province_labels": QUESTIONS["province"].options,
        "warning_labels": WARNING_LABELS,
        "calendar_labels": CALENDAR_LABELS,
        "catalogue_name": _catalogue_name,
        "staff": staff(),
        "csrf_token": generate_csrf,
        "held_case": held_case,
        "group_labels": GROUP_LABELS,
        "audit_labels": AUDIT_LABELS,
    }


def _catalogue_name(instrument_id: str, language: str) -> str:
    item = domain().catalogue.get(instrument_id)
    return item.name.get(language) if item else instrument_id


def register(app: Flask) -> None:
    """Register blueprints, template helpers and error handlers."""
    from navigator.web import (
        access,
        api,
        auth,
        catalogue,
        errors,
        filters,
        pages,
        report,
        results,
        sharing,
        sso,
        studio,
        wizard,
        workspace_api,
        workspace_views,
    )
    from navigator.web.security import init_security

    app.register_blueprint(pages.bp)
    app.register_blueprint(wizard.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(sharing.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(sso.bp)
    app.register_blueprint(studio.bp)
    app.register_blueprint(workspace_views.bp)
    app.register_blueprint(workspace_api.bp)
    auth.init_auth(app)
    sso.init_sso(app)
    access.init_access(app)
    errors.register(app)
    init_security(app)
    filters.register(app)
    app.context_processor(_template_globals)
