"""The compiled engine: a rulebook turned, once per evaluation date, into plain closures.

Compiling resolves the parameters of that date, inlines the shared predicates, leaves out the
tracks and conditions not in force, and builds ahead everything that does not depend on the
answers: every met and unmet reason, and the whole evaluation of an eligible track. One compiled
form gives the full evaluation (status, reasons, missing fields), the status alone, and the
outcome of every condition, which near-miss search and route projection reuse when a change
touches none of the fields a condition reads (the dependency index: ``fields`` per condition,
per rule and ``readers`` per field).

The YAML stays the only source of truth: nothing here is written per rule. The interpreted
engine (``navigator.rules.reference``) is the reference the tests hold this one to.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from threading import Lock
from types import MappingProxyType
from typing import Any

from navigator.domain.answers import Answers, AnswerValue
from navigator.rules.conditions import (
    AllOf,
    AnyOf,
    Compare,
    ContainsAny,
    Equals,
    In,
    Node,
    Not,
    Outcome,
    Ref,
    Value,
    WithinYears,
)
from navigator.rules.loader import Rulebook, parameter_value
from navigator.rules.results import (
    OTHER_ROLE,
    Evaluation,
    Reason,
    Status,
    before_valid_from,
    ended,
    in_vocabulary_order,
    no_open_track,
    result,
)
from navigator.rules.schema import Condition, Rule, Track

# Outcome codes: small ints compare and branch fastest; ``2 - code`` negates.
MET, UNKNOWN, NOT_MET = 0, 1, 2
OUTCOMES = (Outcome.MET, Outcome.UNKNOWN, Outcome.NOT_MET)

Values = Mapping[str, Any]  # answers, or answers with changes laid over them
Check = Callable[[Values], int]
Gaps = Callable[[Values], frozenset[str]]  # the deciding fields, called only when unknown
Compiled = tuple[Check, Gaps]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "at_least": operator.ge,
    "at_most": operator.le,
    "above": operator.gt,
    "below": operator.lt,
}
NO_GAPS: frozenset[str] = frozenset()
MADE_PER_RULE = 512


def _constant_gaps(fields: frozenset[str]) -> Gaps:
    return lambda a: fields


@dataclass
class _Context:
    """What compiling one rule's conditions needs: its parameters on the date, the predicates."""

    book: Rulebook
    rule: Rule
    on: date
    predicates: dict[str, Compiled] = field(default_factory=dict)

    def param(self, name: str) -> float:
        return parameter_value(self.book, self.rule, name, self.on)

    def constant(self, value: Value) -> float | None:
        """Return the number a bound resolves to on the date, or None when it reads an answer."""
        if value.literal is not None:
            return value.literal
        if value.param is not None:
            return self.param(value.param)
        return None


def compile_node(node: Node, context: _Context) -> Compiled:
    """Return the check and the deciding-fields function of one condition node."""
    if isinstance(node, Ref):
        if node.name not in context.predicates:
            context.predicates[node.name] = compile_node(
                context.book.predicate_nodes[node.name], context
            )
        return context.predicates[node.name]
    if isinstance(node, Not):
        check, gaps = compile_node(node.part, context)
        return (lambda a: 2 - check(a)), gaps
    if isinstance(node, AllOf):  # AnyOf too (a subclass)
        return _combine([compile_node(p, context) for p in node.parts], isinstance(node, AnyOf))
    if isinstance(node, Compare):
        return _compare(node, context)
    if isinstance(node, WithinYears):
        return _within_years(node, context)
    if isinstance(node, Equals | In | ContainsAny):
        return _field_test(node), _constant_gaps(frozenset({node.field}))
    raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover


def _field_test(node: Equals | In | ContainsAny) -> Check:
    name = node.field
    if isinstance(node, Equals):
        expected = node.expected

        def equals(a: Values) -> int:
            value = a.get(name)
            if value is None:
                return UNKNOWN
            return MET if value == expected else NOT_MET

        return equals
    options, negate = node.options, node.negate
    if isinstance(node, In):

        def member(a: Values) -> int:
            value = a.get(name)
            if value is None:
                return UNKNOWN
            return MET if (value in options) != negate else NOT_MET

        return member

    def shares(a: Values) -> int:
        value = a.get(name)
        if value is None:
            return UNKNOWN
        return MET if bool(options.intersection(value)) != negate else NOT_MET

    return shares


