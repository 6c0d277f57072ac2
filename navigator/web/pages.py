"""Blueprint "pages": the start page, the language switch and a health check."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from navigator.web import cases, domain
from navigator.web.security import START_LIMIT, limiter, safe_local_path

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)


class StartForm(FlaskForm):
    """The start button (a POST, because it creates a case)."""


@bp.get("/")
def start() -> str:
    """Show what Navigator does and the start button."""
    return render_template("pages/start.html", form=StartForm(), catalogue=domain().catalogue)


@bp.post("/start")
@limiter.limit(START_LIMIT)
def begin() -> BaseResponse:
    """Create a case and go to its first question."""
    if not StartForm().validate_on_submit():
        return redirect(url_for("pages.start"))
    case = cases().create()
    return redirect(url_for("wizard.question", case_id=case.id, step_id="role"))


def _safe_next(target: str | None) -> str:
    # Only local paths: an absolute or protocol-relative URL would be an open redirect.
    return safe_local_path(target, url_for("pages.start"))


@bp.get("/language/<code>")
def language(code: str) -> BaseResponse:
    """Switch the interface language and return to the page the user was on."""
    if code in ("nl", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next")))


@bp.get("/healthz")
def health() -> Response:
    """Tell a load balancer the process is alive (liveness) and which catalogue it serves."""
    return Response(f"ok {domain().version}\n", mimetype="text/plain")


@bp.get("/readyz")
def ready() -> Response:
    """Tell a load balancer whether to send traffic: the schema is current and writable."""
    from sqlalchemy.exc import SQLAlchemyError

    from navigator.db.migrate import is_current

    store = cases()
    try:
        if not is_current(store.engine):
            return Response("not ready: database schema is behind\n", 503, mimetype="text/plain")
        store.check_writable()
    except SQLAlchemyError as error:
        log.warning("readiness check failed: %s", type(error).__name__)
        return Response("not ready: database cannot be written\n", 503, mimetype="text/plain")
    return Response(f"ready {domain().version}\n", mimetype="text/plain")
