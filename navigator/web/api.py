"""Blueprint "api": the JSON contract of ``shared/reference/profile.md`` under ``/api/v1``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from navigator.advice.advise import advise
from navigator.contract import (
    advice_json,
    decode_json,
    errors_json,
    read_request,
    recommendation_json,
)
from navigator.domain.answers import FieldError, InvalidInput
from navigator.recommend import recommend
from navigator.web import domain, today
from navigator.web.openapi import openapi_document
from navigator.web.schema import instrument_json, profile_schema
from navigator.web.security import API_LIMIT, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")


QUERY = {"lang": ("nl", "en"), "advice": ("true", "false")}


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "nl"


def _check_query() -> None:
    """Refuse query parameters the contract does not define, or values it does not allow."""
    errors = []
    for name in request.args:
        values = request.args.getlist(name)
        if name not in QUERY:
            errors.append(FieldError(name[:40], "is not a query parameter of this endpoint"))
        elif len(values) != 1 or values[0] not in QUERY[name]:
            errors.append(FieldError(name, f"must be one of {', '.join(QUERY[name])}, once"))
    if errors:
        raise InvalidInput(errors)


def bad_request(invalid: InvalidInput) -> tuple[Response, int]:
    """Answer 400 with field-level errors."""
    return jsonify(errors_json(invalid)), 400


@bp.post("/recommendations")
@limiter.limit(API_LIMIT)
def recommendations() -> Any:
    """Evaluate answers on a date and return the ordered results."""
    try:
        _check_query()
        body = decode_json(request.get_data(cache=False))
        asked = read_request(body, today=today(), known_ids=domain().catalogue.by_id)
    except InvalidInput as invalid:
        return bad_request(invalid)
    answers, on, unknown = asked.answers, asked.on, asked.dont_know
    if request.args.get("advice") == "false":  # results only: eligibility and rank, no advice
        return jsonify(recommendation_json(recommend(domain(), answers, on), _lang(), unknown))
    return jsonify(advice_json(advise(domain(), answers, on), _lang(), unknown))


@bp.get("/instruments")
def instruments() -> Any:
    """Return the whole catalogue as open data."""
    navigator = domain()
    items = [instrument_json(i, navigator) for i in navigator.catalogue.instruments]
    return jsonify({"catalogue_version": navigator.version, "instruments": items})


@bp.get("/instruments/<instrument_id>")
def instrument(instrument_id: str) -> Any:
    """Return one instrument, or 404."""
    navigator = domain()
    item = navigator.catalogue.get(instrument_id)
    if item is None:
        return jsonify(
            {"errors": [{"field": "instrument_id", "message": "no such instrument"}]}
        ), 404
    return jsonify(instrument_json(item, navigator))


@bp.get("/openapi.json")
def openapi() -> Any:
    """Return the OpenAPI 3.1 document of this API."""
    navigator = domain()
    return jsonify(openapi_document(navigator.catalogue.by_id, navigator.version))


@bp.get("/docs")
def docs() -> str:
    """Show the API documentation as a page (from the same OpenAPI document)."""
    import json

    from flask import render_template

    navigator = domain()
    document = openapi_document(navigator.catalogue.by_id, navigator.version)
    return render_template("pages/api_docs.html", doc=document, dumps=json.dumps)


@bp.get("/profile-schema")
def schema() -> Any:
    """Return the answers vocabulary as JSON Schema."""
    return jsonify(profile_schema(domain().catalogue.by_id))
