"""View models: turn domain objects into plain values that templates arrange."""

from __future__ import annotations

import textwrap
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext
from flask_wtf import FlaskForm

from navigator.advice.route import PHASES, FundingRoute
from navigator.domain.answers import Answers
from navigator.domain.catalogue import Amount, Instrument
from navigator.domain.preferences import amount_fit
from navigator.domain.vocabulary import FIELDS
from navigator.recommend import Result
from navigator.rules.nearmiss import NearMiss
from navigator.web import client_voice, domain, lang
from navigator.web.filters import euro, long_date
from navigator.wizard.navigation import active_steps, step_for_field
from navigator.wizard.questions import N_, QUESTIONS
from navigator.wizard.steps import Step

KIND_LABELS = {
    "subsidy": N_("Subsidy"),
    "tax": N_("Tax scheme"),
    "loan": N_("Loan"),
    "equity": N_("Equity"),
    "guarantee": N_("Guarantee"),
    "procurement": N_("Procurement"),
    "network": N_("Advice and network"),
}
WINDOW_LABELS = {
    "open": N_("Open"),
    "call": N_("Call open"),
    "closed": N_("Closed at the moment"),
    "ended": N_("Ended"),
}
AWARD_LABELS = {
    "entitlement": N_("An entitlement: whoever meets the conditions gets it."),
    "assessed": N_(
        "The funding body assesses each application; meeting the conditions is not yet an award."
    ),
    "committee": N_("An assessment committee judges each application."),
    "competitive": N_("Applications compete: they are scored and ranked against each other."),
    "investment": N_("The fund or investor decides whether to invest."),
    "procurement": N_("The government buyer chooses among the bids."),
    "advice": N_("Advice and referral; no funding of its own."),
}
# Results groups (navigator.recommend.GROUPS) in a line of text, e.g. what changed for a client.
GROUP_LABELS = {
    "open": N_("Fits, open now"),
    "opens": N_("Fits, opens later"),
    "closed": N_("Fits, closed now"),
    "other_form": N_("Fits, in a form the client did not choose"),
    "advice": N_("Advice and network"),
    "unknown": N_("More information needed"),
    "ineligible": N_("Does not fit"),
    "ended": N_("Ended"),
    "": N_("Not in the catalogue"),
}
# What the audit log records, as a line a client or an organisation admin reads.
AUDIT_LABELS = {
    "read": N_("looked at the case"),
    "change": N_("changed the case"),
    "create": N_("opened the case"),
    "take_over": N_("took over the case with consent"),
    "consent": N_("a share code was made"),
    "consent_used": N_("the share code was used"),
    "withdraw": N_("consent was withdrawn"),
    "anonymised": N_("the copy was anonymised"),
    "hand_over": N_("offered the case to another organisation"),
    "offered": N_("was offered the case"),
    "accept": N_("accepted the case"),
    "handed_over": N_("the case moved to the receiving organisation"),
    "decline": N_("declined the case"),
    "refused": N_("was refused access"),
    "login": N_("logged in"),
    "sso_refused": N_("single sign-on refused"),
    "studio_draft": N_("started a draft"),
    "studio_edit": N_("edited the draft"),
    "studio_case": N_("added a rule case from an outcome"),
    "studio_submit": N_("submitted for review"),
    "studio_publish": N_("approved and published"),
    "studio_reject": N_("sent back to the author"),
    "studio_revert": N_("reverted to an earlier version"),
}
# What the freshness check found, in a word for the studio.
FRESHNESS_LABELS = {
    "overdue": N_("Past its review date"),
    "due_soon": N_("Review date soon"),
    "window_closed": N_("Shown as open, but closed"),
    "closes_soon": N_("Closes soon"),
    "source_stale": N_("Sources not checked for a year"),
}
WARNING_LABELS = {"stop": N_("Over the limit"), "caution": N_("Check"), "tip": N_("Tip")}
CALENDAR_LABELS = {
    "open": N_("Open"),
    "open_first_come": N_("Open, first come first served"),
    "call_open": N_("Call open"),
    "opening_soon": N_("Opening soon"),
    "closed": N_("Closed at the moment"),
    "ended": N_("Ended"),
}
MONEY_FIELDS = (
    "annual_turnover_eur",
    "balance_sheet_total_eur",
    "funding_need_eur",
    "private_cofinancing_eur",
    "de_minimis_received_eur",
)


def display_value(name: str, value: Any, lang: str) -> str:
    """Return an answer as the user should read it."""
    spec = FIELDS[name]
    question = QUESTIONS[name]
    if spec.kind == "bool":
        return gettext("Yes") if value else gettext("No")
    if spec.kind == "enum":
        return gettext(question.options.get(value, value))
    if name in MONEY_FIELDS:
        return euro(value)
    if spec.kind in ("number", "int"):
        text = f"{value:g}".replace(".", ",") if lang == "nl" else f"{value:g}"
        return f"{text} {gettext(question.suffix)}".strip() if question.suffix else text
    if not value:
        return gettext("None")
    if spec.kind == "id_list":
        names = domain().catalogue.by_id
        return ", ".join(names[v].name.get(lang) if v in names else v for v in value)
    return ", ".join(gettext(question.options.get(v, v)) for v in value)


