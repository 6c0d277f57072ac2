"""JSON shapes published by the API: the answers schema and the instrument records."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from navigator.domain.catalogue import Instrument
from navigator.domain.vocabulary import FIELDS, FieldSpec
from navigator.recommend import Navigator


def _field_schema(spec: FieldSpec, known_ids: Collection[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": spec.description}
    if spec.kind == "bool":
        schema["type"] = "boolean"
    elif spec.kind == "enum":
        schema.update(type="string", enum=list(spec.values))
    elif spec.kind in ("number", "int"):
        schema["type"] = "integer" if spec.kind == "int" else "number"
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    else:
        values = list(spec.values) if spec.kind == "enum_list" else sorted(known_ids)
        schema.update(type="array", uniqueItems=True, items={"type": "string", "enum": values})
    # null is accepted and means "not answered", as leaving the field out does
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    schema["type"] = [schema["type"], "null"]
    return schema


def profile_schema(known_ids: Collection[str]) -> dict[str, Any]:
    """Return the request schema: ``answers`` (every field optional), ``on`` and ``dont_know``."""
    answers = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: _field_schema(spec, known_ids) for name, spec in FIELDS.items()},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Navigator recommendation request",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "answers": answers,
            "on": {
                "type": ["string", "null"],
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "evaluation date YYYY-MM-DD (default: today)",
            },
            "dont_know": {
                "type": ["array", "null"],
                "uniqueItems": True,
                "items": {"type": "string", "enum": list(FIELDS)},
                "description": 'answers fields the applicant does not know ("weet ik niet"): '
                "evaluated as not answered, echoed in the response; a field listed here must "
                "not be answered in 'answers'",
            },
        },
    }


def instrument_json(instrument: Instrument, navigator: Navigator) -> dict[str, Any]:
    """Return one catalogue record with its rule's dates and unchecked conditions."""
    data = instrument.model_dump(mode="json", exclude_none=True)
    rule = navigator.rulebook.rules[instrument.id]
    data["rule"] = {
        "source_url": rule.source_url,
        "valid_from": rule.valid_from.isoformat(),
        "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
        "not_checked": [t.model_dump() for t in rule.not_checked],
    }
    data["indicative"] = instrument.indicative
    return data