def _compare(node: Compare, context: _Context) -> Compiled:
    name, test = node.field, _COMPARE[node.op]
    bound = context.constant(node.bound)
    if bound is not None:
        limit = bound

        def against_constant(a: Values) -> int:
            value = a.get(name)
            if value is None:
                return UNKNOWN
            return MET if test(float(value), limit) else NOT_MET

        return against_constant, _constant_gaps(frozenset({name}))
    other, times = node.bound.field, node.bound.times
    assert other is not None

    def against_answer(a: Values) -> int:
        value, base = a.get(name), a.get(other)
        if value is None or base is None:
            return UNKNOWN
        return MET if test(float(value), float(base) * times) else NOT_MET

    def gaps(a: Values) -> frozenset[str]:
        return frozenset(n for n in (name, other) if a.get(n) is None)

    return against_answer, gaps


def _within_years(node: WithinYears, context: _Context) -> Compiled:
    name, year = node.field, context.on.year
    bound = context.constant(node.years)
    other, times = node.years.field, node.years.times

    def within(a: Values) -> int:
        value = a.get(name)
        if value is None:
            return UNKNOWN
        if bound is None:
            base = a.get(other)  # type: ignore[arg-type]
            if base is None:
                return UNKNOWN
            return MET if year - int(value) <= float(base) * times else NOT_MET
        return MET if year - int(value) <= bound else NOT_MET

    def gaps(a: Values) -> frozenset[str]:
        return frozenset({name if a.get(name) is None else str(other)})

    return within, gaps


def _combine(parts: list[Compiled], any_of: bool) -> Compiled:
    checks = tuple(check for check, _ in parts)
    # all_of: one unmet part decides; any_of: one met part decides; else unknown when any is.
    decisive, otherwise = (MET, NOT_MET) if any_of else (NOT_MET, MET)

    def combined(a: Values) -> int:
        found = otherwise
        for check in checks:
            outcome = check(a)
            if outcome == decisive:
                return decisive
            if outcome == UNKNOWN:
                found = UNKNOWN
        return found

    def gaps(a: Values) -> frozenset[str]:
        return NO_GAPS.union(*[g(a) for c, g in parts if c(a) == UNKNOWN])

    return combined, gaps


class CompiledCondition:
    """One condition in force: its check, the fields it reads, and its reasons built ahead."""

    __slots__ = ("_base", "_met", "_not_met", "_unknown", "check", "fields", "gaps", "id")

    def __init__(self, rule: Rule, condition: Condition, book: Rulebook, context: _Context):
        self.id = condition.id
        self.check, self.gaps = compile_node(condition.test, context)
        self.fields = book.node_fields(condition.test)
        source = condition.source_url or rule.source_url
        self._base = (condition.id, condition.text, source)
        self._met = Reason(condition.id, Outcome.MET, condition.text, source)
        self._not_met = Reason(condition.id, Outcome.NOT_MET, condition.text, source)
        self._unknown: dict[frozenset[str], Reason] = {}

    def reason(self, code: int, a: Values) -> Reason:
        """Return the reason for an outcome (the deciding fields are read when unknown)."""
        if code == MET:
            return self._met
        if code == NOT_MET:
            return self._not_met
        missing = self.gaps(a)
        found = self._unknown.get(missing)
        if found is None:
            condition, text, source = self._base
            found = Reason(condition, Outcome.UNKNOWN, text, source, in_vocabulary_order(missing))
            if len(self._unknown) < 64:
                self._unknown[missing] = found
        return found


class CompiledTrack:
    """One track in force with the conditions in force on the date."""

    __slots__ = ("checks", "conditions", "eligible", "other_role", "track")

    def __init__(self, rule: Rule, track: Track, conditions: list[CompiledCondition]) -> None:
        self.track = track
        self.conditions = tuple(conditions)
        self.checks = tuple(c.check for c in conditions)
        reasons = tuple(c.reason(MET, {}) for c in conditions)
        self.eligible = result(rule, track, Status.ELIGIBLE, reasons, ())
        self.other_role = tuple(c.id in OTHER_ROLE for c in conditions)

    def closeness(self, codes: list[int]) -> tuple[int, int, int]:
        """Return ``results.closeness`` of this track's reasons, from the outcome codes."""
        unmet = [i for i, code in enumerate(codes) if code == NOT_MET]
        other_role = any(self.other_role[i] for i in unmet)
        return int(other_role), len(unmet), -codes.count(MET)

    def reasons(self, codes: list[int], a: Values) -> tuple[Reason, ...]:
        """Return the reasons for these outcome codes."""
        return tuple(c.reason(code, a) for c, code in zip(self.conditions, codes, strict=True))


def _track_code(codes: list[int]) -> int:
    return NOT_MET if NOT_MET in codes else UNKNOWN if UNKNOWN in codes else MET


