"""Evaluate many cases at once: the statuses of every rule for columns of answers (numpy).

For re-checking saved cases and impact analysis (how many cases a rule change affects). The
semantics are the engine's, three-valued: a missing answer is unknown, never false or zero.
Every condition becomes an array of outcome codes, one per case, ordered so that the
combinators are element-wise minima and maxima:

    MET = 0 < UNKNOWN = 1 < NOT_MET = 2
    all_of (and a track) = max,  any_of = min,  not = 2 - code,  a rule = min over its tracks

and a rule's status code is then 0 eligible, 1 unknown, 2 ineligible (``STATUSES``). Equal
condition nodes (the audience tests every rule shares) are computed once per batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from navigator.domain.vocabulary import FIELDS
from navigator.rules.conditions import (
    AllOf,
    AnyOf,
    Compare,
    ContainsAny,
    Equals,
    In,
    Node,
    Not,
    Ref,
    Value,
    WithinYears,
)
from navigator.rules.loader import Rulebook, parameter_value
from navigator.rules.results import Status
from navigator.rules.schema import Rule

STATUSES = (Status.ELIGIBLE, Status.UNKNOWN, Status.INELIGIBLE)
MET, UNKNOWN, NOT_MET = 0, 1, 2
Codes = NDArray[np.int8]
Mask = NDArray[np.bool_]
CHUNK = 65_536


@dataclass
class Columns:
    """Answers of many cases, one column per field; built from answer mappings by ``columns``."""

    size: int
    present: dict[str, Mask]
    numbers: dict[str, NDArray[np.float64]]  # number, int and bool fields (bool as 0/1)
    choices: dict[str, NDArray[np.int32]]  # enum fields: index in the field's values, -1 absent
    items: dict[str, dict[Any, Mask]]  # list fields: one membership mask per value listed

    def contains(self, name: str, value: Any) -> Mask:
        """Return whether each case's list answer holds ``value``."""
        found = self.items.get(name, {}).get(value)
        return found if found is not None else np.zeros(self.size, dtype=bool)


def columns(profiles: Sequence[Mapping[str, Any]]) -> Columns:
    """Turn validated answers (``Answers``) into columns."""
    size = len(profiles)
    built = Columns(size, {}, {}, {}, {})
    nan = float("nan")
    for name, spec in FIELDS.items():
        values = [p.get(name) for p in profiles]
        if spec.kind in ("number", "int", "bool"):
            numbers = np.array([nan if v is None else v for v in values], dtype=float)
            present = ~np.isnan(numbers)
            if present.any():
                built.present[name], built.numbers[name] = present, numbers
        elif spec.kind == "enum":
            index: dict[Any, int] = {v: i for i, v in enumerate(spec.values)}
            index[None] = -1
            choice = np.array([index.get(v, -2) for v in values], dtype=np.int32)
            present = choice != -1
            if present.any():
                built.present[name], built.choices[name] = present, choice
        else:
            present = np.array([v is not None for v in values], dtype=bool)
            if present.any():
                built.present[name], built.items[name] = present, _memberships(values)
    return built


def _memberships(values: list[Any]) -> dict[Any, Mask]:
    rows: dict[Any, list[int]] = {}
    for row, listed in enumerate(values):
        for item in listed or ():
            rows.setdefault(item, []).append(row)
    masks = {}
    for item, where in rows.items():
        mask = np.zeros(len(values), dtype=bool)
        mask[where] = True
        masks[item] = mask
    return masks


@dataclass
class _Batch:
    book: Rulebook
    on: date
    data: Columns
    memo: dict[Any, Codes] = field(default_factory=dict)

    def leaf(self, name: str, test: Mask) -> Codes:
        """Met where ``test`` holds, not met where not, unknown where ``name`` is unanswered."""
        codes = np.where(test, np.int8(MET), np.int8(NOT_MET)).astype(np.int8)
        present = self.data.present.get(name)
        if present is None:
            codes[:] = UNKNOWN
        else:
            codes[~present] = UNKNOWN
        return codes

    def unknown(self) -> Codes:
        return np.full(self.data.size, UNKNOWN, dtype=np.int8)


def _number(batch: _Batch, name: str) -> NDArray[np.float64]:
    found = batch.data.numbers.get(name)
    return found if found is not None else np.full(batch.data.size, np.nan)


def _bound(value: Value, batch: _Batch, rule: Rule) -> tuple[Any, NDArray[np.float64] | float]:
    """Return a memo key and the bound: a number on the date, or a column times a factor."""
    if value.literal is not None:
        return value.literal, value.literal
    if value.param is not None:
        number = parameter_value(batch.book, rule, value.param, batch.on)
        return number, number
    assert value.field is not None
    return (value.field, value.times), _number(batch, value.field) * value.times


_TESTS = {"at_least": np.greater_equal, "at_most": np.less_equal, "above": np.greater}
_TESTS["below"] = np.less


