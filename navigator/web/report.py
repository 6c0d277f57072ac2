"""Blueprint "report": the printable advice report, its PDF, and the deadline calendar (.ics)."""

from __future__ import annotations

import threading

from flask import Blueprint, Response, render_template

from navigator import paths
from navigator.advice.advise import fingerprint
from navigator.advice.deadlines import to_ics
from navigator.pdf import render_pdf
from navigator.web import domain, lang
from navigator.web.cache import app_cache
from navigator.web.results import case_advice, evaluation_date, render_advice
from navigator.web.security import PDF_LIMIT, limiter
from navigator.web.views import summary_rows
from navigator.web.wizard import load_case
from navigator.wizard.navigation import effective_answers

bp = Blueprint("report", __name__, url_prefix="/c/<case_id>")


# The report's style: a file for the page (the CSP allows no inline style), inlined in the PDF.
REPORT_CSS = (paths.ROOT / "navigator" / "static" / "report.css").read_text(encoding="utf-8")


def _report_html(case_id: str, for_pdf: bool) -> str:
    # Answers as question -> readable answer in the user's language, as on the check page.
    _, answers = load_case(case_id)
    rows = summary_rows(effective_answers(answers), lang())
    return render_advice(
        "results/report.html", case_id, for_pdf=for_pdf, answer_rows=rows, report_css=REPORT_CSS
    )


@bp.get("/report")
def printable(case_id: str) -> str:
    """Show the advice report as a printable page."""
    return _report_html(case_id, for_pdf=False)


# Made once per case, fingerprint (answers, date, catalogue and rules) and language: a repeated
# download costs a database read and a hash, no advice and no render.
PDFS, CALENDARS = ("pdfs", 64), ("calendars", 256)


def _key(case_id: str) -> str:
    _, answers = load_case(case_id)
    on = evaluation_date()
    return f"{case_id}:{fingerprint(domain(), effective_answers(answers), on)}:{lang()}"


# One PDF render at a time per process; a second one waits briefly, then gets a "busy" answer
# so that threads stay free for pages (the proxy also bounds PDF requests: deploy/nginx.conf).
RENDERING = threading.BoundedSemaphore(1)
WAIT_SECONDS = 0.5


@bp.get("/report.pdf")
@limiter.limit(PDF_LIMIT)
def pdf(case_id: str) -> Response:
    """Render the advice report as a PDF (WeasyPrint), from the cache when it was made before."""
    key = _key(case_id)
    document = app_cache(*PDFS).get(key)
    if document is None:
        html = _report_html(case_id, for_pdf=True)
        if not RENDERING.acquire(timeout=WAIT_SECONDS):
            busy = render_template("errors/error.html", code=503, name="busy", busy=True)
            return Response(busy, 503, headers={"Retry-After": "5"})
        try:
            document = render_pdf(html)
            app_cache(*PDFS).put(key, document)
        finally:
            RENDERING.release()
    response = Response(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=navigator-advies-{case_id[:8]}.pdf"
    )
    return response


@bp.get("/calendar.ics")
def calendar(case_id: str) -> Response:
    """Download the deadlines of the matched instruments as an iCalendar file."""

    def make() -> bytes:
        advice, on = case_advice(case_id)
        return to_ics(advice.calendar, on, lang())

    response = Response(
        app_cache(*CALENDARS).get_or_make(_key(case_id), make), mimetype="text/calendar"
    )
    response.headers["Content-Disposition"] = "attachment; filename=navigator-deadlines.ics"
    return response
