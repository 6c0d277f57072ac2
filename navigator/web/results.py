"""Blueprint "results": eligible first (ranked), then "more information needed", then not
eligible (collapsed, with the reasons)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request

from navigator.contract import parse_date
from navigator.domain.answers import InvalidInput
from navigator.recommend import recommend
from navigator.rules.engine import Status
from navigator.web import domain
from navigator.web.views import card
from navigator.web.wizard import load_case
from navigator.wizard.navigation import effective_answers

bp = Blueprint("results", __name__, url_prefix="/c/<case_id>")


def evaluation_date() -> date:
    """Return ``?on=YYYY-MM-DD`` when given and valid, else today."""
    try:
        return parse_date(request.args["on"]) if "on" in request.args else date.today()
    except InvalidInput:
        return date.today()


@bp.get("/results")
def show(case_id: str) -> str:
    """Evaluate the case's answers and show the three tiers."""
    _, answers = load_case(case_id)
    on = evaluation_date()
    recommendation = recommend(domain(), effective_answers(answers), on)
    tiers = {
        status.value: [card(r, case_id, on) for r in recommendation.tier(status)]
        for status in Status
    }
    # Routing organisations (advice, networks) fit almost everyone: show them apart from money.
    eligible = tiers.pop("eligible")
    tiers["eligible"] = [c for c in eligible if c.instrument.kind != "network"]
    tiers["advice"] = [c for c in eligible if c.instrument.kind == "network"]
    return render_template(
        "results/results.html",
        case_id=case_id,
        recommendation=recommendation,
        tiers=tiers,
        on=on,
    )
