"""Explicit conversions between form data, stored answers and domain answers."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from flask_wtf import FlaskForm

from navigator.domain.answers import Answers, AnswerValue, check_value, make_answers
from navigator.domain.vocabulary import FIELDS
from navigator.web.forms import NONE_OF_THESE
from navigator.wizard.steps import Step

BOOL_TO_FORM = {True: "yes", False: "no"}
FORM_TO_BOOL = {"yes": True, "no": False}
DONT_KNOW = "unknown"
# Stored next to the answers: the questions answered "I don't know" (not an answers field, so
# the domain never sees it; the rules treat the question as unanswered).
DONT_KNOW_KEY = "_dont_know"


def dont_know_from_store(raw: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the questions answered "I don't know" in a stored case."""
    listed = raw.get(DONT_KNOW_KEY)
    if not isinstance(listed, list):
        return ()
    return tuple(name for name in listed if isinstance(name, str) and name in FIELDS)


def dont_know_from_form(step: Step, form: FlaskForm, before: Collection[str]) -> tuple[str, ...]:
    """Return the "I don't know" answers after saving a page: this page's choices replace
    the earlier ones of its fields.
    """
    chosen = {name for name in step.fields if form[name].data == DONT_KNOW}
    return tuple(
        name for name in FIELDS if name in chosen or (name in before and name not in step.fields)
    )


def answers_from_store(raw: Mapping[str, Any], *, on: date, known_ids: Collection[str]) -> Answers:
    """Rebuild domain answers from stored JSON, dropping values no longer valid.

    A stored case may predate a catalogue change (an instrument id removed) or a year change;
    such a value becomes unanswered rather than an error.
    """
    values: dict[str, AnswerValue] = {}
    for name, value in raw.items():
        spec = FIELDS.get(name)
        if spec is None or value is None:
            continue
        cleaned, error = check_value(spec, value, on=on, known_ids=known_ids)
        if error is None and cleaned is not None:
            values[name] = cleaned
    return make_answers(values)


def answers_to_store(answers: Answers) -> dict[str, Any]:
    """Return JSON-ready values (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}


def _display_number(value: float, lang: str) -> str:
    text = f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"
    if "e" in text:
        text = f"{value:.0f}"
    return text.replace(".", ",") if lang == "nl" else text


def form_data(
    step: Step, answers: Answers, lang: str, dont_know: Collection[str] = ()
) -> dict[str, Any]:
    """Return the form's initial data for a step from the stored answers."""
    data: dict[str, Any] = {}
    for name in step.fields:
        value = answers.get(name)
        spec = FIELDS[name]
        if value is None:
            if name in dont_know and spec.kind in ("bool", "enum"):
                data[name] = DONT_KNOW
            continue
        if spec.kind == "bool":
            data[name] = BOOL_TO_FORM[bool(value)]
        elif spec.kind in ("number", "int"):
            data[name] = _display_number(float(value), lang)  # type: ignore[arg-type]
        elif spec.is_list:
            data[name] = list(value) if value else [NONE_OF_THESE]  # type: ignore[arg-type]
        else:
            data[name] = value
    return data


def values_from_form(step: Step, form: FlaskForm) -> dict[str, AnswerValue | None]:
    """Return the answers a validated form gives; None means "not answered"."""
    values: dict[str, AnswerValue | None] = {}
    for name in step.fields:
        field = form[name]
        spec = FIELDS[name]
        if spec.kind == "bool":
            values[name] = FORM_TO_BOOL.get(field.data or "")
        elif spec.kind == "enum":
            values[name] = field.data or None
        elif spec.kind in ("number", "int"):
            values[name] = getattr(field, "number", None) if field.data else None
        else:
            chosen = [v for v in field.data or [] if v != NONE_OF_THESE]
            values[name] = tuple(chosen) if (chosen or field.data) else None
    return values


def merge(answers: Answers, values: Mapping[str, AnswerValue | None]) -> dict[str, AnswerValue]:
    """Apply a step's values to the stored answers; None removes an answer."""
    merged: dict[str, AnswerValue] = dict(answers)
    for name, value in values.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged
