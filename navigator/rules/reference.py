"""The interpreted engine: walks the parsed condition nodes for every evaluation.

This is the reference the compiled engine (``navigator.rules.compiled``, what the app uses) is
tested against; it is kept simple on purpose. The engine never looks at the clock; the caller
passes the evaluation date. A rule has one or more tracks (ways to reach the instrument, e.g.
"as an employer" or "via a seed fund"); the instrument is eligible when some track is, unknown
when no track is eligible but some could still be, and ineligible otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from itertools import combinations

from navigator.domain.answers import Answers
from navigator.rules.conditions import Env, Outcome
from navigator.rules.loader import Rulebook, parameter_value
from navigator.rules.nearmiss import (
    MAX_CHANGES,
    MAX_SUGGESTIONS,
    Action,
    NearMiss,
    apply,
    candidates,
)
from navigator.rules.results import (
    Evaluation,
    Reason,
    Status,
    before_valid_from,
    closeness,
    ended,
    in_vocabulary_order,
    no_open_track,
    result,
)
from navigator.rules.schema import Rule, Track


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
        return ended(rule)
    evaluation = _evaluate_tracks(book, rule, answers, on)
    return before_valid_from(evaluation, rule) if on < rule.valid_from else evaluation


def _evaluate_tracks(book: Rulebook, rule: Rule, answers: Answers, on: date) -> Evaluation:
    env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
    evaluated = [(t, _track_reasons(rule, t, env)) for t in rule.tracks if t.in_force(on)]
    # A track whose conditions have all lapsed is closed too: nothing left would be "all met".
    evaluated = [(track, reasons) for track, reasons in evaluated if reasons]
    if not evaluated:
        return no_open_track(rule, on)
    statuses = [_status(reasons) for _, reasons in evaluated]
    if Status.ELIGIBLE in statuses:
        track, reasons = evaluated[statuses.index(Status.ELIGIBLE)]
        return result(rule, track, Status.ELIGIBLE, reasons, ())
    if Status.UNKNOWN in statuses:
        open_tracks = [
            pair for pair, s in zip(evaluated, statuses, strict=True) if s is Status.UNKNOWN
        ]
        missing = {f for _, reasons in open_tracks for r in reasons for f in r.missing}
        track, reasons = open_tracks[0]
        return result(rule, track, Status.UNKNOWN, reasons, missing)
    track, reasons = min(evaluated, key=lambda pair: closeness(pair[1]))
    return result(rule, track, Status.INELIGIBLE, reasons, ())


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


def open_fields(book: Rulebook, rule: Rule, answers: Answers, on: date) -> frozenset[str]:
    """Return the fields read by the conditions that are not met, in every track in force."""
    env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
    found: set[str] = set()
    for track in rule.tracks:
        if not track.in_force(on):
            continue
        for condition in track.conditions:
            if condition.in_force(on) and condition.test.evaluate(env).outcome is not Outcome.MET:
                found |= book.node_fields(condition.test)
    return frozenset(found)


def near_misses(
    book: Rulebook,
    rule: Rule,
    answers: Answers,
    on: date,
    actions: Iterable[Action],
    max_changes: int = MAX_CHANGES,
    prune: bool = True,
) -> list[NearMiss]:
    """Return what ``nearmiss.near_misses`` returns, by applying every change set in full and
    evaluating the whole rule again with the interpreted engine."""
    current = evaluate_rule(book, rule, answers, on)
    if current.status is Status.ELIGIBLE:
        return []
    if sum(r.outcome.value != "met" for r in current.reasons) > max_changes:
        return []
    only = open_fields(book, rule, answers, on) if prune else None
    options = candidates(book, rule, answers, on, actions, only)
    for size in range(1, max_changes + 1):
        found = []
        for combo in combinations(options, size):
            changed = apply(answers, combo)
            if changed is not None and rule_status(book, rule, changed, on) is Status.ELIGIBLE:
                found.append(NearMiss(rule.instrument, combo))
        if found:
            found.sort(key=lambda n: (n.effort, [c.action.id for c in n.changes]))
            return found[:MAX_SUGGESTIONS]
    return []
