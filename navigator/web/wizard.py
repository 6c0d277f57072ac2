"""Blueprint "wizard": one question page per topic, check your answers, resume by link.

Views are thin: read the form, convert, call the domain, save, redirect or render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from navigator.db.store import StoredCase
from navigator.domain.answers import Answers, InvalidInput, listed, parse_answers
from navigator.domain.consistency import clashing_checks
from navigator.domain.vocabulary import FIELDS
from navigator.web import cases, client_voice, domain, lang, today, workspace
from navigator.web.forms import build_form
from navigator.web.mapping import (
    DONT_KNOW_KEY,
    answers_from_store,
    answers_to_store,
    dont_know_from_form,
    dont_know_from_store,
    form_data,
    merge,
    values_from_form,
)
from navigator.web.security import WIZARD_LIMIT, limiter
from navigator.web.views import KIND_LABELS, form_errors, summary_rows
from navigator.wizard.adaptive import full_order_next, next_page, page_fields, remaining_estimate
from navigator.wizard.history import history_choices
from navigator.wizard.navigation import step_for_field
from navigator.wizard.steps import STEP_BY_ID, STEP_OF_FIELD, Step

bp = Blueprint("wizard", __name__, url_prefix="/c/<case_id>")

RETURN_TARGETS = ("check", "results")


def load_case(case_id: str) -> tuple[StoredCase, Answers]:
    """Return the case and its answers, or answer 404 for an unknown id."""
    case = cases().get(case_id)
    if case is None:
        abort(404)
    answers = answers_from_store(case.answers, on=today(), known_ids=domain().catalogue.by_id)
    return case, answers


def seen_fields(case: StoredCase) -> list[str]:
    """Return the questions asked in this case, in the order they were asked.

    Cases saved before adaptive questions list page ids: a page id stands for all its fields.
    """
    asked: list[str] = []
    for entry in case.seen:
        if entry in FIELDS:
            asked.append(entry)
        elif entry in STEP_BY_ID:
            asked.extend(STEP_BY_ID[entry].fields)
    return list(dict.fromkeys(asked))


def pages_asked(seen: Sequence[str]) -> list[str]:
    """Return the ids of the pages asked, in the order of their last question asked.

    The adaptive order may come back to a page for another of its questions; that page then
    counts as asked last (the check page's back link leads to it).
    """
    last_first = dict.fromkeys(STEP_OF_FIELD[name].id for name in reversed(seen))
    return list(reversed(last_first))


def history_groups(answers: Answers) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the choices of "support received before": (kind label, [(id, name)]) by name."""
    language = lang()
    keep = listed(answers, "received_instruments")
    return [
        (
            gettext(KIND_LABELS[kind]),
            sorted(((i.id, i.name.get(language)) for i in items), key=lambda pair: pair[1].lower()),
        )
        for kind, items in history_choices(domain(), today(), keep)
    ]


def _form_class(
    step: Step, advisor: bool, groups: list[tuple[str, list[tuple[str, str]]]]
) -> type[FlaskForm]:
    options = [pair for _, pairs in groups for pair in pairs]
    return build_form(step, options, today().year, advisor)


@bp.get("")
def resume(case_id: str) -> Response:
    """Continue where the user left off."""
    case, answers = load_case(case_id)
    page = next_page(domain(), answers, seen_fields(case), today())
    if page is None:
        return redirect(url_for("wizard.check", case_id=case_id))
    return redirect(url_for("wizard.question", case_id=case_id, step_id=page.step.id))


@bp.get("/more")
def more(case_id: str) -> Response:
    """Ask every question not asked yet, in the fixed order: a more precise result."""
    case, answers = load_case(case_id)
    page = full_order_next(answers, seen_fields(case))
    if page is None:
        return redirect(url_for("wizard.check", case_id=case_id))
    return redirect(url_for("wizard.question", case_id=case_id, step_id=page.step.id, more=1))


def _back_link(case_id: str, step: Step, seen: Sequence[str], return_to: str | None) -> str:
    """Link "back" to the page asked before this one.

    A page showing a question not asked yet comes after every page asked so far, also when the
    adaptive order returns to it for another of its questions; a page reached by "back" comes
    after the pages asked before its own last question.
    """
    if return_to == "check":
        return url_for("wizard.check", case_id=case_id)
    if return_to == "results":
        return url_for("results.show", case_id=case_id)
    asked = pages_asked(seen)
    if any(name not in seen for name in step.fields):
        earlier = [page for page in asked if page != step.id]
    else:
        earlier = asked[: asked.index(step.id)] if step.id in asked else asked
    if not earlier:
        return url_for("pages.start")
    return url_for("wizard.question", case_id=case_id, step_id=earlier[-1])


def _after_save(
    case_id: str, answers: Answers, seen: Sequence[str], return_to: str | None, more: bool
) -> Response:
    if return_to == "results":
        return redirect(url_for("results.show", case_id=case_id))
    if return_to == "check":
        return redirect(url_for("wizard.check", case_id=case_id))
    if more:
        following = full_order_next(answers, seen)
    else:
        following = next_page(domain(), answers, seen, today())
    if following is None:
        return redirect(url_for("wizard.check", case_id=case_id))
    query: dict[str, Any] = {"more": 1} if more else {}
    return redirect(url_for("wizard.question", case_id=case_id, step_id=following.step.id, **query))


def _progress(answers: Answers, seen: Sequence[str], shown: Sequence[str]) -> tuple[int, int]:
    """Return the number of the page's first new question and about how many there will be."""
    asked = len(seen)
    total = asked + remaining_estimate(domain(), answers, seen, today())
    if all(name in seen for name in shown):
        return 0, total
    return asked + 1, max(total, asked + 1)


@bp.route("/step/<step_id>", methods=["GET", "POST"])
@limiter.limit(WIZARD_LIMIT, methods=["POST"])
def question(case_id: str, step_id: str) -> Response | str:
    """Show one question page; on a valid POST save the answers and move on."""
    case, answers = load_case(case_id)
    step = STEP_BY_ID.get(step_id) or abort(404)
    return_to = request.args.get("return_to")
    return_to = return_to if return_to in RETURN_TARGETS else None
    more = request.args.get("more") == "1"
    seen = seen_fields(case)
    if return_to is None and not more:
        step = replace(step, fields=page_fields(domain(), step, answers, seen, today()))
    groups = history_groups(answers) if "received_instruments" in step.fields else []
    form_class = _form_class(step, client_voice(answers), groups)
    form = (
        form_class()
        if request.method == "POST"
        else form_class(data=form_data(step, answers, lang(), dont_know_from_store(case.answers)))
    )
    elsewhere: list[tuple[str, str]] = []
    if form.validate_on_submit():
        saved = _checked(
            form, step, merge(answers, values_from_form(step, form)), case_id, elsewhere
        )
        if saved is not None:
            now_seen = list(dict.fromkeys([*seen, *step.fields]))
            stored = answers_to_store(saved)
            unknown = dont_know_from_form(step, form, dont_know_from_store(case.answers))
            if unknown:
                stored[DONT_KNOW_KEY] = list(unknown)
            cases().save(case_id, stored, tuple(now_seen))
            return _after_save(case_id, saved, now_seen, return_to, more)
    number, about = _progress(answers, seen, step.fields)
    return render_template(
        "wizard/question.html",
        form=form,
        step=step,
        case_id=case_id,
        back_href=_back_link(case_id, step, seen, return_to),
        # after the first page: leave the questions for the answers so far and the results
        stop_href=url_for("wizard.check", case_id=case_id) if seen and not return_to else None,
        return_to=return_to,
        option_groups={
            "received_instruments": [(title, [i for i, _ in pairs]) for title, pairs in groups]
        },
        question_number=number,
        questions_about=about,
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
    case, answers = load_case(case_id)
    seen = seen_fields(case)
    asked = pages_asked(seen)
    back = (
        url_for("wizard.question", case_id=case_id, step_id=asked[-1])
        if asked
        else url_for("pages.start")
    )
    return render_template(
        "wizard/check_answers.html",
        case_id=case_id,
        rows=summary_rows(answers, lang(), seen, dont_know_from_store(case.answers)),
        back_href=back,
        more_questions=full_order_next(answers, seen) is not None,
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
