"""Near-miss advice: the smallest set of actionable answer changes that makes an instrument
eligible, each suggestion verified by re-running the rule with the change applied.

The changes a user can act on are data (``rules/_actions.yaml``); facts that cannot change are
simply not listed there, so no suggestion can touch them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from navigator.domain.answers import Answers, AnswerValue, listed, make_answers
from navigator.domain.consistency import contradictions
from navigator.domain.datafiles import load_validated
from navigator.domain.text import Strict, Text
from navigator.domain.vocabulary import FIELDS
from navigator.rules.compiled import MET, CompiledRule, compiled_rule
from navigator.rules.conditions import Compare, Env, Node
from navigator.rules.engine import Evaluation, Status
from navigator.rules.loader import Rulebook, parameter_value
from navigator.rules.schema import Rule

MAX_CHANGES = 3
MAX_SUGGESTIONS = 3


class Action(Strict):
    """One change a user can make: set a value, add to a list, or move a number to a bound."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    field: str
    set: str | bool | None = None
    add: str | None = None
    to_bound: Literal["up", "down", "either"] | None = None
    # a bound more than this factor away from the current answer is not a realistic change
    max_factor: Annotated[float, Field(gt=1)] | None = None
    # below this value a bound is no meaningful advice ("secure at least €1 of financing")
    min_value: Annotated[float, Field(gt=0)] | None = None
    when: list[str] = Field(default_factory=list)
    # not suggested to an applicant whose answer is one of these ({field: [values]}): a
    # researcher is not told to work with a knowledge institution
    unless: dict[str, list[str]] = Field(default_factory=dict)
    effort: Annotated[int, Field(ge=1, le=3)]
    text: Text
    # False for changes that are no goal in themselves (buying assets to get a deduction): they
    # are shown on the instrument's card but do not put the instrument on the funding route.
    on_route: bool = True

    @model_validator(mode="after")
    def _one_kind(self) -> Action:
        spec = FIELDS.get(self.field)
        if spec is None:
            raise ValueError(f"unknown answers field {self.field!r}")
        kinds = [self.set is not None, self.add is not None, self.to_bound is not None]
        if sum(kinds) != 1:
            raise ValueError("an action has exactly one of set, add, to_bound")
        if self.to_bound and spec.kind not in ("number", "int"):
            raise ValueError("to_bound needs a number field")
        if self.add is not None and not spec.is_list:
            raise ValueError("add needs a list field")
        unknown = [name for name in self.unless if name not in FIELDS]
        if unknown:
            raise ValueError(f"unless names unknown answers field {unknown[0]!r}")
        return self


class Actions(Strict):
    """The file of actions."""

    actions: list[Action] = Field(min_length=1)


def load_actions(path: Path) -> tuple[Action, ...]:
    """Read ``rules/_actions.yaml`` strictly."""
    return tuple(load_validated(path, Actions).actions)


@dataclass(frozen=True)
class Change:
    """An action with the concrete value it gives the field."""

    action: Action
    value: AnswerValue

    def text(self, lang: str) -> str:
        """Describe the change, with the amount filled in."""
        message = self.action.text.get(lang)
        if isinstance(self.value, int | float) and not isinstance(self.value, bool):
            amount = f"€ {self.value:,.0f}".replace(",", "." if lang == "nl" else ",")
            if not self.action.field.endswith("_eur"):
                amount = f"{self.value:,.0f}".replace(",", "." if lang == "nl" else ",")
            message = message.replace("{amount}", amount)
        return message


TOGETHER = Text(nl="Samen:", en="Together:")


