"""Blueprint "wizard": one question page per topic, check your answers, resume by link.

Views are thin: read the form, convert, call the domain, save, redirect or render.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from navigator.db.store import StoredCase
from navigator.domain.answers import Answers, InvalidInput, parse_answers
from navigator.domain.consistency import clashing_checks
from navigator.web import cases, domain, lang, today, workspace
from navigator.web.forms import build_form
from navigator.web.mapping import (
    answers_from_store,
    answers_to_store,
    form_data,
    merge,
    values_from_form,
)
from navigator.web.security import WIZARD_LIMIT, limiter
from navigator.web.views import form_errors, summary_rows
from navigator.wizard.navigation import next_step, previous_step, resume_step, step_for_field
from navigator.wizard.steps import STEP_BY_ID, Step

bp = Blueprint("wizard", __name__, url_prefix="/c/<case_id>")

RETURN_TARGETS = ("check", "results")


def load_case(case_id: str) -> tuple[StoredCase, Answers]:
    """Return the case and its answers, or answer 404 for an unknown id."""
    case = cases().get(case_id)
    if case is None:
        abort(404)
    answers = answers_from_store(case.answers, on=today(), known_ids=domain().catalogue.by_id)
    return case, answers


def _form_class(step: Step) -> type[FlaskForm]:
    options = [(i.id, i.name.get(lang())) for i in domain().catalogue.instruments]
    return build_form(step, options, today().year)


@bp.get("")
def resume(case_id: str) -> Response:
    """Continue where the user left off."""
    case, answers = load_case(case_id)
    step = resume_step(answers, case.seen)
    if step is None:
        return redirect(url_for("wizard.check", case_id=case_id))
    return redirect(url_for("wizard.question", case_id=case_id, step_id=step.id))


def _back_link(case_id: str, step: Step, answers: Answers, return_to: str | None) -> str:
    if return_to == "check":
        return url_for("wizard.check", case_id=case_id)
    if return_to == "results":
        return url_for("results.show", case_id=case_id)
    previous = previous_step(step.id, answers)
    if previous is None:
        return url_for("pages.start")
    return url_for("wizard.question", case_id=case_id, step_id=previous.id)


def _after_save(case_id: str, step: Step, answers: Answers, return_to: str | None) -> Response:
    if return_to == "results":
        return redirect(url_for("results.show", case_id=case_id))
    following = next_step(step.id, answers)
    if return_to == "check" or following is None:
        return redirect(url_for("wizard.check", case_id=case_id))
    return redirect(url_for("wizard.question", case_id=case_id, step_id=following.id))


@bp.route("/step/<step_id>", methods=["GET", "POST"])
@limiter.limit(WIZARD_LIMIT, methods=["POST"])
def question(case_id: str, step_id: str) -> Response | str:
    """Show one question page; on a valid POST save the answers and move on."""
    case, answers = load_case(case_id)
    step = STEP_BY_ID.get(step_id) or abort(404)
    return_to = request.args.get("return_to")
    return_to = return_to if return_to in RETURN_TARGETS else None
    form_class = _form_class(step)
    form = (
        form_class()
        if request.method == "POST"
        else form_class(data=form_data(step, answers, lang()))
    )
    elsewhere: list[tuple[str, str]] = []
    if form.validate_on_submit():
        saved = _checked(
            form, step, merge(answers, values_from_form(step, form)), case_id, elsewhere
        )
        if saved is not None:
            cases().save(case_id, answers_to_store(saved), (*case.seen, step.id))
            return _after_save(case_id, step, saved, return_to)
    return render_template(
        "wizard/question.html",
        form=form,
        step=step,
        case_id=case_id,
        back_href=_back_link(case_id, step, answers, return_to),
        return_to=return_to,
        errors=form_errors(form, step) + elsewhere,
    )


def _checked(
    form: FlaskForm,
    step: Step,
    merged: dict[str, Any],
    case_id: str,
    elsewhere: list[tuple[str, str]],
) -> Answers | None:
    """Validate the merged answers and check that they do not contradict each other.

    An error about a field of this page goes on the field; one about an earlier page goes in
    the summary with a link to that page. Returns the answers to save, or None.
    """
    try:
        saved = parse_answers(
            answers_to_store(merged), on=today(), known_ids=domain().catalogue.by_id
        )
    except InvalidInput as invalid:
        for error in invalid.errors:
            if error.field in form:
                form[error.field].errors = [error.message]
        return None
    clashes = clashing_checks(saved)
    for clash in clashes:
        message = gettext(clash.explain)
        if clash.field in step.fields:
            form[clash.field].errors = [message]
        else:
            page = step_for_field(clash.field).id
            elsewhere.append(
                (
                    url_for("wizard.question", case_id=case_id, step_id=page, return_to="check"),
                    message,
                )
            )
    return None if clashes else saved


@bp.get("/check")
def check(case_id: str) -> str:
    """Show every answer with a change link, and the button to the results."""
    _, answers = load_case(case_id)
    return render_template(
        "wizard/check_answers.html",
        case_id=case_id,
        rows=summary_rows(answers, lang()),
        change_url=lambda step_id: url_for(
            "wizard.question", case_id=case_id, step_id=step_id, return_to="check"
        ),
        resume_url=url_for("wizard.resume", case_id=case_id, _external=True),
    )


class DeleteForm(FlaskForm):
    """Confirm deleting a case (a POST with a CSRF token: a link alone deletes nothing)."""


@bp.route("/delete", methods=["GET", "POST"])
def delete(case_id: str) -> str:
    """Ask to confirm, then delete the case and every verdict given on it."""
    load_case(case_id)
    form = DeleteForm()
    if form.validate_on_submit():
        # Deleting one's own case withdraws every consent given on it: copies are anonymised.
        for consent in workspace().consents_of(case_id):
            workspace().withdraw(case_id, consent.id)
        cases().delete(case_id)
        return render_template("wizard/deleted.html")
    return render_template("wizard/delete.html", case_id=case_id, form=form)
