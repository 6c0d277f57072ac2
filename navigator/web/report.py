"""Blueprint "report": the printable advice report, its PDF, and the deadline calendar (.ics)."""

from __future__ import annotations

from flask import Blueprint, Response

from navigator.advice.deadlines import to_ics
from navigator.web import lang
from navigator.web.results import case_advice, render_advice
from navigator.web.security import PDF_LIMIT, limiter

bp = Blueprint("report", __name__, url_prefix="/c/<case_id>")


def _report_html(case_id: str, for_pdf: bool) -> str:
    return render_advice("results/report.html", case_id, for_pdf=for_pdf)


@bp.get("/report")
def printable(case_id: str) -> str:
    """Show the advice report as a printable page."""
    return _report_html(case_id, for_pdf=False)


@bp.get("/report.pdf")
@limiter.limit(PDF_LIMIT)
def pdf(case_id: str) -> Response:
    """Render the advice report as a PDF (WeasyPrint)."""
    from weasyprint import HTML  # imported here: it is slow to import and only needed here

    html = _report_html(case_id, for_pdf=True)
    document = HTML(string=html, base_url=None).write_pdf()
    response = Response(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=navigator-advies-{case_id[:8]}.pdf"
    )
    return response


@bp.get("/calendar.ics")
def calendar(case_id: str) -> Response:
    """Download the deadlines of the matched instruments as an iCalendar file."""
    advice, on = case_advice(case_id)
    response = Response(to_ics(advice.calendar, on, lang()), mimetype="text/calendar")
    response.headers["Content-Disposition"] = "attachment; filename=navigator-deadlines.ics"
    return response
