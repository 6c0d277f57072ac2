"""App-wide error handlers: JSON under /api, a page elsewhere; never a bare 500."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(error: HTTPException) -> Any:
    code = error.code or 500
    if isinstance(error, SecurityError):  # an untrusted Host: no URL can be built for it
        return Response("400 Bad Request: unknown host\n", 400, mimetype="text/plain")
    # Keep the error's own headers (Allow on 405, Retry-After on 429/503) in either shape.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if _wants_json():
        message = error.description or error.name
        return jsonify({"errors": [{"field": "request", "message": message}]}), code, headers
    return render_template("errors/error.html", code=code, name=error.name), code, headers


def _csrf_error(error: CSRFError) -> Any:
    return render_template("errors/error.html", code=400, name="CSRF", csrf=True), 400


def _database_fault(error: SQLAlchemyError) -> Any:
    # Honest: what was just sent is not saved. The log names the error class only (no case id,
    # no answers: nothing personal in logs).
    log.error("database fault on %s %s: %s", request.method, request.url_rule, type(error).__name__)
    if _wants_json():
        message = "the database is unavailable; nothing was saved, try again later"
        return jsonify({"errors": [{"field": "request", "message": message}]}), 503
    return render_template("errors/error.html", code=503, name="Service Unavailable"), 503


def _unexpected(error: Exception) -> Any:
    log.exception("unhandled error", exc_info=error)
    return _http_error(InternalServerError())


def register(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SQLAlchemyError, _database_fault)
    app.register_error_handler(Exception, _unexpected)
