"""Evaluate rules against answers on a given date: eligible, ineligible or unknown.

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
from functools import partial

from navigator.domain.answers import Answers
from navigator.domain.text import Text
from navigator.domain.vocabulary import FIELD_ORDER
from navigator.rules.conditions import Env, Outcome
from navigator.rules.loader import Rulebook, parameter_value
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


def _track_reasons(rule: Rule, track: Track, env: Env) -> tuple[Reason, ...]:
    reasons = []
    for condition in track.conditions:
        if not condition.in_force(env.on):
            continue
        verdict = condition.test.evaluate(env)
        missing = in_vocabulary_order(verdict.missing) if verdict.missing else ()
        source = condition.source_url or rule.source_url
        reasons.append(Reason(condition.id, verdict.outcome, condition.text, source, missing))
    return tuple(reasons)


def _status(reasons: tuple[Reason, ...]) -> Status:
    outcomes = {r.outcome for r in reasons}
    if Outcome.NOT_MET in outcomes:
        return Status.INELIGIBLE
    return Status.UNKNOWN if Outcome.UNKNOWN in outcomes else Status.ELIGIBLE


def _result(
    rule: Rule, track: Track, status: Status, reasons: tuple[Reason, ...], missing: Iterable[str]
) -> Evaluation:
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


def _before_valid_from(evaluation: Evaluation, rule: Rule) -> Evaluation:
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


def _ended(rule: Rule) -> Evaluation:
    text = Text(
        nl=f"Deze regeling is beëindigd op {rule.valid_until:%d-%m-%Y}.",
        en=f"This scheme ended on {rule.valid_until:%Y-%m-%d}.",
    )
    reason = Reason("in_force", Outcome.NOT_MET, text, rule.source_url)
    return _result(rule, rule.tracks[0], Status.INELIGIBLE, (reason,), ())


def _no_open_track(rule: Rule, on: date) -> Evaluation:
    text = Text(
        nl=f"Op {on:%d-%m-%Y} staat geen van de routes naar deze regeling open.",
        en=f"On {on:%Y-%m-%d} none of the ways to this scheme is open.",
    )
    reason = Reason("in_force", Outcome.NOT_MET, text, rule.source_url)
    return _result(rule, rule.tracks[0], Status.INELIGIBLE, (reason,), ())


def evaluate_rule(book: Rulebook, rule: Rule, answers: Answers, on: date) -> Evaluation:
    """Evaluate one rule.

    Args:
        book: the rulebook (for shared parameters and predicates).
        rule: the instrument's rule.
        answers: the validated answers; absent fields are unknown.
        on: the evaluation date.

    Returns:
        The status, the reasons of the deciding track and, when unknown, the missing fields.
    """
    if rule.valid_until is not None and on > rule.valid_until:
        return _ended(rule)
    evaluation = _evaluate_tracks(book, rule, answers, on)
    return _before_valid_from(evaluation, rule) if on < rule.valid_from else evaluation


def _evaluate_tracks(book: Rulebook, rule: Rule, answers: Answers, on: date) -> Evaluation:
    env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
    evaluated = [(t, _track_reasons(rule, t, env)) for t in rule.tracks if t.in_force(on)]
    # A track whose conditions have all lapsed is closed too: nothing left would be "all met".
    evaluated = [(track, reasons) for track, reasons in evaluated if reasons]
    if not evaluated:
        return _no_open_track(rule, on)
    statuses = [_status(reasons) for _, reasons in evaluated]
    if Status.ELIGIBLE in statuses:
        track, reasons = evaluated[statuses.index(Status.ELIGIBLE)]
        return _result(rule, track, Status.ELIGIBLE, reasons, ())
    if Status.UNKNOWN in statuses:
        open_tracks = [
            pair for pair, s in zip(evaluated, statuses, strict=True) if s is Status.UNKNOWN
        ]
        missing = {f for _, reasons in open_tracks for r in reasons for f in r.missing}
        track, reasons = open_tracks[0]
        return _result(rule, track, Status.UNKNOWN, reasons, missing)
    track, reasons = min(evaluated, key=lambda pair: closeness(pair[1]))
    return _result(rule, track, Status.INELIGIBLE, reasons, ())


# A track for another kind of applicant (a fund's, a buyer's, a researcher's) is never the
# "closest" explanation for an entrepreneur, however few conditions it has.
OTHER_ROLE = frozenset({"audience_fund_manager", "audience_public_buyer", "audience_researcher"})


def closeness(reasons: tuple[Reason, ...]) -> tuple[int, int, int]:
    """Return a sort key: own kind of applicant first, fewer unmet, then more met conditions."""
    unmet = [r for r in reasons if r.outcome is Outcome.NOT_MET]
    other_role = any(r.condition in OTHER_ROLE for r in unmet)
    return int(other_role), len(unmet), -sum(r.outcome is Outcome.MET for r in reasons)


def rule_status(book: Rulebook, rule: Rule, answers: Answers, on: date) -> Status:
    """Return only the status of ``evaluate_rule`` (same result), without building reasons.

    Near-miss search and route projection evaluate rules hundreds of times per advice; they only
    need the status, and a track can stop at its first unmet condition.
    """
    if rule.valid_until is not None and on > rule.valid_until:
        return Status.INELIGIBLE
    env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
    status = Status.INELIGIBLE
    for track in rule.tracks:
        outcome = _track_outcome(track, env) if track.in_force(on) else None
        if outcome is Outcome.MET:
            status = Status.ELIGIBLE
            break
        if outcome is Outcome.UNKNOWN:
            status = Status.UNKNOWN
    if on < rule.valid_from and status is not Status.INELIGIBLE:
        return Status.UNKNOWN
    return status


def _track_outcome(track: Track, env: Env) -> Outcome | None:
    """Return met, not met or unknown for one track; None when no condition is in force."""
    found: Outcome | None = None
    for condition in track.conditions:
        if not condition.in_force(env.on):
            continue
        outcome = condition.test.evaluate(env).outcome
        if outcome is Outcome.NOT_MET:
            return outcome
        if outcome is Outcome.UNKNOWN:
            found = Outcome.UNKNOWN
        elif found is None:
            found = Outcome.MET
    return found


def evaluate_all(book: Rulebook, answers: Answers, on: date) -> list[Evaluation]:
    """Evaluate every rule in the rulebook, in instrument-id order."""
    return [evaluate_rule(book, rule, answers, on) for _, rule in sorted(book.rules.items())]
