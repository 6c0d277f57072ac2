"""Adaptive questions: ask next what decides the most still-undecided instruments; stop when
no answer can change a result.

After the routing questions (role, organisation, knowledge institution, location, stage), a
question is worth asking only when it can change what the results page offers: some instrument
that could be offered (not ended, in a form the applicant accepts) is still unknown and the rule
engine names the field among the missing ones; or it fits through a later track while an
earlier one (the engine takes the first that fits) waits for the field; or, for the forms of
funding, some instrument still fits or may fit. The engine is three-valued and monotone: once
nothing waits on a field not yet asked, more answers cannot change a status, so the result is
the one the full questionnaire gives. Plain Python over the public ``evaluate`` and
``evaluate_rule``; no Flask.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from navigator.domain.answers import Answers, AnswerValue, make_answers
from navigator.domain.preferences import form_accepted
from navigator.domain.vocabulary import FIELD_ORDER
from navigator.ranking.base import Candidate
from navigator.recommend import Navigator, candidate_availability, evaluate
from navigator.rules.engine import Evaluation, Status, evaluate_rule
from navigator.wizard.steps import STEP_BY_ID, STEP_OF_FIELD, STEPS, Step

# The questions that route the journey, asked first and always (when their page applies).
ROUTING_FIELDS = (
    "role",
    "organisation_type",
    "knowledge_institution_type",
    "province",
    "development_stage",
)
_ROUTING_STEPS = tuple(dict.fromkeys(STEP_OF_FIELD[f].id for f in ROUTING_FIELDS))
_ORDER = {name: index for index, name in enumerate(FIELD_ORDER)}


@dataclass(frozen=True)
class Page:
    """The next question page: a step and the fields of it worth asking now."""

    step: Step
    fields: tuple[str, ...]


def _active(field: str, answers: Answers) -> bool:
    return STEP_OF_FIELD[field].is_active(answers)


def _may_be_offered(navigator: Navigator, candidate: Candidate, answers: Answers, on: date) -> bool:
    """Tell whether the instrument could be among the fits or the advice: not ended, and in a
    form the applicant accepts (or has not said).

    An instrument in a form the applicant turned down, or one that has ended, is never offered,
    whatever its status; questions that only decide such instruments are not asked.
    """
    if candidate_availability(navigator, candidate, on).state == "ended":
        return False
    return form_accepted(answers, candidate.instrument) is not False


def _earlier_tracks_missing(
    navigator: Navigator, evaluation: Evaluation, answers: Answers, on: date
) -> tuple[str, ...]:
    """Return what a track before the eligible one still waits for.

    The engine takes the first eligible track, so an answer can still change the way in (WBSO
    as an employer rather than as self-employed) while the instrument already fits.
    """
    rule = navigator.rulebook.rules[evaluation.instrument_id]
    ids = [track.id for track in rule.tracks]
    if evaluation.track not in ids or ids.index(evaluation.track) == 0:
        return ()
    earlier = rule.model_copy(update={"tracks": rule.tracks[: ids.index(evaluation.track)]})
    before = evaluate_rule(navigator.rulebook, earlier, answers, on)
    return before.missing if before.status is Status.UNKNOWN else ()


def open_questions(
    navigator: Navigator, answers: Answers, seen: Collection[str], on: date
) -> dict[str, float]:
    """Return each question not seen yet that can still change a result, with the number of
    instruments it may decide.
    """
    weights: dict[str, float] = defaultdict(float)
    for candidate in evaluate(navigator, answers, on):
        evaluation = candidate.evaluation
        if evaluation.status is Status.INELIGIBLE or not _may_be_offered(
            navigator, candidate, answers, on
        ):
            continue
        missing = evaluation.missing
        if evaluation.status is Status.ELIGIBLE:
            missing = _earlier_tracks_missing(navigator, evaluation, answers, on)
        if missing:
            for name in missing:
                weights[name] += 1 / len(missing)
        if candidate.instrument.kind != "network":
            weights["funding_forms"] += 1
    return {
        name: weight
        for name, weight in weights.items()
        if name not in seen and name not in ROUTING_FIELDS and _active(name, answers)
    }


def routing_page(answers: Answers, seen: Collection[str]) -> Step | None:
    """Return the first page with a routing question not asked yet that applies, if any."""
    for step_id in _ROUTING_STEPS:
        step = STEP_BY_ID[step_id]
        routing = [f for f in step.fields if f in ROUTING_FIELDS and f not in seen]
        if routing and step.is_active(answers):
            return step
    return None


def next_page(
    navigator: Navigator, answers: Answers, seen: Collection[str], on: date
) -> Page | None:
    """Return the next page to ask, or None when no further answer changes a result.

    Args:
        navigator: the loaded domain.
        answers: the answers so far (a field answered "I don't know" is absent).
        seen: the fields already asked (answered or not).
        on: the evaluation date.
    """
    worth = open_questions(navigator, answers, seen, on)
    routing = routing_page(answers, seen)
    if routing is not None:
        fields = tuple(
            f for f in routing.fields if (f in ROUTING_FIELDS and f not in seen) or f in worth
        )
        return Page(routing, fields)
    if not worth:
        return None
    # One question per page: an answer may make its neighbours moot (250 FTE or more settles
    # the SME test without turnover or balance sheet).
    best = max(worth, key=lambda name: (worth[name], -_ORDER[name]))
    return Page(STEP_OF_FIELD[best], (best,))


def page_fields(
    navigator: Navigator, step: Step, answers: Answers, seen: Collection[str], on: date
) -> tuple[str, ...]:
    """Return the fields of ``step`` to show: when it is the next page, its next questions;
    on a page reached otherwise, those asked before and every question worth asking now.

    A page reached by "back" shows what was answered on it; a routing page always shows its
    routing questions. Falls back to every field when none would be shown.
    """
    following = next_page(navigator, answers, seen, on)
    if following is not None and following.step.id == step.id:
        return following.fields
    worth = open_questions(navigator, answers, seen, on)
    fields = tuple(f for f in step.fields if f in seen or f in worth or f in ROUTING_FIELDS)
    return fields or step.fields


def remaining_estimate(
    navigator: Navigator, answers: Answers, seen: Collection[str], on: date
) -> int:
    """Return about how many questions are left (an upper estimate for a progress line)."""
    worth = open_questions(navigator, answers, seen, on)
    routing = [f for f in ROUTING_FIELDS if f not in seen and STEP_OF_FIELD[f].is_active(answers)]
    return len(worth) + len(routing)


def full_order_next(answers: Answers, seen: Collection[str]) -> Page | None:
    """Return the first page, in the fixed order, with an active question not asked yet.

    This is "answer more questions for a more precise result": every remaining question.
    """
    for step in STEPS:
        if not step.is_active(answers):
            continue
        fields = tuple(f for f in step.fields if f not in seen)
        if fields:
            return Page(step, fields)
    return None


@dataclass(frozen=True)
class Walk:
    """One simulated journey: the answers after each page and the questions asked by then."""

    pages: tuple[tuple[Answers, int], ...]
    asked: tuple[str, ...] = ()

    @property
    def answers(self) -> Answers:
        """Return the answers at the end."""
        return self.pages[-1][0] if self.pages else make_answers({})

    @property
    def questions(self) -> int:
        """Return the number of questions asked in all."""
        return self.pages[-1][1] if self.pages else 0


def _answer(page: Page, profile: Answers, seen: list[str], given: dict[str, AnswerValue]) -> None:
    for name in page.fields:
        seen.append(name)
        if name in profile:
            given[name] = profile[name]


def walk(navigator: Navigator, profile: Answers, on: date) -> Walk:
    """Answer the adaptive pages from ``profile`` (a field absent from it is "I don't know")."""
    seen: list[str] = []
    given: dict[str, AnswerValue] = {}
    pages = []
    while (page := next_page(navigator, make_answers(given), seen, on)) is not None:
        _answer(page, profile, seen, given)
        pages.append((make_answers(given), len(seen)))
    return Walk(tuple(pages), tuple(seen))


def fixed_walk(profile: Answers) -> Walk:
    """Answer today's fixed order from ``profile``: every field of every active page."""
    seen: list[str] = []
    given: dict[str, AnswerValue] = {}
    pages = []
    while (page := full_order_next(make_answers(given), seen)) is not None:
        _answer(page, profile, seen, given)
        pages.append((make_answers(given), len(seen)))
    return Walk(tuple(pages), tuple(seen))
