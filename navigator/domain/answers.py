"""Validate raw answers (from JSON, the CLI or the wizard) into an immutable ``Answers`` mapping.

Every problem is reported per field, so the API can answer 400 and the CLI exit 2 with the
same messages. A missing field, or ``null``, means "not answered"; it is left out of
``Answers`` so that the rules see it as unknown.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from navigator.domain.vocabulary import FIELD_ORDER, FIELDS, FieldSpec

AnswerValue = str | bool | int | float | tuple[str, ...]
Answers = Mapping[str, AnswerValue]

EMPTY: Answers = MappingProxyType({})


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """Return the error in the API's JSON shape."""
        return {"field": self.field, "message": self.message}


class InvalidInput(ValueError):
    """Raised when input has one or more field errors."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def listed(answers: Answers, field: str) -> tuple[str, ...]:
    """Return a list answer as a tuple of strings (empty when not answered)."""
    value = answers.get(field)
    return value if isinstance(value, tuple) else ()


def make_answers(values: Mapping[str, AnswerValue]) -> Answers:
    """Freeze already-valid values in vocabulary order, dropping unknown-valued entries."""
    return MappingProxyType({k: values[k] for k in FIELD_ORDER if k in values})


def _check_number(spec: FieldSpec, value: Any) -> tuple[float | int | None, str | None]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, "must be a number"
    if isinstance(value, float) and not math.isfinite(value):
        return None, "must be a finite number"
    if spec.kind == "int":
        if isinstance(value, float) and not value.is_integer():
            return None, "must be a whole number"
        value = int(value)
    if spec.minimum is not None and value < spec.minimum:
        return None, f"must be at least {spec.minimum:g}"
    if spec.maximum is not None and value > spec.maximum:
        return None, f"must be at most {spec.maximum:g}"
    return value, None


def _check_list(
    spec: FieldSpec, value: Any, allowed: Collection[str]
) -> tuple[tuple[str, ...] | None, str | None]:
    if not isinstance(value, list):
        return None, "must be a list"
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str):
            return None, "must be a list of strings"
        if item not in allowed:
            return None, f"{_short(item)!r} is not one of: {', '.join(sorted(allowed))}"
        if item in seen:
            return None, f"{_short(item)!r} is listed twice"
        seen.append(item)
    if spec.name == "collaboration" and "none" in seen and len(seen) > 1:
        return None, "'none' cannot be combined with partners"
    return tuple(seen), None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def check_value(
    spec: FieldSpec, value: Any, *, on: date, known_ids: Collection[str]
) -> tuple[AnswerValue | None, str | None]:
    """Return the cleaned value of one field, or an error message."""
    if spec.kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, "must be true or false")
    if spec.kind == "enum":
        if not isinstance(value, str) or value not in spec.values:
            return None, f"must be one of: {', '.join(spec.values)}"
        return value, None
    if spec.kind in ("number", "int"):
        number, error = _check_number(spec, value)
        if (
            error is None
            and spec.name == "year_founded"
            and number is not None
            and number > on.year
        ):
            return None, f"must not be later than the evaluation year {on.year}"
        return number, error
    allowed = spec.values if spec.kind == "enum_list" else known_ids
    return _check_list(spec, value, allowed)


def parse_answers(raw: object, *, on: date, known_ids: Collection[str]) -> Answers:
    """Validate a JSON-like answers object.

    Args:
        raw: the decoded ``answers`` object.
        on: the evaluation date (bounds ``year_founded``).
        known_ids: the catalogue's instrument ids (for ``received_instruments``).

    Returns:
        The answers, without the fields that were not answered.

    Raises:
        InvalidInput: with one error per invalid or unknown field.
    """
    if not isinstance(raw, dict):
        raise InvalidInput([FieldError("answers", "must be a JSON object")])
    errors: list[FieldError] = []
    values: dict[str, AnswerValue] = {}
    for name, value in raw.items():
        spec = FIELDS.get(name) if isinstance(name, str) else None
        if spec is None:
            errors.append(FieldError(_short(str(name)), "is not a known answers field"))
            continue
        if value is None:
            continue
        cleaned, error = check_value(spec, value, on=on, known_ids=known_ids)
        if error is not None:
            errors.append(FieldError(name, error))
        elif cleaned is not None:
            values[name] = cleaned
    if errors:
        raise InvalidInput(errors)
    return make_answers(values)
