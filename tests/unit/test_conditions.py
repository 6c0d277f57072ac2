"""Each condition evaluator, three-valued: met, not met, and unknown when an answer is missing."""

from __future__ import annotations

from datetime import date

import pytest

from navigator.domain.answers import make_answers
from navigator.rules.conditions import OPERATORS, ConditionError, Env, Outcome, parse_condition

ON = date(2026, 1, 15)


def outcome(test: dict, answers: dict, params: dict | None = None) -> tuple[Outcome, set[str]]:
    params = params or {}
    env = Env(make_answers(answers), ON, lambda name, on: params[name], {})
    verdict = parse_condition(test).evaluate(env)
    return verdict.outcome, set(verdict.missing)


MET, NOT, UNK = Outcome.MET, Outcome.NOT_MET, Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("test", "answers", "expected"),
    [
        ({"field": "does_own_rd", "equals": True}, {"does_own_rd": True}, MET),
        ({"field": "does_own_rd", "equals": True}, {"does_own_rd": False}, NOT),
        ({"field": "does_own_rd", "equals": True}, {}, UNK),
        (
            {"field": "organisation_type", "in": ["private_company"]},
            {"organisation_type": "private_company"},
            MET,
        ),
        (
            {"field": "organisation_type", "not_in": ["private_company"]},
            {"organisation_type": "private_company"},
            NOT,
        ),
        ({"field": "organisation_type", "not_in": ["private_company"]}, {}, UNK),
        (
            {"field": "collaboration", "contains_any": ["sme_partner"]},
            {"collaboration": ("sme_partner", "foreign_partner")},
            MET,
        ),
        ({"field": "collaboration", "contains_any": ["sme_partner"]}, {"collaboration": ()}, NOT),
        ({"field": "collaboration", "contains_none": ["none"]}, {"collaboration": ("none",)}, NOT),
        ({"field": "collaboration", "contains_any": ["sme_partner"]}, {}, UNK),
        ({"field": "employees_fte", "below": 250}, {"employees_fte": 249.5}, MET),
        ({"field": "employees_fte", "below": 250}, {"employees_fte": 250}, NOT),
        ({"field": "employees_fte", "at_most": 250}, {"employees_fte": 250}, MET),
        ({"field": "employees_fte", "at_least": 250}, {"employees_fte": 250}, MET),
        ({"field": "employees_fte", "above": 250}, {"employees_fte": 250}, NOT),
        ({"field": "employees_fte", "below": 250}, {}, UNK),
        ({"field": "year_founded", "within_years": 5}, {"year_founded": 2021}, MET),
        ({"field": "year_founded", "within_years": 5}, {"year_founded": 2020}, NOT),
        ({"field": "year_founded", "within_years": 5}, {}, UNK),
    ],
)
def test_field_operators(test: dict, answers: dict, expected: Outcome) -> None:
    assert outcome(test, answers)[0] is expected


def test_a_missing_answer_is_never_zero() -> None:
    # The classic bug: a missing number treated as 0 would make "below 250" true.
    assert outcome({"field": "employees_fte", "below": 250}, {}) == (UNK, {"employees_fte"})


def test_a_comparison_with_another_field_is_unknown_until_both_are_answered() -> None:
    test = {
        "field": "private_cofinancing_eur",
        "at_least": {"field": "funding_need_eur", "times": 0.5},
    }
    assert outcome(test, {"private_cofinancing_eur": 10}) == (UNK, {"funding_need_eur"})
    assert outcome(test, {"private_cofinancing_eur": 50, "funding_need_eur": 100})[0] is MET
    assert outcome(test, {"private_cofinancing_eur": 49, "funding_need_eur": 100})[0] is NOT


def test_parameters_are_looked_up_on_the_evaluation_date() -> None:
    test = {"field": "employees_fte", "below": {"param": "limit"}}
    assert outcome(test, {"employees_fte": 10}, {"limit": 50})[0] is MET
    assert outcome(test, {"employees_fte": 60}, {"limit": 50})[0] is NOT


A = {"field": "does_own_rd", "equals": True}
B = {"field": "has_ip", "equals": True}


@pytest.mark.parametrize(
    ("answers", "all_of", "any_of"),
    [
        ({"does_own_rd": True, "has_ip": True}, MET, MET),
        ({"does_own_rd": True, "has_ip": False}, NOT, MET),
        ({"does_own_rd": False, "has_ip": False}, NOT, NOT),
        ({"does_own_rd": True}, UNK, MET),
        ({"does_own_rd": False}, NOT, UNK),
        ({}, UNK, UNK),
    ],
)
def test_kleene_logic(answers: dict, all_of: Outcome, any_of: Outcome) -> None:
    assert outcome({"all_of": [A, B]}, answers)[0] is all_of
    assert outcome({"any_of": [A, B]}, answers)[0] is any_of


def test_unknown_lists_every_deciding_field() -> None:
    assert outcome({"any_of": [A, B]}, {}) == (UNK, {"does_own_rd", "has_ip"})


def test_not_keeps_unknown_unknown() -> None:
    assert outcome({"not": A}, {})[0] is UNK
    assert outcome({"not": A}, {"does_own_rd": False})[0] is MET


@pytest.mark.parametrize(
    ("test", "message"),
    [
        ({"field": "nope", "equals": 1}, "unknown answers field"),
        ({"field": "province", "equals": "atlantis"}, "is not a value of field"),
        ({"field": "does_own_rd", "equals": "yes"}, "takes true or false"),
        ({"field": "employees_fte", "equals": 5}, "compare number field"),
        ({"field": "province", "contains_any": ["utrecht"]}, "needs a list field"),
        ({"field": "trl", "within_years": 3}, "applies to year_founded only"),
        ({"all_of": []}, "non-empty list"),
        ({"field": "does_own_rd", "all_of": [A]}, "does not take a field"),
        ({"field": "employees_fte", "below": True}, "must be a number"),
        ({"field": "employees_fte", "below": {"field": "province"}}, "is not a number"),
        ({"eval": "1+1"}, "exactly one operator"),
        ([A], "must be a mapping"),
    ],
)
def test_malformed_conditions_are_rejected(test: object, message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        parse_condition(test)


def test_the_registry_holds_exactly_the_documented_operators() -> None:
    documented = {
        "equals",
        "in",
        "not_in",
        "contains_any",
        "contains_none",
        "at_least",
        "at_most",
        "above",
        "below",
        "within_years",
        "all_of",
        "any_of",
        "not",
        "ref",
    }
    assert set(OPERATORS) == documented