@dataclass(frozen=True)
class NearMiss:
    """A verified set of changes that makes the instrument eligible."""

    instrument_id: str
    changes: tuple[Change, ...]

    def text(self, lang: str) -> str:
        """Return the suggestion as whole sentences ("Together: Do A. Do B.")."""
        sentences = [change.text(lang) for change in self.changes]
        if len(sentences) == 1:
            return sentences[0]
        return " ".join([TOGETHER.get(lang), *sentences])

    @property
    def effort(self) -> int:
        """Return the summed effort of the changes."""
        return sum(change.action.effort for change in self.changes)

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the fields the changes touch."""
        return tuple(change.action.field for change in self.changes)


def _compares(book: Rulebook, nodes: Iterable[Node]) -> Iterator[Compare]:
    pending: list[Node] = list(nodes)
    seen: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, Compare):
            yield node
        for name in node.refs() - seen:
            seen.add(name)
            pending.append(book.common.predicates[name].test)
        pending.extend(getattr(node, "parts", ()))
        if hasattr(node, "part"):
            pending.append(node.part)


_RULE_COMPARES: dict[tuple[int, int], tuple[Rulebook, Rule, tuple[Compare, ...]]] = {}


def _rule_compares(book: Rulebook, rule: Rule) -> tuple[Compare, ...]:
    """Return the rule's number comparisons, through predicates too (found once per rule)."""
    found = _RULE_COMPARES.get((id(book), id(rule)))
    if found is None or found[0] is not book or found[1] is not rule:
        found = (book, rule, tuple(_compares(book, rule.nodes())))
        if len(_RULE_COMPARES) > 4096:
            _RULE_COMPARES.clear()
        _RULE_COMPARES[(id(book), id(rule))] = found
    return found[2]


def _bound_values(book: Rulebook, rule: Rule, action: Action, env: Env) -> set[float]:
    values = set()
    for node in _rule_compares(book, rule):
        if node.field != action.field:
            continue
        bound = node.bound.resolve(env)
        if not isinstance(bound, float | int):
            continue
        raising = node.op in ("at_least", "above")
        if (action.to_bound == "up" and not raising) or (action.to_bound == "down" and raising):
            continue
        step = {"at_least": 0.0, "above": 1.0, "at_most": 0.0, "below": -1.0}[node.op]
        if bound + step >= 0:
            values.add(bound + step)
    return values


def open_fields(book: Rulebook, rule: Rule, answers: Answers, on: date) -> frozenset[str]:
    """Return the fields read by the conditions that are not met, in every track in force.

    Only a change to one of these can help: a change that touches only met conditions can at
    best leave them met, so dropping it leaves a smaller change set that works as well.
    """
    compiled = compiled_rule(book, rule, on)
    return compiled.open_fields(compiled.outcomes(answers))


def candidates(
    book: Rulebook,
    rule: Rule,
    answers: Answers,
    on: date,
    actions: Iterable[Action],
    only: frozenset[str] | None = None,
) -> list[Change]:
    """Return the concrete changes worth trying for this rule and these answers.

    ``only`` restricts them to changes of these fields (see ``open_fields``).
    """
    env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
    fields = book.fields_read(rule) if only is None else only
    found: list[Change] = []
    for action in actions:
        if action.field not in fields:
            continue
        current = answers.get(action.field)
        if action.when and current not in action.when:
            continue
        if any(answers.get(name) in values for name, values in action.unless.items()):
            continue
        if action.set is not None and current != action.set:
            found.append(Change(action, action.set))
        elif action.add is not None and action.add not in listed(answers, action.field):
            found.append(Change(action, action.add))
        elif action.to_bound is not None:
            values = sorted(_bound_values(book, rule, action, env))
            found += [Change(action, v) for v in values if _realistic(action, current, v)]
    return found


def _realistic(action: Action, current: AnswerValue | None, value: float) -> bool:
    if value == current or (action.min_value is not None and value < action.min_value):
        return False
    # "at least X" for an answer already above X (or "at most" below) is no advice
    numeric = isinstance(current, int | float) and not isinstance(current, bool)
    if numeric and (
        (action.to_bound == "up" and value < current)  # type: ignore[operator]
        or (action.to_bound == "down" and value > current)  # type: ignore[operator]
    ):
        return False
    if action.max_factor is None or not isinstance(current, int | float) or not current:
        return action.max_factor is None
    low, high = sorted((float(current), value))
    return high / low <= action.max_factor


