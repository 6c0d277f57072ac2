"""HTTP hardening in one place: security headers, trusted hosts and proxies, safe redirects,
no caching of case pages, and rate limits.

Headers come from Flask-Talisman (a CSP without inline script, frame-ancestors none, nosniff,
a referrer policy; HSTS and secure cookies in production); limits from Flask-Limiter, counted
in memory by default and in a shared store (``NAVIGATOR_RATELIMIT_STORAGE_URI``) when several
app servers run.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_talisman import Talisman
from werkzeug.exceptions import TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}

limiter = Limiter(key_func=get_remote_address, default_limits=[])

# Per client address. Generous for a person, a wall for a script: a results page is about one
# request, a wizard step two.
START_LIMIT = "20 per minute; 200 per day"
WIZARD_LIMIT = "120 per minute"
FEEDBACK_LIMIT = "30 per minute; 300 per day"
API_LIMIT = "120 per minute"
PDF_LIMIT = "10 per minute"

_CONTROL = re.compile(r"[\x00-\x20\x7f\\]")


def safe_local_path(target: str | None, fallback: str) -> str:
    """Return ``target`` when it is a path on this site, else ``fallback``.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so
    ``/%09/evil.example`` would become ``//evil.example``: any whitespace, control character or
    backslash is refused, as is anything with a scheme or a host after parsing.
    """
    if not target or _CONTROL.search(target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def _no_store(response: Response) -> Response:
    """Keep case pages and API answers out of shared and browser caches."""
    if request.path.startswith(("/c/", "/api/")):
        response.headers["Cache-Control"] = "no-store"
    return response


def _too_many(error: TooManyRequests) -> Any:
    if request.path.startswith("/api/"):
        message = "too many requests; try again later"
        return jsonify({"errors": [{"field": "request", "message": message}]}), 429
    return render_template("errors/error.html", code=429, name="Too Many Requests"), 429


def init_security(app: Flask) -> None:
    """Attach headers, proxy handling, cache rules and rate limits to ``app``."""
    production = app.config["ENV_NAME"] == "production"
    proxies = int(app.config.get("PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0
        )
    Talisman(
        app,
        force_https=production,
        strict_transport_security=production,
        strict_transport_security_max_age=31_536_000,
        session_cookie_secure=production,
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        x_content_type_options=True,
    )
    app.after_request(_no_store)
    limiter.init_app(app)
    app.register_error_handler(429, _too_many)
