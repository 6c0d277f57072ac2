"""Blueprint "sso": staff log in through their organisation's OpenID Connect provider.

Each configured provider (``OIDC_PROVIDERS``) belongs to one organisation. Authlib runs the
authorization-code flow (state and nonce in the session, the ID token verified against the
provider's published keys); Navigator then looks up the *existing* account by the verified
e-mail claim and lets it in only when that account belongs to the provider's organisation and
is not disabled. Accounts are made by an administrator first: a provider cannot create staff.

    NAVIGATOR_OIDC_PROVIDERS='{"oost-nl": {"title": "Oost NL", "organisation": "rom-oost",
      "issuer": "https://login.oostnl.example", "client_id": "navigator",
      "client_secret": "…"}}'
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from navigator.web import accounts, casework
from navigator.web.auth import home, start_session
from navigator.web.security import limiter

bp = Blueprint("sso", __name__, url_prefix="/account/sso")
SSO_LIMIT = "20 per minute"


def providers() -> dict[str, dict[str, Any]]:
    """The configured providers by name (empty when single sign-on is not set up)."""
    configured: dict[str, dict[str, Any]] = current_app.config.get("OIDC_PROVIDERS") or {}
    return configured


def init_sso(app: Flask) -> None:
    """Register every configured provider with Authlib.

    Authlib (and the HTTP client under it) is imported only when a provider is configured: a
    worker without single sign-on starts without it.
    """
    configured = app.config.get("OIDC_PROVIDERS") or {}
    if not configured:
        return
    from authlib.integrations.flask_client import OAuth

    oauth = app.extensions["navigator_oauth"] = OAuth(app)
    for name, settings in configured.items():
        issuer = str(settings["issuer"]).rstrip("/")
        oauth.register(
            name,
            client_id=settings["client_id"],
            client_secret=settings["client_secret"],
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": "openid email profile"},
            overwrite=True,
        )


def _client(name: str) -> Any:
    if name not in providers():
        abort(404)
    return current_app.extensions["navigator_oauth"].create_client(name)


def _refused() -> tuple[str, int]:
    message = gettext(
        "Your organisation's login worked, but there is no active Navigator account for it. "
        "Ask your organisation's administrator."
    )
    return render_template("errors/error.html", code=403, name=message), 403


@bp.get("/<name>")
@limiter.limit(SSO_LIMIT)
def start(name: str) -> Response:
    """Send the browser to the organisation's provider."""
    client = _client(name)
    callback = url_for("sso.callback", name=name, _external=True)
    response: Response = client.authorize_redirect(callback)
    return response


@bp.get("/<name>/callback")
@limiter.limit(SSO_LIMIT)
def callback(name: str) -> Response | tuple[str, int]:
    """Finish the flow: a verified e-mail claim of an active account of that organisation."""
    client = _client(name)
    from authlib.integrations.base_client import OAuthError
    from requests import RequestException

    try:
        token = client.authorize_access_token()
    except (OAuthError, RequestException, ValueError):
        # a forged or replayed callback, a bad ID token, or the provider not answering
        return _refused()
    claims = token.get("userinfo") or {}
    email = str(claims.get("email") or "")
    organisation = accounts().organisation_by_slug(str(providers()[name]["organisation"]))
    account = accounts().user_by_email(email) if email else None
    if (
        claims.get("email_verified") is False
        or organisation is None
        or account is None
        or account.disabled
        or account.organisation_id != organisation.id
    ):
        if organisation is not None:
            casework().record("anonymous", "sso_refused", None, organisation.id, None, name)
        return _refused()
    start_session(account)
    return redirect(home(account))
