"""Adaptive questions: fewer questions, and never a result other than the full questionnaire's."""

from __future__ import annotations

import pytest

from bench.questions import ON, compare, generated, personas
from navigator import paths
from navigator.recommend import Navigator, load_navigator
from navigator.wizard.adaptive import ROUTING_FIELDS, next_page, walk
from navigator.wizard.navigation import effective_answers


@pytest.fixture(scope="module")
def navigator() -> Navigator:
    return load_navigator(paths.catalogue_path(), paths.rules_dir())


def test_no_generated_profile_gets_another_result_than_the_full_questionnaire(
    navigator: Navigator,
) -> None:
    ids = [i.id for i in navigator.catalogue.instruments]
    differing = {}
    for number, profile in enumerate(generated(40, ids, seed=7)):
        comparison = compare(navigator, profile)
        assert comparison.adaptive_asked <= comparison.fixed_asked
        if comparison.differ:
            differing[number] = comparison.differ
    assert differing == {}


@pytest.mark.parametrize(
    "name", ["journey-software-bv", "journey-researcher", "journey-manufacturer"]
)
def test_personas_need_fewer_questions_for_the_same_result(navigator: Navigator, name: str) -> None:
    comparison = compare(navigator, effective_answers(personas()[name]))
    assert comparison.differ == []
    assert comparison.adaptive_asked < comparison.fixed_asked


@pytest.mark.parametrize("organisation", ["none_yet", "knowledge_institution"])
def test_a_researcher_without_a_company_gets_no_company_questions(
    navigator: Navigator, organisation: str
) -> None:
    profile = dict(effective_answers(personas()["journey-researcher"]))
    profile["organisation_type"] = organisation
    journey = walk(navigator, effective_answers(profile), ON)
    assert journey.questions < 20
    company = ("rd_hours_per_year", "rd_staff_on_payroll", "employees_fte", "year_founded")
    assert [name for name in company if name in journey.asked] == []


def test_routing_questions_come_first(navigator: Navigator) -> None:
    page = next_page(navigator, {}, (), ON)
    assert page is not None and page.fields == ("role",)
    assert set(ROUTING_FIELDS) >= {"role", "organisation_type", "province", "development_stage"}


def test_the_way_in_is_the_full_questionnaires_too(navigator: Navigator) -> None:
    """WBSO fits as self-employed on the R&D hours, but payroll staff make it the employer's."""
    from navigator.domain.answers import parse_answers

    raw = {
        "role": "advisor",
        "organisation_type": "partnership",
        "employees_fte": 67,
        "annual_turnover_eur": 9669,
        "province": "noord-brabant",
        "development_stage": "prototype",
        "does_own_rd": True,
        "rd_hours_per_year": 1700,
        "rd_staff_on_payroll": True,
        "funding_forms": ["tax_credit"],
    }
    ids = [i.id for i in navigator.catalogue.instruments]
    profile = effective_answers(parse_answers(raw, on=ON, known_ids=ids))
    comparison = compare(navigator, profile)
    assert comparison.differ == []
    assert "rd_staff_on_payroll" in walk(navigator, profile, ON).asked
