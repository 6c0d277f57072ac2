"""Wizard navigation: pure functions over answers and the steps already seen."""

from __future__ import annotations

from navigator.domain.answers import make_answers
from navigator.wizard.navigation import (
    active_steps,
    effective_answers,
    next_step,
    previous_step,
    resume_step,
    step_for_field,
)
from navigator.wizard.steps import STEPS


def ids(steps) -> list[str]:
    return [s.id for s in steps]


def test_every_step_is_active_for_an_empty_profile_except_the_institution_page() -> None:
    assert ids(active_steps(make_answers({}))) == [s.id for s in STEPS if s.id != "institution"]


def test_a_researcher_without_a_company_skips_company_questions() -> None:
    steps = ids(active_steps(make_answers({"role": "researcher", "organisation_type": "none_yet"})))
    assert "institution" in steps
    assert not {"size", "founded", "profit", "investments"} & set(steps)


def test_no_own_rd_skips_the_rd_details() -> None:
    answers = make_answers({"does_own_rd": False})
    assert next_step("rd", answers).id == "project"
    assert previous_step("project", answers).id == "rd"


def test_a_public_buyer_gets_a_short_journey() -> None:
    steps = ids(
        active_steps(make_answers({"role": "public_procurer", "organisation_type": "public_body"}))
    )
    assert steps == ["role", "organisation", "location", "history"]


def test_first_and_last_steps() -> None:
    assert previous_step("role", make_answers({})) is None
    assert next_step("history", make_answers({})) is None


def test_resume_goes_to_the_first_step_not_seen() -> None:
    assert resume_step(make_answers({}), ["role", "organisation"]).id == "size"
    assert resume_step(make_answers({}), [s.id for s in STEPS]) is None


def test_answers_of_pages_made_irrelevant_are_dropped() -> None:
    answers = make_answers(
        {"organisation_type": "none_yet", "employees_fte": 40, "province": "utrecht"}
    )
    assert dict(effective_answers(answers)) == {
        "organisation_type": "none_yet",
        "province": "utrecht",
    }


def test_every_field_has_exactly_one_step() -> None:
    fields = [f for s in STEPS for f in s.fields]
    assert len(fields) == len(set(fields))
    assert step_for_field("trl").id == "stage"
