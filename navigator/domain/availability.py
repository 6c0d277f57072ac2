"""Whether one can apply for an instrument on a date: eligibility is not availability.

An instrument that fits may be open now (or continuously), open on a known later date, closed
with no next round known, or ended. The dated rounds of the record decide where they exist;
otherwise the record's window status and dates do. Plain Python: the caller passes the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from navigator.domain.catalogue import Instrument, Round

State = Literal["open", "opens", "closed", "ended"]

# "Now" in a funding route: open today, or opening within this many days.
COMING_MONTHS = timedelta(days=92)


@dataclass(frozen=True)
class Availability:
    """Where an instrument's window stands on a date.

    Attributes:
        state: open (one can apply now), opens (a known round starts later), closed (no
            round open and none known ahead), ended (the scheme has stopped).
        opens_on: the next opening, for ``opens``.
        closes_on: when the current round closes or the next cut-off falls, if known.
        expected: the next date is announced but not confirmed.
    """

    state: State
    opens_on: date | None = None
    closes_on: date | None = None
    expected: bool = False

    def applicable_soon(self, on: date) -> bool:
        """Tell whether one can apply now or within the coming months."""
        if self.state == "open":
            return True
        return (
            self.state == "opens"
            and self.opens_on is not None
            and (self.opens_on - on <= COMING_MONTHS)
        )


def _spans(rounds: list[Round]) -> list[tuple[date, date | None, Round]]:
    """Give each round a start: a cut-off without one opens after the previous round."""
    ordered = sorted(rounds, key=lambda r: r.opens or r.closes or date.min)
    spans = []
    previous: date | None = None
    for item in ordered:
        start = item.opens or (previous + timedelta(days=1) if previous else date.min)
        spans.append((start, item.closes, item))
        previous = item.closes or previous
    return spans


def _from_rounds(rounds: list[Round], on: date) -> Availability | None:
    spans = _spans(rounds)
    for start, end, item in spans:
        if start <= on and (end is None or on <= end):
            return Availability("open", closes_on=end, expected=item.expected)
    ahead = [(start, item) for start, _, item in spans if start > on]
    if ahead:
        start, item = min(ahead, key=lambda pair: pair[0])
        return Availability("opens", opens_on=start, closes_on=item.closes, expected=item.expected)
    return None


_KNOWN: dict[tuple[int, date, date | None], tuple[Instrument, Availability]] = {}


def availability(instrument: Instrument, on: date, ended_on: date | None = None) -> Availability:
    """Return the window state of ``instrument`` on ``on``.

    Args:
        instrument: the catalogue record.
        on: the evaluation date.
        ended_on: the last day the scheme's rule is in force, if it has one.
    """
    key = (id(instrument), on, ended_on)
    known = _KNOWN.get(key)
    if known is not None and known[0] is instrument:  # records are immutable
        return known[1]
    found = _availability(instrument, on, ended_on)
    if len(_KNOWN) >= 8192:
        _KNOWN.clear()
    _KNOWN[key] = (instrument, found)
    return found


def _availability(instrument: Instrument, on: date, ended_on: date | None) -> Availability:
    window = instrument.window
    if window.status == "ended" or (ended_on is not None and on > ended_on):
        return Availability("ended")
    if window.rounds:
        found = _from_rounds(window.rounds, on)
        if found is not None:
            return found
        # Every known round lies in the past: a continuous scheme stays open, others closed.
        if window.mode in ("continuous", "first_come") and window.status == "open":
            return Availability("open")
        return Availability("closed")
    if window.opens and on < window.opens:
        return Availability("opens", opens_on=window.opens, closes_on=window.closes)
    if window.closes and on > window.closes:
        return Availability("closed")
    if window.status in ("open", "call"):
        return Availability("open", closes_on=window.closes)
    return Availability("closed")
