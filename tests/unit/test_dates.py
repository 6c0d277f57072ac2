"""Values keyed by date: the same profile on two dates gets the rules and figures of each day."""

from __future__ import annotations

from datetime import date
from functools import partial

from navigator.contract import recommendation_json
from navigator.domain.answers import make_answers
from navigator.recommend import Navigator, recommend
from navigator.rules.conditions import Env
from navigator.rules.engine import Status, evaluate_rule
from navigator.rules.loader import parameter_value

EARLY, LATE = date(2024, 6, 1), date(2026, 1, 15)


def _result(navigator: Navigator, answers: dict, on: date, instrument: str) -> dict:
    body = recommendation_json(recommend(navigator, make_answers(answers), on))
    return next(r for r in body["results"] if r["instrument_id"] == instrument)


def test_wbso_figures_follow_the_evaluation_date(navigator: Navigator) -> None:
    answers = {"organisation_type": "private_company", "does_own_rd": True}
    early = {a["label"] for a in _result(navigator, answers, EARLY, "wbso")["amounts"]}
    late = {a["label"] for a in _result(navigator, answers, LATE, "wbso")["amounts"]}
    assert any("32%" in label and "350.000" in label for label in early)
    assert any("36%" in label and "391.020" in label for label in late)
    assert all(a["year"] == 2026 for a in _result(navigator, answers, LATE, "wbso")["amounts"])


def test_the_de_minimis_ceiling_follows_the_evaluation_date(navigator: Navigator) -> None:
    book = navigator.rulebook
    rule = book.rules["trade-and-innovate"]
    condition = next(c for t in rule.tracks for c in t.conditions if c.id == "de_minimis_room")
    answers = make_answers({"de_minimis_received_eur": 250_000})

    def outcome(on: date) -> str:
        env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
        return condition.test.evaluate(env).outcome.value

    assert parameter_value(book, rule, "de_minimis_ceiling_eur", date(2023, 6, 1)) == 200_000
    assert outcome(date(2023, 6, 1)) == "not_met"  # €200,000 over three fiscal years
    assert outcome(LATE) == "met"  # €300,000 over a rolling three years from 2024


def test_an_ended_scheme_is_ineligible_after_its_end(navigator: Navigator) -> None:
    book = navigator.rulebook
    rule = book.rules["corona-overbruggingslening"]
    result = evaluate_rule(book, rule, make_answers({}), LATE)
    assert result.status is Status.INELIGIBLE and result.reasons[0].condition == "in_force"
