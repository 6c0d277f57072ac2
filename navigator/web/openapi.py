"""The OpenAPI 3.1 document of the JSON API, built from the schemas the server validates with.

The request body is the answers vocabulary (``navigator.web.schema.profile_schema``, from
``navigator.domain.vocabulary``); responses are described here next to the functions that make
them (``navigator.contract``), and every error has the one documented shape.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from navigator import __version__
from navigator.contract import MAX_BODY_BYTES
from navigator.web.schema import profile_schema

NULLABLE_STRING = {"type": ["string", "null"]}
STRINGS = {"type": "array", "items": {"type": "string"}}

ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        }
    },
}

REASON = {
    "type": "object",
    "required": ["condition", "outcome", "text"],
    "properties": {
        "condition": {"type": "string"},
        "outcome": {"enum": ["met", "not_met", "unknown"]},
        "text": {"type": "string"},
        "source_url": {"type": "string"},
        "missing": STRINGS,
    },
}

RESULT = {
    "type": "object",
    "required": [
        "instrument_id",
        "name",
        "status",
        "rank",
        "score",
        "route",
        "reasons",
        "missing",
        "group",
        "availability",
        "award",
    ],
    "properties": {
        "instrument_id": {"type": "string"},
        "name": {"type": "string"},
        "status": {"enum": ["eligible", "unknown", "ineligible"]},
        "rank": {"type": "integer", "minimum": 1},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "route": {"enum": ["apply", "via"]},
        "via": NULLABLE_STRING,
        "track": {"type": "string"},
        "kind": {"type": "string"},
        "reasons": {"type": "array", "items": REASON},
        "missing": STRINGS,
        "amounts": {"type": "array", "items": {"type": "object"}},
        "why": STRINGS,
        "group": {
            "enum": [
                "open",
                "opens",
                "closed",
                "other_form",
                "advice",
                "unknown",
                "ineligible",
                "ended",
            ]
        },
        "availability": {
            "type": "object",
            "required": ["state"],
            "properties": {
                "state": {"enum": ["open", "opens", "closed", "ended"]},
                "opens_on": NULLABLE_STRING,
                "closes_on": NULLABLE_STRING,
                "expected": {"type": "boolean"},
            },
        },
        "funding_form_accepted": {"type": ["boolean", "null"]},
        "amount_fit": {"type": "object"},
        "award": {
            "enum": [
                "entitlement",
                "assessed",
                "committee",
                "competitive",
                "investment",
                "procurement",
                "advice",
            ]
        },
        "audience": STRINGS,
        "near_misses": {"type": "array", "items": {"type": "object"}},
    },
}

RECOMMENDATIONS = {
    "type": "object",
    "required": ["catalogue_version", "evaluated_on", "results"],
    "properties": {
        "catalogue_version": {"type": "string"},
        "evaluated_on": {"type": "string", "format": "date"},
        "dont_know": {
            "type": "array",
            "items": {"type": "string"},
            "description": "the request's dont_know, as given: fields answered \"I don't know\" "
            "(a field simply left out is not listed)",
        },
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}},
        "fingerprint": {"type": "string"},
        "funding_route": {"type": "object"},
        "warnings": {"type": "array"},
        "calendar": {"type": "array"},
        "next_questions": {"type": "array"},
    },
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


def _json(description: str, ref: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def _recommendations_operation() -> dict[str, Any]:
    return {
        "summary": "Evaluate answers on a date: ranked results with the reasons, and advice",
        "operationId": "recommend",
        "parameters": [
            {"name": "lang", "in": "query", "schema": {"enum": ["nl", "en"]}},
            {
                "name": "advice",
                "in": "query",
                "description": "false: only the ranked results (faster)",
                "schema": {"enum": ["true", "false"]},
            },
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/RecommendationRequest"}
                }
            },
        },
        "responses": {
            "200": _json("Results, eligible first", "Recommendations"),
            "400": _error(
                "Invalid input: each error names the field and the reason. Besides the schema, "
                "answers must not contradict each other (e.g. staff before KVK registration, "
                "a founding year after the evaluation date), and a field in dont_know must "
                "not also be answered"
            ),
            "413": _error(f"The body is larger than {MAX_BODY_BYTES} bytes"),
            "429": _error("Too many requests from this client; try again later"),
            "503": _error("The database is unavailable"),
        },
    }


def openapi_document(known_ids: Collection[str], catalogue_version: str) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of ``/api/v1``."""
    request = {k: v for k, v in profile_schema(known_ids).items() if k != "$schema"}
    instrument_id = {
        "name": "instrument_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Navigator API",
            "version": f"{__version__} (catalogue {catalogue_version})",
            "description": "One-door navigator for Dutch innovation funding. Contract: "
            "shared/reference/profile.md. Every field of `answers` is optional; an absent "
            "or null field is not answered and makes conditions unknown, never false.",
        },
        "paths": {
            "/api/v1/recommendations": {"post": _recommendations_operation()},
            "/api/v1/instruments": {
                "get": {
                    "summary": "The whole catalogue as open data",
                    "operationId": "instruments",
                    "responses": {"200": _json("The catalogue", "Catalogue")},
                }
            },
            "/api/v1/instruments/{instrument_id}": {
                "get": {
                    "summary": "One instrument with its rule's dates and unchecked conditions",
                    "operationId": "instrument",
                    "parameters": [instrument_id],
                    "responses": {
                        "200": _json("The instrument", "Instrument"),
                        "404": _error("No such instrument"),
                    },
                }
            },
            "/api/v1/profile-schema": {
                "get": {
                    "summary": "The answers vocabulary as JSON Schema",
                    "operationId": "profileSchema",
                    "responses": {"200": _json("The request schema", "Schema")},
                }
            },
        },
        "components": {
            "schemas": {
                "RecommendationRequest": request,
                "Recommendations": RECOMMENDATIONS,
                "Result": RESULT,
                "Errors": ERRORS,
                "Instrument": {
                    "type": "object",
                    "required": ["id", "name", "kind", "award", "source_url", "facts_as_of"],
                },
                "Catalogue": {
                    "type": "object",
                    "required": ["catalogue_version", "instruments"],
                    "properties": {
                        "catalogue_version": {"type": "string"},
                        "instruments": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Instrument"},
                        },
                    },
                },
                "Schema": {"type": "object"},
            }
        },
    }
