"""Everything Navigator advises for one profile on one date: the ranked results, near misses,
the funding route, warnings, the deadline calendar, what to answer next, and a fingerprint
that makes the advice reproducible.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

from navigator.advice.deadlines import CalendarEntry, calendar_for
from navigator.advice.route import FundingRoute, RouteInputs, plan_route
from navigator.advice.warnings import Alert, warnings_for
from navigator.domain.answers import Answers
from navigator.recommend import Navigator, Recommendation, recommend
from navigator.rules.compiled import compiled
from navigator.rules.engine import Evaluation, Status
from navigator.rules.nearmiss import NearMiss, near_misses

NEXT_QUESTIONS = 5


@dataclass(frozen=True)
class Advice:
    """The complete advice for one case."""

    recommendation: Recommendation
    near_misses: dict[str, list[NearMiss]]
    route: FundingRoute
    warnings: list[Alert]
    calendar: list[CalendarEntry]
    next_questions: list[tuple[str, int]]
    fingerprint: str


def fingerprint(navigator: Navigator, answers: Answers, on: date) -> str:
    """Return a SHA-256 of the answers, the date and the catalogue and rules used."""
    canonical = json.dumps(
        {
            "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()},
            "on": on.isoformat(),
            "catalogue_version": navigator.version,
            "data": navigator.digest,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def next_questions(evaluations: list[Evaluation]) -> list[tuple[str, int]]:
    """Return the unanswered fields that would decide the most unknown instruments."""
    counts = Counter(f for e in evaluations if e.status is Status.UNKNOWN for f in e.missing)
    return counts.most_common(NEXT_QUESTIONS)


def _near_misses(navigator: Navigator, recommendation: Recommendation) -> dict[str, list[NearMiss]]:
    book = navigator.rulebook
    found = {}
    for result in recommendation.results:
        evaluation = result.evaluation
        if evaluation.status is Status.ELIGIBLE:
            continue
        rule = book.rules[evaluation.instrument_id]
        misses = near_misses(
            book,
            rule,
            recommendation.answers,
            recommendation.evaluated_on,
            navigator.actions,
            current=evaluation,
        )
        if misses:
            found[evaluation.instrument_id] = misses
    return found


def advise(navigator: Navigator, answers: Answers, on: date) -> Advice:
    """Build the complete advice.

    Args:
        navigator: the loaded domain.
        answers: validated, consistent answers (the wizard passes its effective answers).
        on: the evaluation date.
    """
    recommendation = recommend(navigator, answers, on)
    misses = _near_misses(navigator, recommendation)
    by_id = navigator.catalogue.by_id
    book = navigator.rulebook
    evaluations = {r.evaluation.instrument_id: r.evaluation for r in recommendation.results}
    scores = {r.evaluation.instrument_id: r.score.value for r in recommendation.results}

    rules = compiled(book, on)
    today = {key: e.status for key, e in evaluations.items()}

    def evaluate_at(projected: Answers) -> dict[str, Status]:
        # only the rules that read a field the projection changes are evaluated again
        return rules.statuses_after(answers, projected, today)

    def near_miss_at(instrument_id: str, projected: Answers) -> NearMiss | None:
        rule = book.rules[instrument_id]
        found = near_misses(book, rule, projected, on, navigator.actions, max_changes=1)
        return found[0] if found else None

    one_of = tuple(frozenset(c.instruments) for c in navigator.combinations if c.kind == "one_of")
    states = {r.evaluation.instrument_id: r.availability for r in recommendation.results}
    inputs = RouteInputs(
        by_id, evaluations, misses, evaluate_at, near_miss_at, scores.__getitem__, one_of, states
    )
    route = plan_route(inputs, answers, on)
    eligible = {k for k, e in evaluations.items() if e.status is Status.ELIGIBLE}
    alerts = warnings_for(book, navigator.combinations, by_id, answers, route.ids, eligible, on)
    matched = [
        r.candidate.instrument
        for r in recommendation.results
        if r.evaluation.status is not Status.INELIGIBLE and r.candidate.instrument.kind != "network"
    ]
    questions = next_questions(list(evaluations.values()))
    return Advice(
        recommendation,
        misses,
        route,
        alerts,
        calendar_for(matched, on),
        questions,
        fingerprint(navigator, answers, on),
    )
