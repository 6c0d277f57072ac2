"""Blueprint "workspace": an advisor's dashboard, an organisation's cases with notes, outcomes,
frozen advice versions and handover, taking over a client's shared case, and the audit log.

Who may reach what is decided in ``navigator.web.access`` before any view here runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from werkzeug.wrappers import Response as BaseResponse

from navigator.advice.advise import Advice, fingerprint
from navigator.advice.deadlines import CalendarEntry, to_ics
from navigator.db.casework import OUTCOME_VERDICTS, AdviceVersion
from navigator.db.store import Feedback
from navigator.db.workspace import WorkspaceCase
from navigator.recommend import FIT_GROUPS
from navigator.web import accounts, cases, casework, domain, lang, today, workspace
from navigator.web.auth import StaffUser, staff
from navigator.web.mapping import answers_from_store, answers_to_store, dont_know_from_store
from navigator.web.report import pdf_of, pdf_response, report_html
from navigator.web.results import case_advice
from navigator.web.security import limiter
from navigator.web.workspace_forms import (
    OUTCOME_LABELS,
    ConfirmForm,
    HandoverForm,
    NewCaseForm,
    NoteForm,
    OutcomeForm,
    TakeOverForm,
    choices,
)
from navigator.wizard.navigation import effective_answers

bp = Blueprint("workspace", __name__, url_prefix="/workspace")
TAKE_OVER_LIMIT = "10 per minute; 50 per day"
DEADLINE_DAYS = 120


def _me() -> StaffUser:
    user = staff()
    assert user is not None  # access.authorise let only staff in
    return user


def _errors(form: Any) -> list[tuple[str, str]]:
    return [(name, str(msgs[0])) for name, msgs in form.errors.items() if name != "csrf_token"]


@dataclass(frozen=True)
class Deadline:
    """A dated step of an instrument in one of the organisation's cases."""

    due: date
    case: WorkspaceCase
    instrument_name: str
    label: str


def _held(case_id: str) -> WorkspaceCase:
    held = workspace().case(case_id)
    if held is None:
        abort(404)
    return held


def _fits(advice: Advice) -> list[Any]:
    return [r for r in advice.recommendation.results if r.group in FIT_GROUPS]


def _fit_calendar(held: list[WorkspaceCase], on: date) -> list[tuple[WorkspaceCase, CalendarEntry]]:
    """The calendar entries of the instruments that fit, per open case."""
    found = []
    for item in held:
        if item.status != "open":
            continue
        advice, _ = case_advice(item.case_id, on=on)
        fits = {r.candidate.instrument.id for r in _fits(advice)}
        found += [(item, e) for e in advice.calendar if e.instrument.id in fits]
    return found


@bp.get("/")
def dashboard() -> str:
    """The advisor's and the organisation's cases, handovers waiting, and coming deadlines."""
    me = _me()
    held = workspace().cases_of(me.organisation_id)
    on = today()
    deadlines = [
        Deadline(dated.due, item, entry.instrument.name.get(lang()), dated.label.get(lang()))
        for item, entry in _fit_calendar(held, on)
        for dated in entry.dates
        if on <= dated.due <= on + timedelta(days=DEADLINE_DAYS)
    ]
    deadlines.sort(key=lambda d: (d.due, d.instrument_name))
    people = {u.id: u.name for u in accounts().users(me.organisation_id)}
    organisations = {o.id: o.name for o in accounts().organisations()}
    return render_template(
        "workspace/dashboard.html",
        me=me,
        mine=[c for c in held if c.advisor_id == me.account.id],
        held=held,
        people=people,
        organisations=organisations,
        offers=workspace().handovers_to(me.organisation_id),
        deadlines=deadlines,
        days=DEADLINE_DAYS,
        organisation=accounts().organisation(me.organisation_id),
    )


