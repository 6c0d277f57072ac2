"""The engine: tracks, tiers, dates, and unknown results that name the deciding questions."""

from __future__ import annotations

from datetime import date

from navigator.domain.answers import make_answers
from navigator.recommend import Navigator
from navigator.rules.conditions import Outcome
from navigator.rules.engine import Status, evaluate_all, evaluate_rule

ON = date(2026, 1, 15)


def evaluate(navigator: Navigator, instrument: str, answers: dict, on: date = ON):
    book = navigator.rulebook
    return evaluate_rule(book, book.rules[instrument], make_answers(answers), on)


def test_no_answers_make_everything_unknown_or_ineligible_never_eligible(
    navigator: Navigator,
) -> None:
    results = evaluate_all(navigator.rulebook, make_answers({}), ON)
    assert results and all(r.status is not Status.ELIGIBLE for r in results)
    unknown = [r for r in results if r.status is Status.UNKNOWN]
    assert unknown and all(r.missing or r.reasons[0].condition == "in_force" for r in unknown)


def test_unknown_names_the_questions_of_every_open_track(navigator: Navigator) -> None:
    result = evaluate(navigator, "wbso", {"does_own_rd": True, "province": "utrecht"})
    assert result.status is Status.UNKNOWN
    assert "organisation_type" in result.missing


def test_an_unmet_condition_decides_even_when_others_are_unknown(navigator: Navigator) -> None:
    result = evaluate(navigator, "innovatiebox", {"organisation_type": "sole_proprietor"})
    assert result.status is Status.INELIGIBLE
    outcomes = {r.condition: r.outcome for r in result.reasons}
    assert outcomes["corporate_tax"] is Outcome.NOT_MET
    assert outcomes["innovation_profit"] is Outcome.UNKNOWN


def test_the_via_track_names_its_intermediary(navigator: Navigator) -> None:
    result = evaluate(
        navigator,
        "seed-capital",
        {
            "role": "entrepreneur",
            "organisation_type": "private_company",
            "province": "utrecht",
            "does_own_rd": True,
            "year_founded": 2024,
        },
    )
    assert (result.status, result.route) == (Status.ELIGIBLE, "via")
    assert result.via is not None and "Seed Capital" in result.via.nl


def test_ineligible_shows_the_closest_track(navigator: Navigator) -> None:
    # A researcher without a company is closer to the starter track (needs a BV) than to the
    # fund-manager track, because more of its conditions are met.
    result = evaluate(
        navigator,
        "seed-capital",
        {
            "role": "researcher",
            "organisation_type": "none_yet",
            "does_own_rd": True,
            "development_stage": "research",
            "province": "utrecht",
        },
    )
    assert result.status is Status.INELIGIBLE
    assert result.track == "starter_via_fund"


def test_results_depend_on_the_evaluation_date_not_the_clock(navigator: Navigator) -> None:
    answers = {
        "organisation_type": "private_company",
        "province": "utrecht",
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
    }
    assert evaluate(navigator, "wbso", answers, date(2026, 1, 15)).status is Status.ELIGIBLE
    assert evaluate(navigator, "wbso", answers, date(2023, 1, 15)).status is Status.UNKNOWN


def test_the_engine_never_reads_the_clock() -> None:
    from pathlib import Path

    import navigator.rules as rules_package

    source = "".join(p.read_text() for p in Path(rules_package.__file__).parent.glob("*.py"))
    assert "today(" not in source and "now(" not in source


from hypothesis import given, settings  # noqa: E402

from navigator.rules.engine import rule_status  # noqa: E402
from tests.unit.test_ranking import answers_strategy  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(answers=answers_strategy)
def test_the_fast_status_equals_the_full_evaluation(navigator: Navigator, answers: dict) -> None:
    profile = make_answers(answers)
    book = navigator.rulebook
    for on in (ON, date(2021, 6, 1)):
        for rule in book.rules.values():
            assert (
                rule_status(book, rule, profile, on)
                is evaluate_rule(book, rule, profile, on).status
            )
