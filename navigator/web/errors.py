"""App-wide error handlers: JSON under /api, a page elsewhere; never a bare 500."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(error: HTTPException) -> Any:
    code = error.code or 500
    if _wants_json():
        message = error.description or error.name
        return jsonify({"errors": [{"field": "request", "message": message}]}), code
    return render_template("errors/error.html", code=code, name=error.name), code


def _csrf_error(error: CSRFError) -> Any:
    return render_template("errors/error.html", code=400, name="CSRF", csrf=True), 400


def _unexpected(error: Exception) -> Any:
    log.exception("unhandled error", exc_info=error)
    return _http_error(InternalServerError())


def register(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