class CompiledRule:
    """One rule compiled for one date."""

    __slots__ = ("_last", "_made", "before", "fields", "fixed", "memo", "on", "rule", "tracks")

    def __init__(self, book: Rulebook, rule: Rule, on: date) -> None:
        self.rule, self.on = rule, on
        self.fields = book.fields_read(rule)
        # evaluations made, by outcome codes and deciding fields; other derived data by name
        self._made: dict[tuple[Any, ...], Evaluation] = {}
        # the last immutable answers evaluated in full and their outcomes (near-miss search
        # asks for the outcomes of the answers the recommendation has just evaluated)
        self._last: tuple[Values, list[list[int]]] | None = None
        self.memo: dict[str, Any] = {}
        self.before = on < rule.valid_from
        context = _Context(book, rule, on)
        tracks = []
        for track in rule.tracks:
            if not track.in_force(on):
                continue
            conditions = [
                CompiledCondition(rule, c, book, context)
                for c in track.conditions
                if c.in_force(on)
            ]
            if conditions:  # a track whose conditions have all lapsed is closed too
                tracks.append(CompiledTrack(rule, track, conditions))
        self.tracks = tuple(tracks)
        self.fixed: Evaluation | None = None
        if rule.valid_until is not None and on > rule.valid_until:
            self.fixed = ended(rule)
        elif not self.tracks:
            self.fixed = self._dated(no_open_track(rule, on))
        else:
            for compiled in self.tracks:
                compiled.eligible = self._dated(compiled.eligible)

    def _dated(self, evaluation: Evaluation) -> Evaluation:
        return before_valid_from(evaluation, self.rule) if self.before else evaluation

    @property
    def can_be_eligible(self) -> bool:
        """Tell whether some answers could make the rule eligible on this date."""
        return self.fixed is None and not self.before

    def evaluate(self, a: Values) -> Evaluation:
        """Return exactly what the interpreted ``evaluate_rule`` returns."""
        if self.fixed is not None:
            return self.fixed
        every: list[list[int]] = []
        for track in self.tracks:
            codes = [check(a) for check in track.checks]
            if NOT_MET not in codes and UNKNOWN not in codes:
                return track.eligible
            every.append(codes)
        if type(a) is MappingProxyType:
            self._last = (a, every)
        return self.evaluation_of(every, a)

    def outcomes(self, a: Values) -> list[list[int]]:
        """Return the outcome code of every condition of every track in force."""
        last = self._last
        if last is not None and last[0] is a:
            return last[1]
        return [[check(a) for check in track.checks] for track in self.tracks]

    def evaluation_of(self, every: list[list[int]], a: Values) -> Evaluation:
        """Build the evaluation from the outcome codes of every track (see ``outcomes``).

        An evaluation depends only on the codes and on the deciding fields of the unknown
        conditions, so evaluations once made are reused (bounded).
        """
        if self.fixed is not None:
            return self.fixed
        statuses = [_track_code(codes) for codes in every]
        if MET in statuses:
            return self.tracks[statuses.index(MET)].eligible
        key = (
            *[tuple(codes) for codes in every],
            *[
                condition.gaps(a)
                for track, codes in zip(self.tracks, every, strict=True)
                for condition, code in zip(track.conditions, codes, strict=True)
                if code == UNKNOWN
            ],
        )
        found = self._made.get(key)
        if found is None:
            found = self._make(statuses, every, a)
            if len(self._made) >= MADE_PER_RULE:
                self._made.clear()
            self._made[key] = found
        return found

    def deciding(self, every: list[list[int]]) -> int | None:
        """Return the index of the track whose reasons the evaluation gives (None: fixed)."""
        if self.fixed is not None:
            return None
        statuses = [_track_code(codes) for codes in every]
        for wanted in (MET, UNKNOWN):
            if wanted in statuses:
                return statuses.index(wanted)
        keys = [track.closeness(codes) for track, codes in zip(self.tracks, every, strict=True)]
        return keys.index(min(keys))

    def _make(self, statuses: list[int], every: list[list[int]], a: Values) -> Evaluation:
        if UNKNOWN in statuses:
            open_tracks = [i for i, s in enumerate(statuses) if s == UNKNOWN]
            first = self.tracks[open_tracks[0]]
            reasons = first.reasons(every[open_tracks[0]], a)
            missing: set[str] = set()
            for i in open_tracks:
                for condition, code in zip(self.tracks[i].conditions, every[i], strict=True):
                    if code == UNKNOWN:
                        missing |= condition.gaps(a)
            found = result(self.rule, first.track, Status.UNKNOWN, reasons, missing)
            return self._dated(found)
        closest = self.deciding(every)
        assert closest is not None
        track = self.tracks[closest]
        reasons = track.reasons(every[closest], a)
        return self._dated(result(self.rule, track.track, Status.INELIGIBLE, reasons, ()))

    def status(self, a: Values) -> Status:
        """Return the status alone (what ``evaluate(a).status`` gives, without the reasons)."""
        if self.fixed is not None:
            return self.fixed.status
        found = Status.INELIGIBLE
        for track in self.tracks:
            outcome = MET
            for check in track.checks:
                code = check(a)
                if code == NOT_MET:
                    outcome = NOT_MET
                    break
                if code == UNKNOWN:
                    outcome = UNKNOWN
            if outcome == MET:
                return Status.UNKNOWN if self.before else Status.ELIGIBLE
            if outcome == UNKNOWN:
                found = Status.UNKNOWN
        return found

    def eligible_after(
        self, changed: Values, fields: Iterable[str], outcomes: list[list[int]]
    ) -> bool:
        """Tell whether answers changed in ``fields`` only make the rule eligible.

        ``outcomes`` are the conditions' outcomes before the change: a condition that reads
        none of the changed fields keeps its outcome and is not evaluated again.
        """
        if not self.can_be_eligible:
            return False
        touched = frozenset(fields)
        for track, codes in zip(self.tracks, outcomes, strict=True):
            for condition, code in zip(track.conditions, codes, strict=True):
                if condition.fields.isdisjoint(touched):
                    if code != MET:
                        break
                elif condition.check(changed) != MET:
                    break
            else:
                return True
        return False

    def open_fields(self, outcomes: list[list[int]]) -> frozenset[str]:
        """Return the fields read by the conditions not met (see ``nearmiss.open_fields``)."""
        found: set[str] = set()
        for track, codes in zip(self.tracks, outcomes, strict=True):
            for condition, code in zip(track.conditions, codes, strict=True):
                if code != MET:
                    found |= condition.fields
        return frozenset(found)


