"""Blueprint "pages": the start page, the language switch and a health check."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from navigator.web import cases, domain

bp = Blueprint("pages", __name__)


class StartForm(FlaskForm):
    """The start button (a POST, because it creates a case)."""


@bp.get("/")
def start() -> str:
    """Show what Navigator does and the start button."""
    return render_template("pages/start.html", form=StartForm(), catalogue=domain().catalogue)


@bp.post("/start")
def begin() -> BaseResponse:
    """Create a case and go to its first question."""
    if not StartForm().validate_on_submit():
        return redirect(url_for("pages.start"))
    case = cases().create()
    return redirect(url_for("wizard.question", case_id=case.id, step_id="role"))


def _safe_next(target: str | None) -> str:
    # Only local paths: an absolute or protocol-relative URL would be an open redirect.
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("pages.start")
    return target


@bp.get("/language/<code>")
def language(code: str) -> BaseResponse:
    """Switch the interface language and return to the page the user was on."""
    if code in ("nl", "en"):
        session["lang"] = code
    return redirect(_safe_next(request.args.get("next")))


@bp.get("/healthz")
def health() -> Response:
    """Tell a load balancer the app is up and which catalogue it serves."""
    return Response(f"ok {domain().version}\n", mimetype="text/plain")