@bp.get("/calendar.ics")
def calendar() -> Response:
    """Every dated step of the fits in the organisation's open cases, as one iCalendar file."""
    on = today()
    entries: dict[str, CalendarEntry] = {}
    for _, entry in _fit_calendar(workspace().cases_of(_me().organisation_id), on):
        entries.setdefault(entry.instrument.id, entry)
    response = Response(to_ics(entries.values(), on, lang()), mimetype="text/calendar")
    response.headers["Content-Disposition"] = "attachment; filename=navigator-workspace.ics"
    return response


@bp.route("/cases/new", methods=["GET", "POST"])
def new_case() -> BaseResponse | str:
    """Open a case for a client; the advisor then fills in the questions for the client."""
    me = _me()
    form = NewCaseForm()
    if form.validate_on_submit():
        made = workspace().create_case(
            me.organisation_id,
            me.account.id,
            form.client_name.data or "",
            form.kvk_number.data or None,
            form.contact.data or None,
        )
        casework().record("staff", "create", made.case_id, me.organisation_id, me.account.id)
        return redirect(url_for("wizard.resume", case_id=made.case_id))
    return render_template("workspace/new_case.html", form=form, errors=_errors(form))


@bp.route("/take-over", methods=["GET", "POST"])
@limiter.limit(TAKE_OVER_LIMIT, methods=["POST"])
def take_over() -> BaseResponse | str:
    """Take over a client's own case with the code the client made (their consent)."""
    me = _me()
    form = TakeOverForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"][:20]
    errors = _errors(form) if request.method == "POST" else []
    if form.validate_on_submit():
        taken = workspace().take_over(
            form.code.data or "", me.organisation_id, me.account.id, form.client_name.data or ""
        )
        if taken is not None:
            casework().record(
                "staff", "take_over", taken.case_id, me.organisation_id, me.account.id
            )
            consent = workspace().consent_for(taken.case_id)
            if consent is not None:
                casework().record(
                    "staff",
                    "consent_used",
                    consent.client_case_id,
                    me.organisation_id,
                    me.account.id,
                )
            return redirect(url_for("workspace.case", case_id=taken.case_id))
        errors = [
            ("code", gettext("This code does not work: it is wrong, used, expired or withdrawn."))
        ]
    return render_template("workspace/take_over.html", form=form, errors=errors)


def _changes(advice: Advice, last: AdviceVersion | None) -> list[dict[str, str]]:
    """What changed for this client since the last frozen version: per instrument, old and new."""
    if last is None:
        return []
    now = {r.candidate.instrument.id: r.group for r in advice.recommendation.results}
    changed = []
    for instrument_id in sorted(set(now) | set(last.groups)):
        before, after = last.groups.get(instrument_id), now.get(instrument_id)
        if before != after:
            item = domain().catalogue.get(instrument_id)
            changed.append(
                {
                    "name": item.name.get(lang()) if item else instrument_id,
                    "before": before or "",
                    "after": after or "",
                }
            )
    return changed


def _case_page(held: WorkspaceCase, **forms: Any) -> str:
    me = _me()
    advice, on = case_advice(held.case_id, on=today())
    fits = _fits(advice)
    options = [("", gettext("The case as a whole"))] + [
        (r.candidate.instrument.id, r.candidate.instrument.name.get(lang())) for r in fits
    ]
    instrument_options = [
        (i.id, i.name.get(lang()))
        for i in sorted(domain().catalogue.instruments, key=lambda i: i.name.get(lang()))
    ]
    note_form = forms.get("note_form") or NoteForm()
    note_form.instrument_id.choices = choices(options)
    outcome_form = forms.get("outcome_form") or OutcomeForm()
    outcome_form.instrument_id.choices = choices([o for o in options if o[0]] or instrument_options)
    handover_form = forms.get("handover_form") or HandoverForm()
    handover_form.organisation_id.choices = choices(
        (o.id, o.name) for o in accounts().organisations() if o.id != me.organisation_id
    )
    versions = casework().versions(held.case_id)
    outcomes = casework().outcomes(held.case_id)
    latest = {o.instrument_id: o for o in outcomes}
    people = {u.id: u.name for u in accounts().users()}
    organisations = {o.id: o.name for o in accounts().organisations()}
    return render_template(
        "workspace/case.html",
        me=me,
        held=held,
        case_id=held.case_id,
        advice=advice,
        on=on,
        fits=fits,
        notes=casework().notes(held.case_id),
        outcomes=outcomes,
        latest=latest,
        outcome_labels=OUTCOME_LABELS,
        versions=versions,
        changes=_changes(advice, versions[-1] if versions else None),
        handovers=workspace().handovers_of(held.case_id),
        consent=workspace().consent_for(held.case_id),
        people=people,
        organisations=organisations,
        note_form=note_form,
        outcome_form=outcome_form,
        handover_form=handover_form,
        confirm_form=ConfirmForm(),
        errors=forms.get("errors", []),
    )