def _codes(node: Node, batch: _Batch, rule: Rule) -> Codes:
    """Return the outcome codes of one node for every case (memoised per equal node)."""
    if isinstance(node, Ref):
        return _codes(batch.book.predicate_nodes[node.name], batch, rule)
    key: Any = node
    if isinstance(node, Compare | WithinYears):
        bound = node.bound if isinstance(node, Compare) else node.years
        key = (node, _bound(bound, batch, rule)[0])
    elif isinstance(node, AllOf | Not):
        key = None  # combinators are cheap; their parts are memoised
    if key is not None and key in batch.memo:
        return batch.memo[key]
    found = _compute(node, batch, rule)
    if key is not None:
        batch.memo[key] = found
    return found


def _compute(node: Node, batch: _Batch, rule: Rule) -> Codes:
    data = batch.data
    if isinstance(node, Not):
        return (NOT_MET - _codes(node.part, batch, rule)).astype(np.int8)
    if isinstance(node, AllOf):
        parts = [_codes(p, batch, rule) for p in node.parts]
        combine = np.minimum if isinstance(node, AnyOf) else np.maximum
        return combine.reduce(parts) if len(parts) > 1 else parts[0]
    if isinstance(node, Compare | WithinYears):
        return _compare(node, batch, rule)
    if isinstance(node, Equals | In):
        options = [node.expected] if isinstance(node, Equals) else list(node.options)
        negate = isinstance(node, In) and node.negate
        spec = FIELDS[node.field]
        if spec.kind == "enum":
            choice = data.choices.get(node.field, np.full(data.size, -1, dtype=np.int32))
            wanted = [spec.values.index(v) for v in options]
            test = np.isin(choice, wanted)
        elif spec.kind in ("number", "int", "bool"):
            test = np.isin(_number(batch, node.field), [float(v) for v in options])
        else:  # a list answer never equals a single value
            test = np.zeros(data.size, dtype=bool)
        return batch.leaf(node.field, test != negate)
    if isinstance(node, ContainsAny):
        test = np.zeros(data.size, dtype=bool)
        for option in node.options:
            test |= data.contains(node.field, option)
        return batch.leaf(node.field, test != node.negate)
    raise TypeError(f"cannot evaluate {type(node).__name__} in a batch")  # pragma: no cover


def _compare(node: Compare | WithinYears, batch: _Batch, rule: Rule) -> Codes:
    value = _number(batch, node.field)
    if isinstance(node, Compare):
        _, bound = _bound(node.bound, batch, rule)
        with np.errstate(invalid="ignore"):
            test = _TESTS[node.op](value, bound)
        codes = batch.leaf(node.field, test)
        if node.bound.field is not None:
            codes[np.isnan(bound)] = UNKNOWN
        return codes
    _, years = _bound(node.years, batch, rule)
    with np.errstate(invalid="ignore"):
        test = (batch.on.year - np.trunc(value)) <= years
    codes = batch.leaf(node.field, test)
    if node.years.field is not None:
        codes[np.isnan(years) & ~np.isnan(value)] = UNKNOWN
    return codes


def _rule_codes(rule: Rule, batch: _Batch) -> Codes:
    on = batch.on
    if rule.valid_until is not None and on > rule.valid_until:
        return np.full(batch.data.size, NOT_MET, dtype=np.int8)
    best: Codes | None = None
    for track in rule.tracks:
        if not track.in_force(on):
            continue
        conditions = [c for c in track.conditions if c.in_force(on)]
        if not conditions:
            continue
        parts = [_codes(c.test, batch, rule) for c in conditions]
        outcome = np.maximum.reduce(parts) if len(parts) > 1 else parts[0]
        best = outcome if best is None else np.minimum(best, outcome)
    if best is None:
        return np.full(batch.data.size, NOT_MET, dtype=np.int8)
    if on < rule.valid_from:
        best = np.where(best == MET, np.int8(UNKNOWN), best).astype(np.int8)
    return best.astype(np.int8, copy=False)


def evaluate_batch(
    book: Rulebook,
    profiles: Sequence[Mapping[str, Any]] | Columns,
    on: date,
    only: Iterable[str] | None = None,
) -> dict[str, Codes]:
    """Return, per rule, the status code of every case (an index into ``STATUSES``).

    Args:
        book: the rulebook.
        profiles: validated answers per case (``Answers``), or ``columns`` of them.
        on: the evaluation date.
        only: the instruments to evaluate (default: every rule).

    Returns:
        ``{instrument id: int8 array}``; ``STATUSES[code]`` is what ``rule_status`` gives.
    """
    keys = sorted(book.rules) if only is None else list(only)
    if not isinstance(profiles, Columns):
        if len(profiles) > CHUNK:
            parts = [
                evaluate_batch(book, profiles[start : start + CHUNK], on, keys)
                for start in range(0, len(profiles), CHUNK)
            ]
            return {key: np.concatenate([p[key] for p in parts]) for key in keys}
        profiles = columns(profiles)
    batch = _Batch(book, on, profiles)
    return {key: _rule_codes(book.rules[key], batch) for key in keys}


def status_counts(codes: Mapping[str, Codes]) -> dict[str, dict[Status, int]]:
    """Return how many cases each rule finds eligible, unknown and ineligible."""
    return {
        key: {
            status: int(n) for status, n in zip(STATUSES, np.bincount(c, minlength=3), strict=True)
        }
        for key, c in codes.items()
    }
