"""The deadline calendar of the instruments that match a profile, and its iCalendar export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from icalendar import Alarm

from navigator.domain.availability import availability
from navigator.domain.catalogue import Instrument
from navigator.domain.text import Text

State = Literal["open", "open_first_come", "call_open", "opening_soon", "closed", "ended"]
SOON = timedelta(days=90)


@dataclass(frozen=True)
class Dated:
    """A date in an instrument's calendar: it opens, it closes, or a deadline."""

    due: date
    kind: Literal["opens", "closes", "deadline"]
    label: Text


@dataclass(frozen=True)
class CalendarEntry:
    """One matched instrument with its window state and its coming dates."""

    instrument: Instrument
    state: State
    dates: tuple[Dated, ...]


def state_on(instrument: Instrument, on: date) -> State:
    """Return the window state on ``on``: open, first come first served, call, soon, closed.

    The state follows the record's dated rounds (``navigator.domain.availability``), so the
    calendar and the results page never disagree.
    """
    state = availability(instrument, on)
    if state.state == "ended":
        return "ended"
    if state.state == "opens":
        soon = state.opens_on is not None and state.opens_on - on <= SOON
        return "opening_soon" if soon else "closed"
    if state.state == "closed":
        return "closed"
    if instrument.window.mode == "first_come":
        return "open_first_come"
    if state.closes_on is not None or instrument.window.status == "call":
        return "call_open"
    return "open"


def _dates(instrument: Instrument, on: date) -> tuple[Dated, ...]:
    window = instrument.window
    found = []
    if window.opens and window.opens > on:
        found.append(Dated(window.opens, "opens", Text(nl="Opent", en="Opens")))
    if window.closes and window.closes >= on:
        found.append(Dated(window.closes, "closes", Text(nl="Sluit", en="Closes")))
    for item in window.rounds:
        if item.opens and item.opens > on:
            found.append(Dated(item.opens, "opens", _round_label("Opent", "Opens", item.label)))
        if item.closes and item.closes >= on:
            found.append(Dated(item.closes, "closes", _round_label("Sluit", "Closes", item.label)))
    found += [Dated(d.due, "deadline", d.label) for d in window.deadlines if d.due >= on]
    unique = {(d.due, d.kind): d for d in found}
    return tuple(sorted(unique.values(), key=lambda d: (d.due, d.kind)))


def _round_label(nl: str, en: str, label: Text) -> Text:
    return Text(nl=f"{nl} ({label.nl})", en=f"{en} ({label.en})")


def calendar_for(instruments: Iterable[Instrument], on: date) -> list[CalendarEntry]:
    """Return the calendar of the given (matched) instruments, soonest date first."""
    entries = [CalendarEntry(i, state_on(i, on), _dates(i, on)) for i in instruments]
    entries = [e for e in entries if e.state != "ended"]
    far = date.max
    return sorted(entries, key=lambda e: (e.dates[0].due if e.dates else far, e.instrument.id))


# Reminders before each date: two weeks and two days before a closing date or deadline
# (time to prepare, a last call); one week before an opening (first come, first served).
REMINDERS: dict[str, tuple[int, ...]] = {"closes": (14, 2), "deadline": (14, 2), "opens": (7,)}
REMINDER_TEXT = {
    "nl": "Over {days} dagen: {summary}",
    "en": "In {days} days: {summary}",
}


def _alarms(kind: str, summary: str, lang: str) -> list[Alarm]:
    from icalendar import Alarm  # only when a calendar file is asked for

    alarms = []
    for days in REMINDERS[kind]:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add(
            "description",
            REMINDER_TEXT.get(lang, REMINDER_TEXT["en"]).format(days=days, summary=summary),
        )
        alarms.append(alarm)
    return alarms


def to_ics(entries: Iterable[CalendarEntry], on: date, lang: str) -> bytes:
    """Return an iCalendar file with one all-day event per coming date, each with reminders.

    The timestamp is the evaluation date, so the same case gives the same file.
    """
    from icalendar import Calendar, Event  # only when a calendar file is asked for

    calendar = Calendar()
    calendar.add("prodid", "-//Navigator//innovation funding deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Navigator")
    stamp = datetime(on.year, on.month, on.day, tzinfo=UTC)
    for entry in entries:
        name = entry.instrument.name.get(lang)
        for dated in entry.dates:
            event = Event()
            event.add(
                "uid", f"{entry.instrument.id}-{dated.kind}-{dated.due.isoformat()}@navigator"
            )
            event.add("dtstamp", stamp)
            event.add("dtstart", dated.due)
            event.add("dtend", dated.due + timedelta(days=1))
            summary = f"{dated.label.get(lang)}: {name}"
            event.add("summary", summary)
            event.add(
                "description",
                f"{entry.instrument.window.note.get(lang)}\n{entry.instrument.application.url}",
            )
            event.add("url", entry.instrument.application.url)
            for alarm in _alarms(dated.kind, summary, lang):
                event.add_component(alarm)
            calendar.add_component(event)
    return bytes(calendar.to_ical())
