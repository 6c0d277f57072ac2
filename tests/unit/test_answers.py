"""Validation of raw answers: types, ranges, enums, unknown fields; null means not answered."""

from __future__ import annotations

from datetime import date

import pytest

from navigator.domain.answers import InvalidInput, parse_answers

ON = date(2026, 1, 15)
IDS = {"wbso", "vff"}


def errors(raw: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as error:
        parse_answers(raw, on=ON, known_ids=IDS)
    return {e.field: e.message for e in error.value.errors}


def test_valid_answers_are_kept_and_null_means_not_answered() -> None:
    answers = parse_answers(
        {
            "employees_fte": 5,
            "does_own_rd": True,
            "province": "utrecht",
            "trl": None,
            "topsectors": ["htsm"],
            "received_instruments": ["wbso"],
        },
        on=ON,
        known_ids=IDS,
    )
    assert dict(answers) == {
        "employees_fte": 5,
        "province": "utrecht",
        "topsectors": ("htsm",),
        "does_own_rd": True,
        "received_instruments": ("wbso",),
    }


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"employees_fte": -1}, "employees_fte", "at least 0"),
        ({"employees_fte": "5"}, "employees_fte", "must be a number"),
        ({"employees_fte": True}, "employees_fte", "must be a number"),
        ({"employees_fte": float("nan")}, "employees_fte", "finite"),
        ({"trl": 10}, "trl", "at most 9"),
        ({"trl": 2.5}, "trl", "whole number"),
        ({"year_founded": 2027}, "year_founded", "later than the evaluation year"),
        ({"does_own_rd": "yes"}, "does_own_rd", "true or false"),
        ({"province": "Utrecht"}, "province", "must be one of"),
        ({"topsectors": "htsm"}, "topsectors", "must be a list"),
        ({"topsectors": ["htsm", "htsm"]}, "topsectors", "listed twice"),
        ({"topsectors": ["space"]}, "topsectors", "is not one of"),
        ({"received_instruments": ["unknown-scheme"]}, "received_instruments", "is not one of"),
        ({"collaboration": ["none", "sme_partner"]}, "collaboration", "cannot be combined"),
        ({"employees": 5}, "employees", "not a known answers field"),
    ],
)
def test_each_invalid_value_names_its_field(raw: dict, field: str, message: str) -> None:
    assert message in errors(raw)[field]


def test_all_errors_are_reported_at_once() -> None:
    assert set(errors({"employees_fte": -1, "trl": 0, "colour": "red"})) == {
        "employees_fte",
        "trl",
        "colour",
    }


def test_answers_must_be_an_object() -> None:
    assert "answers" in errors(["not", "an", "object"])
