"""Near-miss advice: every suggestion flips the result and touches only actionable fields."""

from __future__ import annotations

from navigator import paths
from navigator.domain.answers import make_answers, parse_answers
from navigator.domain.vocabulary import FIELDS
from navigator.recommend import Navigator
from navigator.rules.cases import load_all_cases
from navigator.rules.engine import Status, evaluate_rule
from navigator.rules.nearmiss import apply, near_misses

# Facts that a suggestion may never change.
UNCHANGEABLE = {
    "year_founded",
    "province",
    "employees_fte",
    "annual_turnover_eur",
    "balance_sheet_total_eur",
    "part_of_larger_group",
    "role",
    "knowledge_institution_type",
    "development_stage",
    "trl",
    "topsectors",
    "mission_themes",
    "key_technologies",
    "spin_off_of_knowledge_institution",
    "de_minimis_received_eur",
    "profit_from_own_innovation",
    "social_enterprise",
}


def test_every_near_miss_in_the_rule_cases_flips_the_result(navigator: Navigator) -> None:
    book = navigator.rulebook
    checked = 0
    for loaded in load_all_cases(paths.rule_cases_dir()):
        case = loaded.case
        if case.expect.status == "eligible":
            continue
        rule = book.rules[loaded.instrument]
        answers = parse_answers(case.answers, on=case.on, known_ids=book.rules)
        for miss in near_misses(book, rule, answers, case.on, navigator.actions):
            changed = apply(answers, miss.changes)
            assert changed is not None
            assert evaluate_rule(book, rule, changed, case.on).status is Status.ELIGIBLE, case.name
            assert not set(miss.fields) & UNCHANGEABLE, (case.name, miss.fields)
            assert 1 <= len(miss.changes) <= 3
            checked += 1
    assert checked > 50


def test_actions_never_name_an_unchangeable_fact(navigator: Navigator) -> None:
    fields = {a.field for a in navigator.actions}
    assert fields <= set(FIELDS)
    assert not fields & UNCHANGEABLE


def test_one_change_is_offered_when_one_suffices(navigator: Navigator) -> None:
    book = navigator.rulebook
    answers = make_answers(
        {
            "organisation_type": "private_company",
            "province": "gelderland",
            "year_founded": 2023,
            "does_own_rd": True,
            "investor_letter_of_intent": False,
            "project_started": False,
            "development_stage": "proof_of_concept",
            "spin_off_of_knowledge_institution": False,
        }
    )
    from datetime import date

    misses = near_misses(book, book.rules["vff"], answers, date(2026, 1, 15), navigator.actions)
    assert [[c.action.id for c in m.changes] for m in misses] == [["obtain_investor_letter"]]
    assert "intentieverklaring" in misses[0].changes[0].text("nl")


def test_amounts_in_suggestions_are_the_bound_the_rule_needs(navigator: Navigator) -> None:
    from datetime import date

    book = navigator.rulebook
    answers = make_answers(
        {
            "organisation_type": "private_company",
            "province": "utrecht",
            "does_own_rd": True,
            "development_stage": "prototype",
            "funding_need_eur": 1_000_000,
            "investor_letter_of_intent": False,
            "private_cofinancing_eur": 100_000,
        }
    )
    misses = near_misses(
        book, book.rules["innovatiekrediet"], answers, date(2026, 1, 15), navigator.actions
    )
    values = {c.action.id: c.value for m in misses for c in m.changes}
    assert values["raise_private_cofinancing"] == 500_000
    texts = [c.text("nl") for m in misses for c in m.changes]
    assert any("€ 500.000" in t for t in texts)


def test_an_eligible_instrument_has_no_near_miss(navigator: Navigator) -> None:
    from datetime import date

    book = navigator.rulebook
    answers = make_answers(
        {
            "organisation_type": "private_company",
            "province": "utrecht",
            "does_own_rd": True,
            "rd_staff_on_payroll": True,
        }
    )
    assert (
        near_misses(book, book.rules["wbso"], answers, date(2026, 1, 15), navigator.actions) == []
    )
