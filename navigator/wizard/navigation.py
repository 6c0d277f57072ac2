"""Pure navigation over the wizard's steps: next, previous, where to resume, what to show.

Functions take answers (and the steps a user has seen) and return steps; no request object.
"""

from __future__ import annotations

from collections.abc import Collection

from navigator.domain.answers import Answers, make_answers
from navigator.wizard.steps import STEP_BY_ID, STEP_OF_FIELD, STEPS, Step


def active_steps(answers: Answers) -> list[Step]:
    """Return the steps that apply to these answers, in order."""
    return [step for step in STEPS if step.is_active(answers)]


def next_step(current: str, answers: Answers) -> Step | None:
    """Return the active step after ``current``, or None when the questions are done."""
    order = [s.id for s in STEPS]
    later = order[order.index(current) + 1 :]
    return next((STEP_BY_ID[i] for i in later if STEP_BY_ID[i].is_active(answers)), None)


def previous_step(current: str, answers: Answers) -> Step | None:
    """Return the active step before ``current``, or None on the first step."""
    order = [s.id for s in STEPS]
    earlier = reversed(order[: order.index(current)])
    return next((STEP_BY_ID[i] for i in earlier if STEP_BY_ID[i].is_active(answers)), None)


def resume_step(answers: Answers, seen: Collection[str]) -> Step | None:
    """Return the first active step not seen yet, or None when all have been seen."""
    return next((s for s in active_steps(answers) if s.id not in seen), None)


def effective_answers(answers: Answers) -> Answers:
    """Drop answers to questions that later changes made irrelevant (inactive steps)."""
    active = {name for step in active_steps(answers) for name in step.fields}
    return make_answers({k: v for k, v in answers.items() if k in active})


def step_for_field(field: str) -> Step:
    """Return the step that asks ``field``."""
    return STEP_OF_FIELD[field]
