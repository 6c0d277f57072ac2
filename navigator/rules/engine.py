"""Evaluate rules against answers on a given date: eligible, ineligible or unknown.

The engine never looks at the clock; the caller passes the evaluation date. A rule has one
or more tracks (ways to reach the instrument, e.g. "as an employer" or "via a seed fund");
the instrument is eligible when some track is, unknown when no track is eligible but some
could still be, and ineligible otherwise.

These functions run the compiled rulebook (``navigator.rules.compiled``, compiled once per
date); ``navigator.rules.reference`` keeps the interpreted engine they are tested against.
"""

from __future__ import annotations

from datetime import date

from navigator.domain.answers import Answers
from navigator.rules.compiled import compiled, compiled_rule
from navigator.rules.loader import Rulebook
from navigator.rules.results import (
    OTHER_ROLE,
    Evaluation,
    Reason,
    Status,
    closeness,
    in_vocabulary_order,
)
from navigator.rules.schema import Rule

__all__ = [
    "OTHER_ROLE",
    "Evaluation",
    "Reason",
    "Status",
    "closeness",
    "evaluate_all",
    "evaluate_rule",
    "in_vocabulary_order",
    "rule_status",
]


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
    return compiled_rule(book, rule, on).evaluate(answers)


def rule_status(book: Rulebook, rule: Rule, answers: Answers, on: date) -> Status:
    """Return only the status of ``evaluate_rule`` (same result), without building reasons."""
    return compiled_rule(book, rule, on).status(answers)


def evaluate_all(book: Rulebook, answers: Answers, on: date) -> list[Evaluation]:
    """Evaluate every rule in the rulebook, in instrument-id order."""
    rules = compiled(book, on).rules
    return [rules[key].evaluate(answers) for key in sorted(rules)]
