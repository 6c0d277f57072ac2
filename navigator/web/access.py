"""Authorisation in one place: who may reach which endpoint and which case.

Every request passes ``authorise`` before its view runs:

- a case an organisation holds (``/c/<case_id>/…``, ``/workspace/cases/<case_id>/…`` and the
  workspace API) is open only to logged-in advisors of that organisation, and never after the
  client withdrew consent; every read and change of it, and every refused attempt, is written
  to the audit log;
- a client's own case stays reachable by its unguessable link only, as before, but the pages
  that share or delete a case are the client's, never an organisation's;
- workspace endpoints need the roles listed in ``ENDPOINT_ROLES``; a workspace endpoint missing
  from that table is refused (safe by default, and a test checks the table is complete).
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask.typing import ResponseReturnValue

from navigator.web import casework, held_case, workspace
from navigator.web.auth import StaffUser, login_manager, staff

ADVISORS = frozenset({"advisor", "org_admin"})
ORG_ADMINS = frozenset({"org_admin"})
MAINTAINERS = frozenset({"maintainer", "reviewer"})
REVIEWERS = frozenset({"reviewer"})
PROTECTED_BLUEPRINTS = ("workspace", "workspace_api", "studio")
ENDPOINT_ROLES: dict[str, frozenset[str]] = {
    "workspace.dashboard": ADVISORS,
    "workspace.calendar": ADVISORS,
    "workspace.new_case": ADVISORS,
    "workspace.take_over": ADVISORS,
    "workspace.case": ADVISORS,
    "workspace.add_note": ADVISORS,
    "workspace.add_outcome": ADVISORS,
    "workspace.freeze": ADVISORS,
    "workspace.version_pdf": ADVISORS,
    "workspace.hand_over": ADVISORS,
    "workspace.handover": ADVISORS,
    "workspace.audit": ORG_ADMINS,
    "workspace_api.cases": ADVISORS,
    "workspace_api.case": ADVISORS,
    "studio.dashboard": MAINTAINERS,
    "studio.new_draft": MAINTAINERS,
    "studio.edit": MAINTAINERS,
    "studio.version": MAINTAINERS,
    "studio.submit": MAINTAINERS,
    "studio.diff": MAINTAINERS,
    "studio.audit": MAINTAINERS,
    "studio.from_outcomes": MAINTAINERS,
    "studio.review": REVIEWERS,
    "studio.revert": REVIEWERS,
}
# Pages of a client's own case that an organisation's copy does not have.
CLIENT_ONLY = frozenset({"sharing.share", "sharing.create", "sharing.withdraw", "wizard.delete"})


def _refuse(user: StaffUser | None, case_id: str | None, organisation_id: int | None) -> None:
    if case_id is not None:
        casework().record(
            "staff" if user else "anonymous",
            "refused",
            case_id,
            organisation_id,
            user.account.id if user else None,
            request.endpoint or "",
        )
    abort(403)


def _check_endpoint(endpoint: str, user: StaffUser | None) -> ResponseReturnValue | None:
    """Workspace endpoints: logged in (else to the login page, or 401 for the API), with a
    role the table allows."""
    if endpoint.split(".", 1)[0] not in PROTECTED_BLUEPRINTS:
        return None
    if user is None:
        return login_manager.unauthorized()
    roles = ENDPOINT_ROLES.get(endpoint)
    if roles is None or user.role not in roles:
        _refuse(user, None, None)
    return None


def _check_handover(handover_id: int, user: StaffUser | None, endpoint: str) -> None:
    """A handover is seen by the offering and the receiving organisation only."""
    offer = workspace().handover(handover_id)
    if offer is None or user is None:
        abort(404)
    if user.organisation_id not in (offer.to_organisation_id, offer.from_organisation_id):
        _refuse(user, offer.case_id, offer.from_organisation_id)
    casework().record(
        "staff", "read", offer.case_id, user.organisation_id, user.account.id, endpoint
    )


def _check_case(case_id: str, user: StaffUser | None, endpoint: str) -> None:
    """An organisation's case: its own advisors only, never after consent was withdrawn."""
    held = held_case()
    if held is None:
        if endpoint.split(".", 1)[0] in PROTECTED_BLUEPRINTS:
            abort(404)  # a client's own case is never a workspace page
        return  # a client's own case: its unguessable link is the key
    if endpoint in CLIENT_ONLY:
        _refuse(user, case_id, held.organisation_id)
    if user is None and request.path.startswith("/api/"):
        abort(401)
    if (
        user is None
        or held.withdrawn
        or user.role not in ADVISORS
        or user.organisation_id != held.organisation_id
    ):
        _refuse(user, case_id, held.organisation_id)
    assert user is not None
    action = "read" if request.method in ("GET", "HEAD") else "change"
    casework().record("staff", action, case_id, held.organisation_id, user.account.id, endpoint)


def authorise() -> ResponseReturnValue | None:
    """Refuse the request (401/403/404) unless the current user may make it."""
    endpoint = request.endpoint or ""
    user = staff()
    login_first = _check_endpoint(endpoint, user)
    if login_first is not None:
        return login_first
    args = request.view_args or {}
    handover_id = args.get("handover_id")
    if isinstance(handover_id, int):
        _check_handover(handover_id, user, endpoint)
    case_id = args.get("case_id")
    if isinstance(case_id, str):
        _check_case(case_id, user, endpoint)
    return None


def init_access(app: Flask) -> None:
    """Run ``authorise`` before every view of ``app``."""
    app.before_request(authorise)