def form_errors(form: FlaskForm, step: Step) -> list[tuple[str, str]]:
    """Return (target id, message) pairs for the error summary, in question order.

    Radios and checkboxes link to their first option, as the GOV.UK pattern asks.
    """
    errors = []
    for name in step.fields:
        field = form[name]
        if field.errors:
            grouped = field.type in ("RadioField", "CheckboxesField")
            errors.append((f"{field.id}-0" if grouped else field.id, str(field.errors[0])))
    if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
        errors.append(
            (
                "",
                gettext(
                    "This page was open too long. Your answers were not saved; please try again."
                ),
            )
        )
    return errors


def summary_rows(
    answers: Answers,
    lang: str,
    seen: Collection[str] | None = None,
    dont_know: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Return one row per question of the active steps (only those asked, when ``seen`` is
    given), with its change link. "I don't know" (``dont_know``) is an answer of its own,
    distinct from a question left unanswered.
    """
    rows = []
    advisor = client_voice(answers)
    for step in active_steps(answers):
        for name in step.fields:
            if seen is not None and name not in seen:
                continue
            value = answers.get(name)
            rows.append(
                {
                    "field": name,
                    "label": gettext(QUESTIONS[name].label_for(advisor)),
                    "value": None if value is None else display_value(name, value, lang),
                    "dont_know": value is None and name in dont_know,
                    "step_id": step.id,
                }
            )
    return rows


def current_amounts(instrument: Instrument, on: date) -> list[Amount]:
    """Return the amounts that hold on the evaluation date, awards first."""
    return sorted(instrument.amounts_on(on), key=lambda a: a.scope != "award")


def availability_text(result: Result) -> str:
    """Say whether one can apply now, from when, or that the scheme is closed or ended."""
    state = result.availability
    if state.state == "ended":
        return gettext("Ended")
    if state.state == "opens" and state.opens_on is not None:
        text = gettext("Opens on %(date)s", date=long_date(state.opens_on))
        return text + (" " + gettext("(expected)") if state.expected else "")
    if state.state == "closed":
        return gettext("Closed now; next round not known yet")
    if state.closes_on is not None:
        return gettext("Open until %(date)s", date=long_date(state.closes_on))
    return gettext("Open")


def amount_text(result: Result, answers: Answers, on: date) -> str | None:
    """Compare the amount sought with the instrument's award range, honestly."""
    fit = amount_fit(answers, result.candidate.instrument, on)
    need = euro(fit.need)
    if fit.fit == "in_range":
        return gettext(
            "The %(need)s you seek lies within what this scheme provides (up to %(max)s).",
            need=need,
            max=euro(fit.high),
        )
    if fit.fit == "above_max":
        return gettext(
            "The %(need)s you seek is more than this scheme provides (at most %(max)s): "
            "combine it with other funding.",
            need=need,
            max=euro(fit.high),
        )
    if fit.fit == "below_min":
        return gettext(
            "The %(need)s you seek is less than this scheme's minimum (%(min)s).",
            need=need,
            min=euro(fit.low),
        )
    if fit.fit == "share_of_costs":
        return gettext("The amount is a share of your project costs.")
    return None


@dataclass
class Card:
    """Everything an instrument card shows."""

    result: Result
    instrument: Instrument
    amounts: list[Amount]
    missing: list[dict[str, str]] = field(default_factory=list)
    not_checked: list[Any] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    availability: str = ""
    award: str = ""
    amount_fit: str | None = None


def card(
    result: Result,
    case_id: str | None,
    on: date,
    near_misses: list[NearMiss] | None = None,
    answers: Answers | None = None,
) -> Card:
    """Build the card of one result; missing answers link back into the wizard."""
    instrument = result.candidate.instrument
    missing = []
    for name in result.evaluation.missing:
        link = ""
        if case_id:
            step = step_for_field(name)
            link = url_for("wizard.question", case_id=case_id, step_id=step.id, return_to="results")
        label = gettext(QUESTIONS[name].label_for(client_voice(answers)))
        missing.append({"field": name, "label": label, "url": link})
    rule = domain().rulebook.rules[instrument.id]
    language = lang()
    changes = [miss.text(language) for miss in near_misses or []]
    amounts = current_amounts(instrument, on)
    return Card(
        result,
        instrument,
        amounts,
        missing,
        list(rule.not_checked),
        changes,
        availability_text(result),
        gettext(AWARD_LABELS[instrument.award]),
        amount_text(result, answers, on) if answers is not None else None,
    )


def row(result: Result, near_misses: list[NearMiss] | None = None) -> Card:
    """Build the compact card of an instrument that is not offered: why not, what would help."""
    language = lang()
    return Card(
        result,
        result.candidate.instrument,
        [],
        near_misses=[miss.text(language) for miss in near_misses or []],
        availability=availability_text(result),
    )


SUMMARY_SIZE = 5


def first_sentence(text: str) -> str:
    """Return the first sentence (or clause before a semicolon) of a text."""
    for mark in (". ", "; "):
        if mark in text:
            text = text.split(mark, 1)[0]
    return text.rstrip(".;") + "."


def summary_items(cards: list[Card], calendar: list[Any], lang: str) -> list[dict[str, Any]]:
    """Return at most five things to act on now: why, the amount in reach, the step, its date.

    ``cards`` are the fits that are open now, most relevant first; the date is the next dated
    step of the instrument's calendar entry (a deadline, a closing date or a cut-off).
    """
    dates = {entry.instrument.id: entry.dates for entry in calendar}
    items = []
    for item in cards[:SUMMARY_SIZE]:
        instrument = item.instrument
        why = item.result.score.why
        awards = [a for a in item.amounts if a.scope == "award"]
        coming = dates.get(instrument.id, ())
        items.append(
            {
                "id": instrument.id,
                "name": instrument.name.get(lang),
                "why": why[0].get(lang) if why else item.award,
                "amount": awards[0].label.get(lang) if awards else None,
                "step": first_sentence(instrument.application.how.get(lang)),
                "date": coming[0] if coming else None,
            }
        )
    return items


PHASE_TITLES = {"now": N_("Now"), "next": N_("Next step"), "later": N_("Later")}
BASIS_LABELS = {
    "eligible": N_("Fits now"),
    "near_miss": N_("After one step"),
    "projected": N_("At a later stage"),
    "opens": N_("Fits, opens later"),
    "waiting": N_("Fits, closed now"),
    "to_check": N_("To check"),
}
BOX_W, BOX_H, GAP, COL_GAP, TOP = 290, 62, 14, 40, 44


NAME_WIDTH, LINE_H = 26, 19  # 26 characters of bold 15 px fit a box, also in the PDF font


def _lines(text: str) -> list[str]:
    """Break a name over lines that fit a box; never cut it short."""
    return textwrap.wrap(text, NAME_WIDTH) or [text]


def _arrow(start: tuple[int, int], end: tuple[int, int], box_h: int = BOX_H) -> str:
    """Return an SVG path from a prerequisite's box to the box that needs it.

    Neighbouring columns get a straight line; a path that skips a column runs through the gap
    above the rows, so it never crosses a box.
    """
    (x1, y1), (x2, y2) = start, end
    if x1 == x2:  # same column: from the bottom of one box to the top of the next
        return f"M {x1 + 24} {y1 + box_h} L {x2 + 24} {y2}"
    if x2 - x1 <= BOX_W + COL_GAP:
        return f"M {x1 + BOX_W} {y1 + box_h / 2} L {x2} {y2 + box_h / 2}"
    lane = min(y1, y2) - GAP / 2
    return (
        f"M {x1 + BOX_W} {y1 + box_h / 2} L {x1 + BOX_W + COL_GAP / 2} {y1 + box_h / 2} "
        f"L {x1 + BOX_W + COL_GAP / 2} {lane} L {x2 - COL_GAP / 2} {lane} "
        f"L {x2 - COL_GAP / 2} {y2 + box_h / 2} L {x2} {y2 + box_h / 2}"
    )


def timeline(route: FundingRoute, lang: str) -> dict[str, Any]:
    """Lay out the route as boxes in three columns with arrows from prerequisites.

    Names are broken over lines, never cut short; every box is as tall as the longest name.
    """
    names = {s.instrument.id: _lines(s.instrument.name.get(lang)) for s in route.steps}
    most = max((len(lines) for lines in names.values()), default=1)
    box_h = BOX_H + (most - 1) * LINE_H
    columns, boxes, where = [], [], {}
    for index, phase in enumerate(PHASES):
        x = index * (BOX_W + COL_GAP)
        columns.append(
            {"x": x, "title": gettext(PHASE_TITLES[phase]), "empty": not route.phase(phase)}
        )
        for row, step in enumerate(route.phase(phase)):
            y = TOP + row * (box_h + GAP)
            where[step.instrument.id] = (x, y)
            boxes.append(
                {
                    "x": x,
                    "y": y,
                    "id": step.instrument.id,
                    "basis": step.evidence,
                    "lines": names[step.instrument.id],
                    "sub": gettext(BASIS_LABELS[step.evidence]),
                }
            )
    arrows = [
        _arrow(where[before], where[step.instrument.id], box_h)
        for step in route.steps
        for before in step.after
    ]
    rows = max((len(route.phase(p)) for p in PHASES), default=0)
    height = TOP + max(rows, 1) * (box_h + GAP)
    return {
        "width": 3 * BOX_W + 2 * COL_GAP,
        "height": height,
        "columns": columns,
        "boxes": boxes,
        "arrows": arrows,
        "box_w": BOX_W,
        "box_h": box_h,
    }
