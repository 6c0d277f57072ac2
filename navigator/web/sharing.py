"""Blueprint "sharing": a client shares their own case with an advisor through a short code,
sees every consent they gave and what was done with their case, and withdraws consent."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectField
from wtforms.validators import AnyOf

from navigator.web import accounts, casework, workspace
from navigator.web.security import FEEDBACK_LIMIT, limiter
from navigator.web.wizard import load_case
from navigator.web.workspace_forms import choices

bp = Blueprint("sharing", __name__, url_prefix="/c/<case_id>/share")

PURPOSES = {
    "funding_advice": lazy_gettext("Advice on funding for my plans"),
    "application": lazy_gettext("Help with an application"),
    "referral": lazy_gettext("Referral to the right organisation"),
}


class ShareForm(FlaskForm):
    """What the advisor may use the case for."""

    purpose = SelectField(
        lazy_gettext("What may the advisor use your case for?"),
        choices=choices(PURPOSES.items()),
        validators=[AnyOf(list(PURPOSES))],
    )


class WithdrawForm(FlaskForm):
    """Withdraw a consent (a POST with a CSRF token)."""


def _page(case_id: str, form: ShareForm, code: str | None = None) -> str:
    consents = workspace().consents_of(case_id)
    organisations = {o.id: o.name for o in accounts().organisations()}
    copies = tuple(c.workspace_case_id for c in consents if c.workspace_case_id)
    events = casework().audit(case_ids=(*copies, case_id))
    return render_template(
        "sharing/share.html",
        case_id=case_id,
        form=form,
        withdraw_form=WithdrawForm(),
        code=code,
        hours=current_app.config["SHARE_CODE_HOURS"],
        consents=consents,
        organisations=organisations,
        purposes=PURPOSES,
        events=events,
    )


@bp.get("")
def share(case_id: str) -> str:
    """Explain sharing, list the consents given and the events on the shared copies."""
    load_case(case_id)
    return _page(case_id, ShareForm())


@bp.post("")
@limiter.limit(FEEDBACK_LIMIT)
def create(case_id: str) -> str:
    """Make a share code (shown once; kept only as a hash)."""
    load_case(case_id)
    form = ShareForm()
    code = None
    if form.validate_on_submit():
        code = workspace().share(
            case_id, form.purpose.data, hours=current_app.config["SHARE_CODE_HOURS"]
        )
        casework().record("client", "consent", case_id, detail=form.purpose.data)
    return _page(case_id, form, code)


@bp.post("/<int:consent_id>/withdraw")
def withdraw(case_id: str, consent_id: int) -> Response:
    """Withdraw a consent: the organisation loses access and its copy is anonymised."""
    load_case(case_id)
    if not WithdrawForm().validate_on_submit():
        abort(400)
    consent = workspace().withdraw(case_id, consent_id)
    if consent is None:
        abort(404)
    casework().record("client", "withdraw", case_id, consent.organisation_id)
    if consent.workspace_case_id:
        casework().record(
            "client", "anonymised", consent.workspace_case_id, consent.organisation_id
        )
    return redirect(url_for("sharing.share", case_id=case_id))
