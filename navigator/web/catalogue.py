"""Blueprint "catalogue": the public, searchable list of instruments, each instrument's page
and the catalogue as CSV open data."""

from __future__ import annotations

from typing import get_args

from flask import Blueprint, Response, abort, render_template, request

from navigator.domain.catalogue import REGIONS, STAGES, Kind, WindowStatus
from navigator.domain.search import Filters, bodies, search, to_csv
from navigator.web import domain

bp = Blueprint("catalogue", __name__)


def _filters() -> Filters:
    allowed = {
        "kind": get_args(Kind),
        "region": REGIONS,
        "stage": STAGES,
        "status": get_args(WindowStatus),
        "body": tuple(bodies(domain().catalogue)),
    }
    values = {key: request.args.get(key, "") for key in allowed}
    # Unknown filter values are ignored rather than answered with an error page.
    clean = {key: (v if v in allowed[key] else "") for key, v in values.items()}
    return Filters(q=request.args.get("q", "")[:100].strip(), **clean)


@bp.get("/instrumenten")
def index() -> str:
    """List the instruments that match the search and filters."""
    filters = _filters()
    catalogue = domain().catalogue
    return render_template(
        "catalogue/index.html",
        filters=filters,
        instruments=search(catalogue, filters),
        total=len(catalogue.instruments),
        options={
            "kind": get_args(Kind),
            "body": bodies(catalogue),
            "region": REGIONS,
            "stage": STAGES,
            "status": get_args(WindowStatus),
        },
    )


@bp.get("/instrumenten/<instrument_id>")
def detail(instrument_id: str) -> str:
    """Show one instrument with its facts, rule and sources."""
    navigator = domain()
    item = navigator.catalogue.get(instrument_id) or abort(404)
    rule = navigator.rulebook.rules[item.id]
    return render_template("catalogue/detail.html", item=item, rule=rule)


@bp.get("/instrumenten.csv")
def download() -> Response:
    """Download the catalogue as CSV."""
    navigator = domain()
    dutch = request.args.get("dialect") == "nl"
    response = Response(to_csv(navigator.catalogue, dutch), mimetype="text/csv; charset=utf-8")
    suffix = "-nl" if dutch else ""
    filename = f"navigator-catalogue-{navigator.version}{suffix}.csv"
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response