@bp.get("/cases/<case_id>")
def case(case_id: str) -> str:
    """One case: client, fits with notes and outcomes, versions, handovers."""
    return _case_page(_held(case_id))


@bp.post("/cases/<case_id>/notes")
def add_note(case_id: str) -> BaseResponse | str:
    """Keep a note on the case or on one instrument."""
    held = _held(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _case_page(held, note_form=form, errors=_errors(form))
    me = _me()
    instrument_id = form.instrument_id.data or None
    if instrument_id and domain().catalogue.get(instrument_id) is None:
        instrument_id = None
    casework().add_note(case_id, me.account.id, form.text.data or "", instrument_id)
    workspace().touch(case_id)
    return redirect(url_for("workspace.case", case_id=case_id) + "#notes")


@bp.post("/cases/<case_id>/outcomes")
def add_outcome(case_id: str) -> BaseResponse | str:
    """Record an outcome; it also trains the ranker as an advisor-confirmed verdict."""
    held = _held(case_id)
    form = OutcomeForm()
    instrument = domain().catalogue.get(form.instrument_id.data or "")
    if not form.validate_on_submit() or instrument is None:
        errors = _errors(form) or [("instrument_id", gettext("Choose an instrument."))]
        return _case_page(held, outcome_form=form, errors=errors)
    me = _me()
    status = form.status.data
    casework().add_outcome(
        case_id,
        me.account.id,
        instrument.id,
        status,
        form.on_date.data,
        form.amount_eur.data,
        form.reason.data,
    )
    stored = cases().get(case_id)
    if stored is not None:
        answers = answers_from_store(stored.answers, on=today(), known_ids=domain().catalogue.by_id)
        cases().mark_completed(case_id)
        cases().add_feedback(
            Feedback(
                case_id,
                instrument.id,
                OUTCOME_VERDICTS[status],
                answers_to_store(effective_answers(answers)),
                today().isoformat(),
                domain().version,
                source="advisor",
            )
        )
    workspace().touch(case_id)
    return redirect(url_for("workspace.case", case_id=case_id) + "#outcomes")


@bp.post("/cases/<case_id>/versions")
def freeze(case_id: str) -> BaseResponse:
    """Freeze the advice as shared with the client now (answers, date, catalogue, results)."""
    _held(case_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    me = _me()
    stored = cases().get(case_id)
    assert stored is not None
    on = today()
    advice, _ = case_advice(case_id, on=on)
    version = casework().freeze(
        case_id,
        me.account.id,
        stored.answers,
        on,
        lang(),
        domain().version,
        advice.fingerprint,
        {r.candidate.instrument.id: r.group for r in advice.recommendation.results},
    )
    workspace().touch(case_id)
    return redirect(url_for("workspace.case", case_id=case_id) + f"#version-{version.number}")


@bp.get("/cases/<case_id>/versions/<int:number>.pdf")
def version_pdf(case_id: str, number: int) -> Response:
    """The PDF of a frozen version: the same bytes every time, while its catalogue is served."""
    _held(case_id)
    version = casework().version(case_id, number)
    if version is None:
        abort(404)
    answers = answers_from_store(
        version.answers, on=version.evaluated_on, known_ids=domain().catalogue.by_id
    )
    served = fingerprint(domain(), effective_answers(answers), version.evaluated_on)
    if served != version.fingerprint:  # other rules or facts are served now
        message = gettext(
            "This version was made with catalogue %(then)s; the catalogue served now (%(now)s) "
            "has other rules or facts, so its PDF cannot be made again. The frozen answers and "
            "results are kept.",
            then=version.catalogue_version,
            now=domain().version,
        )
        return Response(render_template("errors/error.html", code=409, name=message), 409)

    def make_html() -> str:
        with force_locale(version.language):
            dont_know = dont_know_from_store(version.answers)
            return report_html(case_id, True, answers, version.evaluated_on, dont_know)

    key = f"version:{case_id}:{number}:{version.fingerprint}:{version.language}"
    document = pdf_of(key, make_html)
    if document is not None:
        casework().set_pdf_hash(case_id, number, hashlib.sha256(document).hexdigest())
    return pdf_response(document, f"navigator-advies-{case_id[:8]}-v{number}.pdf")


@bp.post("/cases/<case_id>/handover")
def hand_over(case_id: str) -> BaseResponse | str:
    """Offer the case to another organisation, with a message; it moves when they accept."""
    held = _held(case_id)
    form = HandoverForm()
    target = accounts().organisation(form.organisation_id.data or 0)
    me = _me()
    if not form.validate_on_submit() or target is None or target.id == me.organisation_id:
        errors = _errors(form) or [("organisation_id", gettext("Choose another organisation."))]
        return _case_page(held, handover_form=form, errors=errors)
    workspace().hand_over(case_id, me.account.id, target.id, form.message.data or "")
    casework().record("staff", "hand_over", case_id, me.organisation_id, me.account.id, target.slug)
    casework().record("staff", "offered", case_id, target.id, me.account.id, target.slug)
    return redirect(url_for("workspace.case", case_id=case_id) + "#handover")


@bp.route("/handovers/<int:handover_id>", methods=["GET", "POST"])
def handover(handover_id: int) -> BaseResponse | str:
    """A handover offered to this organisation: read the message, accept or decline."""
    me = _me()
    offer = workspace().handover(handover_id)
    assert offer is not None  # access.authorise answered 404 otherwise
    held = workspace().case(offer.case_id)
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        if request.form.get("decision") == "accept":
            done = workspace().accept(handover_id, me.account.id, me.organisation_id)
            if done is not None:
                casework().record(
                    "staff", "accept", offer.case_id, me.organisation_id, me.account.id
                )
                casework().record(
                    "staff", "handed_over", offer.case_id, offer.from_organisation_id, me.account.id
                )
                return redirect(url_for("workspace.case", case_id=offer.case_id))
        elif (
            request.form.get("decision") == "decline"
            and workspace().decline(handover_id, me.organisation_id) is not None
        ):
            casework().record("staff", "decline", offer.case_id, me.organisation_id, me.account.id)
            return redirect(url_for("workspace.dashboard"))
    organisations = {o.id: o.name for o in accounts().organisations()}
    people = {u.id: u.name for u in accounts().users()}
    return render_template(
        "workspace/handover.html",
        offer=offer,
        held=held,
        me=me,
        form=form,
        organisations=organisations,
        people=people,
        receiving=offer.to_organisation_id == me.organisation_id,
    )


@bp.get("/audit")
def audit() -> str:
    """The organisation's audit log: every read and change of its cases, and refusals."""
    me = _me()
    people = {u.id: u.name for u in accounts().users()}
    return render_template(
        "workspace/audit.html",
        events=casework().audit(organisation_id=me.organisation_id),
        people=people,
        organisation=accounts().organisation(me.organisation_id),
    )
