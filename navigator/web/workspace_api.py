"""Blueprint "workspace_api": an organisation's cases as JSON, for the advisor's own tools.

Uses the staff session (same origin); access is decided in ``navigator.web.access``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify

from navigator.web import casework, today, workspace
from navigator.web.auth import staff
from navigator.web.results import case_advice

bp = Blueprint("workspace_api", __name__, url_prefix="/api/v1/workspace")


def _summary(item: Any) -> dict[str, Any]:
    return {
        "case_id": item.case_id,
        "client_name": item.client_name,
        "kvk_number": item.kvk_number,
        "status": item.status,
        "origin": item.origin,
        "advisor_id": item.advisor_id,
        "updated_at": item.updated_at.isoformat(),
    }


@bp.get("/cases")
def cases() -> Any:
    """The cases the advisor's organisation holds."""
    me = staff()
    assert me is not None
    return jsonify({"cases": [_summary(c) for c in workspace().cases_of(me.organisation_id)]})


@bp.get("/cases/<case_id>")
def case(case_id: str) -> Any:
    """One case: its client, current groups per instrument, notes, outcomes and versions."""
    held = workspace().case(case_id)
    if held is None:
        abort(404)
    advice, on = case_advice(case_id, on=today())
    return jsonify(
        {
            **_summary(held),
            "evaluated_on": on.isoformat(),
            "fingerprint": advice.fingerprint,
            "groups": {r.candidate.instrument.id: r.group for r in advice.recommendation.results},
            "notes": [
                {"instrument_id": n.instrument_id, "text": n.text, "at": n.created_at.isoformat()}
                for n in casework().notes(case_id)
            ],
            "outcomes": [
                {
                    "instrument_id": o.instrument_id,
                    "status": o.status,
                    "on": o.on_date.isoformat() if o.on_date else None,
                    "amount_eur": o.amount_eur,
                    "reason": o.reason,
                }
                for o in casework().outcomes(case_id)
            ],
            "versions": [
                {
                    "number": v.number,
                    "evaluated_on": v.evaluated_on.isoformat(),
                    "catalogue_version": v.catalogue_version,
                    "fingerprint": v.fingerprint,
                }
                for v in casework().versions(case_id)
            ],
        }
    )
