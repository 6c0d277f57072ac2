"""Blueprint "report": the printable advice report, its PDF, and the deadline calendar (.ics)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from flask import Blueprint, Response, render_template

from navigator import paths
from navigator.advice.deadlines import to_ics
from navigator.pdf import render_pdf
from navigator.web import lang
from navigator.web.mapping import dont_know_from_store
from navigator.web.results import case_advice, render_advice
from navigator.web.security import PDF_LIMIT, limiter
from navigator.web.views import summary_rows
from navigator.web.wizard import load_case
from navigator.wizard.navigation import effective_answers

bp = Blueprint("report", __name__, url_prefix="/c/<case_id>")


# The report's style: a file for the page (the CSP allows no inline style), inlined in the PDF.
REPORT_CSS = (paths.ROOT / "navigator" / "static" / "report.css").read_text(encoding="utf-8")


def _report_html(case_id: str, for_pdf: bool) -> str:
    # Answers as question -> readable answer in the user's language, as on the check page.
    case, answers = load_case(case_id)
    rows = summary_rows(
        effective_answers(answers), lang(), dont_know=dont_know_from_store(case.answers)
    )
    return render_advice(
        "results/report.html", case_id, for_pdf=for_pdf, answer_rows=rows, report_css=REPORT_CSS
    )


@bp.get("/report")
def printable(case_id: str) -> str:
    """Show the advice report as a printable page."""
    return _report_html(case_id, for_pdf=False)


class PdfCache:
    """The last PDFs rendered in this process, keyed by a hash of their (deterministic) HTML.

    The same case, date, language and catalogue give the same HTML and so the same PDF: a
    repeated download costs a page render, not a PDF render. Bounded, thread-safe.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """Return the cached PDF, marking it recently used."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, document: bytes) -> None:
        """Keep a PDF, dropping the least recently used beyond the bound."""
        with self._lock:
            self._items[key] = document
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


CACHE = PdfCache()
# One PDF render at a time per process; a second one waits briefly, then gets a "busy" answer
# so that threads stay free for pages (the proxy also bounds PDF requests: deploy/nginx.conf).
RENDERING = threading.BoundedSemaphore(1)
WAIT_SECONDS = 0.5


@bp.get("/report.pdf")
@limiter.limit(PDF_LIMIT)
def pdf(case_id: str) -> Response:
    """Render the advice report as a PDF (WeasyPrint), from the cache when it was made before."""
    html = _report_html(case_id, for_pdf=True)
    key = hashlib.sha256(html.encode()).hexdigest()
    document = CACHE.get(key)
    if document is None:
        if not RENDERING.acquire(timeout=WAIT_SECONDS):
            busy = render_template("errors/error.html", code=503, name="busy", busy=True)
            return Response(busy, 503, headers={"Retry-After": "5"})
        try:
            document = render_pdf(html)
            CACHE.put(key, document)
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
    advice, on = case_advice(case_id)
    response = Response(to_ics(advice.calendar, on, lang()), mimetype="text/calendar")
    response.headers["Content-Disposition"] = "attachment; filename=navigator-deadlines.ics"
    return response
