"""A bare Flask app with one JSON endpoint: the baseline for the HTTP benchmark."""

from __future__ import annotations

from flask import Flask, jsonify, request


def create_app() -> Flask:
    """Create the baseline app: parse the JSON body, answer a small JSON object."""
    app = Flask(__name__)

    @app.post("/bare")
    def bare() -> object:
        body = request.get_json(silent=True) or {}
        return jsonify({"received": len(body), "status": "ok"})

    return app