def apply(answers: Answers, changes: Iterable[Change]) -> Answers | None:
    """Return the answers with the changes applied, or None when they conflict."""
    values = _laid_over(answers, changes)
    if values is None:
        return None
    changed = make_answers(values)
    return None if contradictions(changed) else changed


def _laid_over(answers: Answers, changes: Iterable[Change]) -> dict[str, AnswerValue] | None:
    """Return the answers with the changes laid over them, or None when two changes clash."""
    values = dict(answers)
    for change in changes:
        name = change.action.field
        if change.action.add is not None:
            present = [v for v in listed(answers, name) if v != "none"]
            values[name] = (*present, str(change.value))
        elif name in values and values[name] != answers.get(name):
            return None  # two different values for one field
        else:
            values[name] = change.value
    return values


def near_misses(
    book: Rulebook,
    rule: Rule,
    answers: Answers,
    on: date,
    actions: Iterable[Action],
    max_changes: int = MAX_CHANGES,
    current: Evaluation | None = None,
    prune: bool = True,
) -> list[NearMiss]:
    """Return the smallest verified change sets that make the rule eligible (at most three).

    Args:
        book: the rulebook.
        rule: the instrument's rule (currently ineligible or unknown).
        answers: the current answers.
        on: the evaluation date.
        actions: the actionable changes.
        max_changes: the largest change set tried.
        current: today's evaluation of the rule, when the caller has it (not redone).
        prune: try only changes to fields of unmet conditions (``open_fields``); False tries
            every field the rule reads (the reference the tests compare with).

    Returns:
        Suggestions of the smallest size that works, least effort first; empty when none of up
        to three changes makes the instrument eligible.
    """
    compiled = compiled_rule(book, rule, on)
    if not compiled.can_be_eligible:  # ended, or not yet checked by Navigator: no change helps
        return []
    outcomes = compiled.outcomes(answers)  # reused for every condition a change does not touch
    if current is not None and current.status is Status.ELIGIBLE:
        return []
    # Shortcut: the deciding track has more open conditions than changes allowed; a change
    # seldom settles two conditions, so skipping the search costs little and never adds a false
    # advice. (Its reasons are those of the evaluation: no need to build it.)
    deciding = compiled.deciding(outcomes)
    if deciding is None or not any(outcomes[deciding]):  # eligible
        return []
    if sum(code != MET for code in outcomes[deciding]) > max_changes:
        return []
    only = compiled.open_fields(outcomes) if prune else None
    options = candidates(book, rule, answers, on, actions, only)
    # per track, the fields of each condition not met: a change set can only help when it
    # touches every one of them in some track
    unmet = [
        [c.fields for c, code in zip(track.conditions, codes, strict=True) if code != MET]
        for track, codes in zip(compiled.tracks, outcomes, strict=True)
    ]
    for size in range(1, max_changes + 1):
        found = [
            NearMiss(rule.instrument, combo)
            for combo in combinations(options, size)
            if _may_work(unmet, combo) and _works(compiled, answers, outcomes, combo)
        ]
        if found:
            found.sort(key=lambda n: (n.effort, [c.action.id for c in n.changes]))
            return found[:MAX_SUGGESTIONS]
    return []


def _may_work(unmet: list[list[frozenset[str]]], combo: tuple[Change, ...]) -> bool:
    """Tell whether the changes touch every unmet condition of some track (else they fail)."""
    fields = {change.action.field for change in combo}
    return any(all(not f.isdisjoint(fields) for f in track) for track in unmet)


def _works(
    compiled: CompiledRule,
    answers: Answers,
    outcomes: list[list[int]],
    combo: tuple[Change, ...],
) -> bool:
    """Tell whether ``apply(answers, combo)`` succeeds and makes the rule eligible.

    Only the conditions that read a changed field are evaluated again, and the answers are
    checked for contradictions only when the rule would be eligible (same verdict, less work).
    """
    values = _laid_over(answers, combo)
    if values is None:
        return False
    fields = [change.action.field for change in combo]
    if not compiled.eligible_after(values, fields, outcomes):
        return False
    return not contradictions(make_answers(values))
