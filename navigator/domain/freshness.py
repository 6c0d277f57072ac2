"""How fresh the catalogue is on a given date: the release gate for a catalogue version.

A record is *overdue* when its ``review_by`` date has passed, *due soon* when that date falls
within the horizon, and its window is *closed* when the published window (or its last dated
deadline) lies in the past while the record still presents it as open or as a call; it
*closes soon* when that date falls within the horizon, and its *sources are stale* when they
were last checked more than a year ago. Freshness
is a duty of whoever publishes a catalogue version, not a property of a commit: the tests
never compare the catalogue with today's date; ``navigator catalogue freshness`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from navigator.domain.catalogue import Catalogue, Instrument

FindingKind = Literal["overdue", "due_soon", "window_closed", "closes_soon", "source_stale"]
HORIZON_DAYS = 30
# Official pages are re-read at least once a year, whatever the review date says.
SOURCE_MAX_DAYS = 365


@dataclass(frozen=True)
class Finding:
    """One thing a maintainer must look at before publishing."""

    instrument_id: str
    kind: FindingKind
    due: date
    detail: str


@dataclass(frozen=True)
class FreshnessReport:
    """The findings on one date, most urgent first."""

    on: date
    findings: tuple[Finding, ...]

    @property
    def overdue(self) -> tuple[Finding, ...]:
        """Return the records past their review date (these block a release)."""
        return tuple(f for f in self.findings if f.kind == "overdue")

    @property
    def blocking(self) -> bool:
        """Tell whether a record is past its review date."""
        return bool(self.overdue)


def _review(item: Instrument, on: date, horizon: date) -> Finding | None:
    if item.review_by < on:
        days = (on - item.review_by).days
        return Finding(item.id, "overdue", item.review_by, f"review_by passed {days} days ago")
    if item.review_by <= horizon:
        days = (item.review_by - on).days
        return Finding(item.id, "due_soon", item.review_by, f"review_by in {days} days")
    return None


def _window(item: Instrument, on: date, horizon: date) -> Finding | None:
    window = item.window
    if window.status not in ("open", "call"):
        return None
    dates = [d.due for d in window.deadlines] + ([window.closes] if window.closes else [])
    dates += [r.closes for r in window.rounds if r.closes is not None]
    if not dates:
        return None
    last = max(dates)
    if last < on:
        return Finding(
            item.id, "window_closed", last, f"window shown as {window.status!r} closed on {last}"
        )
    coming = min(d for d in dates if d >= on)
    if coming <= horizon:
        return Finding(item.id, "closes_soon", coming, f"closes or has a deadline on {coming}")
    return None


def _sources(item: Instrument, on: date) -> Finding | None:
    days = (on - item.checked_on).days
    if days > SOURCE_MAX_DAYS:
        return Finding(
            item.id, "source_stale", item.checked_on, f"sources last checked {days} days ago"
        )
    return None


def freshness(catalogue: Catalogue, on: date, horizon_days: int = HORIZON_DAYS) -> FreshnessReport:
    """List records past or within ``horizon_days`` of ``review_by``, closed windows, windows
    closing within the horizon, and sources not checked for a year."""
    horizon = on + timedelta(days=horizon_days)
    found: list[Finding] = []
    for item in catalogue.instruments:
        for finding in (_review(item, on, horizon), _window(item, on, horizon), _sources(item, on)):
            if finding is not None:
                found.append(finding)
    order = {"overdue": 0, "window_closed": 1, "source_stale": 2, "due_soon": 3, "closes_soon": 4}
    found.sort(key=lambda f: (order[f.kind], f.due, f.instrument_id))
    return FreshnessReport(on, tuple(found))
