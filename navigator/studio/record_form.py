"""A catalogue record as form fields: every value of the record (names and texts in NL and EN,
amounts, windows and rounds, sources, dates, audience lists) becomes one field addressed by its
path, typed by its current value; saving puts the typed values back.

Adding or removing list items (a new round, a new source) is done in the record's JSON; the
schema check of the whole catalogue runs after every save.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordField:
    """One editable value."""

    path: str  # e.g. "name.nl", "window.rounds.0.closes"
    kind: str  # "text", "long_text", "number", "bool", "list"
    value: str


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "list"
    return "long_text" if isinstance(value, str) and len(value) > 90 else "text"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def fields(record: dict[str, Any]) -> list[RecordField]:
    """Every scalar (and every list of scalars) of the record, except its id."""
    found: list[RecordField] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(inner, f"{path}.{name}" if path else name)
        elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
            for index, inner in enumerate(value):
                walk(inner, f"{path}.{index}")
        elif path != "id":
            found.append(RecordField(path, _kind(value), _shown(value)))

    walk(record, "")
    return found


def _parse(kind: str, text: str, old: Any) -> Any:
    text = text.strip()
    if kind == "number":
        if not text:
            return None
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() and not isinstance(old, float) else number
    if kind == "bool":
        if text not in ("true", "false"):
            raise ValueError("use true or false")
        return text == "true"
    if kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text if text or old is not None else None


def apply(record: dict[str, Any], values: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """A copy of the record with the submitted values; problems name the field."""
    updated = copy.deepcopy(record)
    problems = []
    for spec in fields(record):
        if spec.path not in values:
            continue
        target: Any = updated
        *parents, last = spec.path.split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key: Any = int(last) if isinstance(target, list) else last
        try:
            target[key] = _parse(spec.kind, values[spec.path], target[key])
        except ValueError as error:
            problems.append(f"{spec.path}: {error}")
    return updated, problems
