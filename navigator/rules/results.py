"""What evaluating a rule gives: a status, the reasons of the deciding track, the missing fields.

Shared by the compiled engine (``navigator.rules.compiled``, what the app uses) and the
interpreted one (``navigator.rules.reference``, the reference the tests compare it with).
The engine never looks at the clock; the caller passes the evaluation date. A rule has one
or more tracks (ways to reach the instrument, e.g. "as an employer" or "via a seed fund");
the instrument is eligible when some track is, unknown when no track is eligible but some
could still be, and ineligible otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from navigator.domain.text import Text
from navigator.domain.vocabulary import FIELD_ORDER
from navigator.rules.conditions import Outcome
from navigator.rules.schema import Rule, Track


class Status(StrEnum):
    """The eligibility status of one instrument."""

    ELIGIBLE = "eligible"
    UNKNOWN = "unknown"
    INELIGIBLE = "ineligible"


@dataclass(frozen=True)
class Reason:
    """The outcome of one condition, with the text that explains it."""

    condition: str
    outcome: Outcome
    text: Text
    source_url: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """The result of evaluating one instrument's rule."""

    instrument_id: str
    status: Status
    track: str
    route: str
    via: Text | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    audience: tuple[str, ...] = ()
    open_all_year: bool = False


_FIELD_INDEX = {name: index for index, name in enumerate(FIELD_ORDER)}


def in_vocabulary_order(fields: Iterable[str]) -> tuple[str, ...]:
    """Sort field names in the order the wizard asks them."""
    return tuple(sorted(set(fields), key=_FIELD_INDEX.__getitem__))


def result(
    rule: Rule, track: Track, status: Status, reasons: tuple[Reason, ...], missing: Iterable[str]
) -> Evaluation:
    """Return the evaluation of a rule decided by one track."""
    return Evaluation(
        instrument_id=rule.instrument,
        status=status,
        track=track.id,
        route=track.route,
        via=track.via,
        reasons=reasons,
        missing=in_vocabulary_order(missing),
        audience=tuple(track.audience),
        open_all_year=track.open_all_year,
    )


def before_valid_from(evaluation: Evaluation, rule: Rule) -> Evaluation:
    """Keep a "no" that the conditions give; anything else is unknown before the rule's start.

    Navigator has no modelled conditions for an earlier date, so it cannot say "yes"; but a
    company outside a regional fund's provinces is not eligible on any date.
    """
    text = Text(
        nl=f"Navigator toetst deze regeling vanaf {rule.valid_from:%d-%m-%Y}; "
        "voor een eerdere datum kan Navigator niet bevestigen dat zij past.",
        en=f"Navigator checks this scheme from {rule.valid_from:%Y-%m-%d}; "
        "for an earlier date it cannot confirm that it fits.",
    )
    outcome = Outcome.NOT_MET if evaluation.status is Status.INELIGIBLE else Outcome.UNKNOWN
    reasons = (Reason("in_force", outcome, text, rule.source_url), *evaluation.reasons)
    status = Status.INELIGIBLE if outcome is Outcome.NOT_MET else Status.UNKNOWN
    return replace(evaluation, status=status, reasons=reasons)


def ended(rule: Rule) -> Evaluation:
    """Return the evaluation of a rule on a date after it ended."""
    text = Text(
        nl=f"Deze regeling is beëindigd op {rule.valid_until:%d-%m-%Y}.",
        en=f"This scheme ended on {rule.valid_until:%Y-%m-%d}.",
    )
    reason = Reason("in_force", Outcome.NOT_MET, text, rule.source_url)
    return result(rule, rule.tracks[0], Status.INELIGIBLE, (reason,), ())


def no_open_track(rule: Rule, on: date) -> Evaluation:
    """Return the evaluation of a rule none of whose tracks is open on ``on``."""
    text = Text(
        nl=f"Op {on:%d-%m-%Y} staat geen van de routes naar deze regeling open.",
        en=f"On {on:%Y-%m-%d} none of the ways to this scheme is open.",
    )
    reason = Reason("in_force", Outcome.NOT_MET, text, rule.source_url)
    return result(rule, rule.tracks[0], Status.INELIGIBLE, (reason,), ())


# A track for another kind of applicant (a fund's, a buyer's, a researcher's) is never the
# "closest" explanation for an entrepreneur, however few conditions it has.
OTHER_ROLE = frozenset({"audience_fund_manager", "audience_public_buyer", "audience_researcher"})


def closeness(reasons: tuple[Reason, ...]) -> tuple[int, int, int]:
    """Return a sort key: own kind of applicant first, fewer unmet, then more met conditions."""
    unmet = [r for r in reasons if r.outcome is Outcome.NOT_MET]
    other_role = any(r.condition in OTHER_ROLE for r in unmet)
    return int(other_role), len(unmet), -sum(r.outcome is Outcome.MET for r in reasons)
