"""Blueprint "auth": staff log in (password, then a one-time code when the second factor is on)
and out. Flask-Login keeps the session; it ends ``STAFF_SESSION_HOURS`` after logging in.

Single sign-on seam: an organisation's OpenID Connect provider would end in ``start_session``
with the account found by the verified e-mail claim (see docs/workspace.md); nothing else in
the app knows how a staff member proved who they are.
"""

from __future__ import annotations

import time
from typing import Any

import pyotp
from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, lazy_gettext
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from navigator.db.accounts import User
from navigator.web import accounts, casework
from navigator.web.security import limiter, safe_local_path

bp = Blueprint("auth", __name__, url_prefix="/account")
login_manager = LoginManager()
LOGIN_LIMIT = "10 per minute; 100 per day"


class StaffUser(UserMixin):
    """The logged-in account as Flask-Login sees it."""

    def __init__(self, account: User) -> None:
        self.account = account

    def get_id(self) -> str:
        """The session keeps the account id only."""
        return str(self.account.id)

    @property
    def is_active(self) -> bool:
        """A disabled account is logged out at its next request."""
        return not self.account.disabled

    @property
    def role(self) -> str:
        """The account's role."""
        return self.account.role

    @property
    def organisation_id(self) -> int:
        """The account's organisation."""
        return self.account.organisation_id


def staff() -> StaffUser | None:
    """The logged-in staff member, or None for everyone else (clients are never logged in).

    Flask-Login is consulted only for a session that holds a staff login: a client's session
    (language, form tokens) is left exactly as it was.
    """
    if "_user_id" not in session:
        return None
    user = current_user
    if getattr(user, "is_authenticated", False) and isinstance(user, StaffUser):
        return user
    return None


def _load_user(user_id: str) -> StaffUser | None:
    started = session.get("staff_since")
    hours = current_app.config["STAFF_SESSION_HOURS"]
    if not isinstance(started, (int, float)) or time.time() - started > hours * 3600:
        return None  # the session expired: log in again
    try:
        account = accounts().user(int(user_id))
    except ValueError:
        return None
    if account is None or account.disabled:
        return None
    return StaffUser(account)


def _unauthorised() -> Any:
    if request.path.startswith("/api/"):
        from flask import jsonify

        body = {"errors": [{"field": "request", "message": "log in to use this endpoint"}]}
        return jsonify(body), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_auth(app: Flask) -> None:
    """Attach Flask-Login to ``app``."""
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorised)
    login_manager.init_app(app)


class LoginForm(FlaskForm):
    """E-mail address and password."""

    email = EmailField(lazy_gettext("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(lazy_gettext("Password"), validators=[DataRequired(), Length(max=200)])


class CodeForm(FlaskForm):
    """The six-digit code of the authenticator app."""

    code = StringField(
        lazy_gettext("Code from your authenticator app"),
        validators=[DataRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$")],
    )


def home(account: User) -> str:
    """Where an account starts: the studio for catalogue staff, else the workspace."""
    if account.role in ("maintainer", "reviewer"):
        return url_for("studio.dashboard")
    return url_for("workspace.dashboard")


def start_session(account: User) -> None:
    """Log the account in for ``STAFF_SESSION_HOURS``: the one way into a staff session."""
    session.clear()  # no session fixation: a fresh session for the new identity
    session.permanent = True
    session["staff_since"] = time.time()
    login_user(StaffUser(account))
    casework().record("staff", "login", None, account.organisation_id, account.id)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def login() -> Response | str:
    """Log in with e-mail address and password; ask for the code when the account has one."""
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        account = accounts().authenticate(form.email.data or "", form.password.data or "")
        if account is None:
            failed = True
        else:
            target = safe_local_path(request.args.get("next"), home(account))
            if account.has_second_factor:
                session["pending_staff"] = account.id
                session["pending_since"] = time.time()
                return redirect(url_for("auth.code", next=target))
            start_session(account)
            return redirect(target)
    errors = [("email", gettext("The e-mail address or password is not right."))] if failed else []
    errors += [
        (name, gettext(msgs[0])) for name, msgs in form.errors.items() if name != "csrf_token"
    ]
    providers = current_app.config.get("OIDC_PROVIDERS") or {}
    return render_template("auth/login.html", form=form, errors=errors, providers=providers)


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, methods=["POST"])
def code() -> Response | str:
    """The second step for accounts with a second factor: a time-based one-time code."""
    pending = session.get("pending_staff")
    since = session.get("pending_since")
    if (
        not isinstance(pending, int)
        or not isinstance(since, (int, float))
        or time.time() - since > 300
    ):
        return redirect(url_for("auth.login"))
    account = accounts().user(pending)
    if account is None or account.totp_secret is None or account.disabled:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    failed = False
    if form.validate_on_submit():
        typed = "".join((form.code.data or "").split())
        if pyotp.TOTP(account.totp_secret).verify(typed, valid_window=1):
            start_session(account)
            return redirect(safe_local_path(request.args.get("next"), home(account)))
        failed = True
    errors = [("code", gettext("That code is not right or has expired."))] if failed else []
    return render_template("auth/code.html", form=form, errors=errors)


class LogoutForm(FlaskForm):
    """Log out (a POST with a CSRF token)."""


@bp.post("/logout")
def logout() -> Response:
    """End the staff session."""
    if LogoutForm().validate_on_submit():
        logout_user()
        session.clear()
    return redirect(url_for("pages.start"))
