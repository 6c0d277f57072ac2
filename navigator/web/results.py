"""Blueprint "results": eligible first (ranked), then "more information needed", then not
eligible (collapsed, with the reasons); with the funding route, near misses, warnings and the
deadline calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, render_template, request, url_for

from navigator.advice.advise import Advice, advise
from navigator.contract import parse_date
from navigator.domain.answers import InvalidInput
from navigator.rules.engine import Status
from navigator.web import domain, lang
from navigator.web.views import card, timeline
from navigator.web.wizard import load_case
from navigator.wizard.navigation import effective_answers, step_for_field
from navigator.wizard.questions import QUESTIONS

bp = Blueprint("results", __name__, url_prefix="/c/<case_id>")


def evaluation_date() -> date:
    """Return ``?on=YYYY-MM-DD`` when given and valid, else today."""
    try:
        return parse_date(request.args["on"]) if "on" in request.args else date.today()
    except InvalidInput:
        return date.today()


def case_advice(case_id: str) -> tuple[Advice, date]:
    """Load a case and build its advice on the evaluation date."""
    _, answers = load_case(case_id)
    on = evaluation_date()
    return advise(domain(), effective_answers(answers), on), on


def tiers(advice: Advice, case_id: str, on: date) -> dict[str, list[Any]]:
    """Return the cards per tier; routing organisations apart from the money."""
    found = {
        status.value: [
            card(r, case_id, on, advice.near_misses.get(r.evaluation.instrument_id))
            for r in advice.recommendation.tier(status)
        ]
        for status in Status
    }
    eligible = found.pop("eligible")
    found["eligible"] = [c for c in eligible if c.instrument.kind != "network"]
    found["advice"] = [c for c in eligible if c.instrument.kind == "network"]
    return found


def next_questions(advice: Advice, case_id: str) -> list[dict[str, Any]]:
    """Return the questions that would decide the most instruments, with links."""
    from flask_babel import gettext

    return [
        {
            "label": gettext(QUESTIONS[field].label),
            "decides": count,
            "url": url_for(
                "wizard.question",
                case_id=case_id,
                step_id=step_for_field(field).id,
                return_to="results",
            ),
        }
        for field, count in advice.next_questions
    ]


@bp.get("/results")
def show(case_id: str) -> str:
    """Evaluate the case's answers and show tiers, route, warnings and calendar."""
    advice, on = case_advice(case_id)
    return render_template(
        "results/results.html",
        case_id=case_id,
        advice=advice,
        recommendation=advice.recommendation,
        tiers=tiers(advice, case_id, on),
        timeline=timeline(advice.route, lang()),
        questions=next_questions(advice, case_id),
        on=on,
    )
