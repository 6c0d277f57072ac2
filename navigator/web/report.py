"""Blueprint "report": the printable advice report, its PDF, and the deadline calendar (.ics)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from flask import Blueprint, Response, render_template

from navigator import paths
from navigator.advice.advise import fingerprint
from navigator.advice.deadlines import to_ics
from navigator.domain.answers import Answers
from navigator.pdf import render_pdf
from navigator.web import domain, lang
from navigator.web.cache import app_cache
from navigator.web.mapping import dont_know_from_store
from navigator.web.results import case_advice, evaluation_date, render_advice
from navigator.web.security import PDF_LIMIT, limiter
from navigator.web.views import summary_rows
from navigator.web.wizard import load_case
from navigator.wizard.navigation import effective_answers

bp = Blueprint("report", __name__, url_prefix="/c/<case_id>")


# The report's style: a file for the page (the CSP allows no inline style), inlined in the PDF.
REPORT_CSS = (paths.ROOT / "navigator" / "static" / "report.css").read_text(encoding="utf-8")


def report_html(
    case_id: str,
    for_pdf: bool,
    answers: Answers | None = None,
    on: date | None = None,
    dont_know: tuple[str, ...] = (),
) -> str:
    """The report of a case (or of the given answers and date: a frozen version)."""
    if answers is None:
        case, answers = load_case(case_id)
        dont_know = dont_know_from_store(case.answers)
    # Answers as question -> readable answer in the user's language, as on the check page.
    rows = summary_rows(effective_answers(answers), lang(), dont_know=dont_know)
    return render_advice(
        "results/report.html",
        case_id,
        answers,
        on,
        dont_know=dont_know,
        for_pdf=for_pdf,
        answer_rows=rows,
        report_css=REPORT_CSS,
    )


@bp.get("/report")
def printable(case_id: str) -> str:
    """Show the advice report as a printable page."""
    return report_html(case_id, for_pdf=False)


# Made once per case, fingerprint (answers, date, catalogue and rules) and language: a repeated
# download costs a database read and a hash, no advice and no render.
PDFS, CALENDARS = ("pdfs", 64), ("calendars", 256)


def _key(case_id: str) -> str:
    case, answers = load_case(case_id)
    on = evaluation_date()
    # "weet ik niet" changes what the report says, not the advice: it is part of the key
    unknown = ",".join(sorted(dont_know_from_store(case.answers)))
    return f"{case_id}:{fingerprint(domain(), effective_answers(answers), on)}:{lang()}:{unknown}"


# One PDF render at a time per process; a second one waits briefly, then gets a "busy" answer
# so that threads stay free for pages (the proxy also bounds PDF requests: deploy/nginx.conf).
RENDERING = threading.BoundedSemaphore(1)
WAIT_SECONDS = 0.5


def pdf_of(key: str, make_html: Callable[[], str]) -> bytes | None:
    """The PDF kept under ``key``, or rendered from ``make_html()``; None when busy."""
    document: bytes | None = app_cache(*PDFS).get(key)
    if document is None:
        html = make_html()
        if not RENDERING.acquire(timeout=WAIT_SECONDS):
            return None
        try:
            document = render_pdf(html)
            app_cache(*PDFS).put(key, document)
        finally:
            RENDERING.release()
    return document


def pdf_response(document: bytes | None, filename: str) -> Response:
    """Send a PDF as a download, or a "busy, try again" page when no render slot was free."""
    if document is None:
        busy = render_template("errors/error.html", code=503, name="busy", busy=True)
        return Response(busy, 503, headers={"Retry-After": "5"})
    response = Response(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


@bp.get("/report.pdf")
@limiter.limit(PDF_LIMIT)
def pdf(case_id: str) -> Response:
    """Render the advice report as a PDF (WeasyPrint), from the cache when it was made before."""
    document = pdf_of(_key(case_id), lambda: report_html(case_id, for_pdf=True))
    return pdf_response(document, f"navigator-advies-{case_id[:8]}.pdf")


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