@dataclass(frozen=True)
class CompiledRulebook:
    """Every rule compiled for one date, with the rules that read each answer field."""

    on: date
    rules: dict[str, CompiledRule]
    readers: dict[str, frozenset[str]]

    def statuses(self, a: Values) -> dict[str, Status]:
        """Return the status of every rule, in the rulebook's order."""
        return {key: rule.status(a) for key, rule in self.rules.items()}

    def statuses_after(
        self, before: Answers, after: Answers, known: Mapping[str, Status]
    ) -> dict[str, Status]:
        """Return every status for ``after``, reusing ``known`` (``before``'s) where possible.

        Only the rules that read a field whose answer differs are evaluated again.
        """
        changed = changed_fields(before, after)
        stale = set().union(*(self.readers.get(name, ()) for name in changed))
        return {
            key: rule.status(after) if key in stale else known[key]
            for key, rule in self.rules.items()
        }


def changed_fields(before: Answers, after: Answers) -> set[str]:
    """Return the fields whose answer differs (in value or type) between two answer sets."""
    names = set(before) | set(after)
    return {n for n in names if not _same(before.get(n), after.get(n))}


def _same(one: AnswerValue | None, other: AnswerValue | None) -> bool:
    return type(one) is type(other) and one == other


def compile_rulebook(book: Rulebook, on: date) -> CompiledRulebook:
    """Compile every rule for ``on``."""
    rules = {key: CompiledRule(book, rule, on) for key, rule in book.rules.items()}
    readers: dict[str, set[str]] = {}
    for key, compiled in rules.items():
        for name in compiled.fields:
            readers.setdefault(name, set()).add(key)
    return CompiledRulebook(on, rules, {k: frozenset(v) for k, v in readers.items()})


CACHED_DATES = 16
_lock = Lock()


def compiled(book: Rulebook, on: date) -> CompiledRulebook:
    """Return the rulebook compiled for ``on``, compiling it the first time (bounded LRU).

    The cache lives on the rulebook: a loaded rulebook is immutable, so it stands for its
    fingerprint, and a reloaded one starts with an empty cache.
    """
    cache: OrderedDict[date, CompiledRulebook] = book.compiled
    with _lock:
        found = cache.get(on)
        if found is not None:
            cache.move_to_end(on)
            return found
    made = compile_rulebook(book, on)
    with _lock:
        cache[on] = made
        while len(cache) > CACHED_DATES:
            cache.popitem(last=False)
    return made


def compiled_rule(book: Rulebook, rule: Rule, on: date) -> CompiledRule:
    """Return one rule compiled for ``on``: from the cache when it is the book's own rule."""
    if book.rules.get(rule.instrument) is rule:
        return compiled(book, on).rules[rule.instrument]
    return CompiledRule(book, rule, on)
