"""Blueprint "results": eligible first (ranked), then "more information needed", then not
eligible (collapsed, with the reasons); with the funding route, near misses, warnings and the
deadline calendar."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired

from navigator.advice.advise import Advice, advise, fingerprint
from navigator.contract import parse_date
from navigator.db.store import VERDICTS, Feedback
from navigator.domain.answers import Answers, InvalidInput
from navigator.web import cases, client_voice, domain, lang, today
from navigator.web.cache import app_cache
from navigator.web.mapping import answers_to_store, dont_know_from_store
from navigator.web.security import FEEDBACK_LIMIT, limiter
from navigator.web.views import card, row, summary_items, timeline
from navigator.web.wizard import load_case, seen_fields
from navigator.wizard.adaptive import full_order_next
from navigator.wizard.navigation import effective_answers, step_for_field
from navigator.wizard.questions import QUESTIONS

bp = Blueprint("results", __name__, url_prefix="/c/<case_id>")


def evaluation_date() -> date:
    """Return ``?on=YYYY-MM-DD`` when given and valid, else today."""
    try:
        return parse_date(request.args["on"]) if "on" in request.args else today()
    except InvalidInput:
        return today()


def case_advice(
    case_id: str, answers: Answers | None = None, on: date | None = None
) -> tuple[Advice, date]:
    """Build a case's advice on the evaluation date (or on the given answers and date: a
    frozen version)."""
    if answers is None:
        _, answers = load_case(case_id)
    on, navigator, effective = on or evaluation_date(), domain(), effective_answers(answers)
    # the same answers on the same date with the same data give the same advice: made once
    key = fingerprint(navigator, effective, on)
    return app_cache("advice", 256).get_or_make(key, lambda: advise(navigator, effective, on)), on


# Groups of instruments not offered: shown compactly (why not, what would help, links).
COMPACT_GROUPS = ("ineligible", "ended")


def tiers(advice: Advice, case_id: str, on: date) -> dict[str, list[Any]]:
    """Return the cards per results group (see ``navigator.recommend.GROUPS``).

    ``eligible`` holds the fits in page order: open now, opening later, closed now.
    """
    recommendation = advice.recommendation
    found = {
        group: [
            row(r, advice.near_misses.get(r.evaluation.instrument_id))
            if group in COMPACT_GROUPS
            else card(
                r,
                case_id,
                on,
                advice.near_misses.get(r.evaluation.instrument_id),
                recommendation.answers,
            )
            for r in results
        ]
        for group, results in recommendation.grouped().items()
    }
    found["eligible"] = found["open"] + found["opens"] + found["closed"]
    return found


def accepted_forms(advice: Advice) -> str:
    """Name the funding forms the applicant accepts, for the "other form" heading."""
    from flask_babel import gettext

    options = QUESTIONS["funding_forms"].options
    accepted = advice.recommendation.answers.get("funding_forms") or ()
    return ", ".join(gettext(options[f]).lower() for f in accepted)  # type: ignore[union-attr]


def next_questions(
    advice: Advice, case_id: str, dont_know: Collection[str] = ()
) -> list[dict[str, Any]]:
    """Return the questions that would decide the most instruments, with links; those answered
    "I don't know" are marked (finding the answer out is what decides them)."""
    from flask_babel import gettext

    advisor = client_voice(advice.recommendation.answers)
    return [
        {
            "label": gettext(QUESTIONS[field].label_for(advisor)),
            "dont_know": field in dont_know,
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


class FeedbackForm(FlaskForm):
    """A verdict on one instrument: relevant, not relevant, applied or awarded."""

    instrument_id = HiddenField(validators=[DataRequired()])
    verdict = HiddenField(validators=[DataRequired(), AnyOf(VERDICTS)])
    on = HiddenField()


@bp.post("/feedback")
@limiter.limit(FEEDBACK_LIMIT)
def feedback(case_id: str) -> Response:
    """Store a verdict with the answers and catalogue version, then return to the card."""
    _, answers = load_case(case_id)
    form = FeedbackForm()
    navigator = domain()
    target = url_for("results.show", case_id=case_id, on=form.on.data or None)
    if not form.validate_on_submit() or navigator.catalogue.get(form.instrument_id.data) is None:
        return redirect(target)
    # The evaluation date is the server's, never the form's: a tampered date is not stored.
    cases().add_feedback(
        Feedback(
            case_id,
            form.instrument_id.data,
            form.verdict.data,
            answers_to_store(effective_answers(answers)),
            today().isoformat(),
            navigator.version,
            source="self",
            client_hash=client_hash(),
        )
    )
    return redirect(f"{target}#card-{form.instrument_id.data}")


def client_hash() -> str:
    """Return a salted hash of the client address: floods show, the address is not kept."""
    import hashlib

    from flask import current_app

    salt = str(current_app.config["SECRET_KEY"]).encode()
    address = (request.remote_addr or "").encode()
    return hashlib.sha256(salt + b"|" + address).hexdigest()[:32]


def evaluation_date_from(text: str | None) -> date:
    """Parse a posted evaluation date, falling back to today."""
    try:
        return parse_date(text) if text else today()
    except InvalidInput:
        return today()


def render_advice(
    template: str,
    case_id: str,
    answers: Answers | None = None,
    on: date | None = None,
    dont_know: Collection[str] = (),
    **extra: Any,
) -> str:
    """Render a page that shows a case's advice (the results page or the report)."""
    advice, on = case_advice(case_id, answers, on)
    groups = tiers(advice, case_id, on)
    return render_template(
        template,
        case_id=case_id,
        advice=advice,
        recommendation=advice.recommendation,
        tiers=groups,
        summary=summary_items(groups["open"], advice.calendar, lang()),
        accepted_forms=accepted_forms(advice),
        timeline=timeline(advice.route, lang()),
        questions=next_questions(advice, case_id, dont_know),
        on=on,
        **extra,
    )


@bp.get("/results")
def show(case_id: str) -> str:
    """Evaluate the case's answers and show tiers, route, warnings and calendar."""
    cases().mark_completed(case_id)
    case, answers = load_case(case_id)
    return render_advice(
        "results/results.html",
        case_id,
        answers,  # read once: the advice is made from the same answers
        dont_know=dont_know_from_store(case.answers),
        more_questions=full_order_next(answers, seen_fields(case)) is not None,
        verdicts=cases().feedback_for(case_id),
        feedback_form=FeedbackForm(),
    )
