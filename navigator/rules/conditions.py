"""The condition language: a registry of small, three-valued evaluators.

A condition is a YAML mapping with exactly one operator key, for example
``{field: employees_fte, below: 250}`` or ``{any_of: [...]}``. Parsing turns it into a
node; evaluating a node gives an outcome (met, not met or unknown) and, when unknown, the
answer fields that would decide it. A missing answer is never false or zero.

There is no ``eval`` and no Python in data: the only operators are the ones registered in
``OPERATORS`` below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from navigator.domain.answers import Answers
from navigator.domain.vocabulary import FIELDS, FieldSpec


class Outcome(StrEnum):
    """The three outcomes of a condition."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verdict:
    """An outcome plus, when unknown, the fields that would decide it."""

    outcome: Outcome
    missing: frozenset[str] = frozenset()


MET = Verdict(Outcome.MET)
NOT_MET = Verdict(Outcome.NOT_MET)


def unknown(*fields: str) -> Verdict:
    """Return an unknown verdict that names the deciding fields."""
    return Verdict(Outcome.UNKNOWN, frozenset(fields))


def verdict(flag: bool) -> Verdict:
    """Turn a Python boolean into met / not met."""
    return MET if flag else NOT_MET


class ConditionError(ValueError):
    """A condition in a data file is malformed."""


@dataclass(frozen=True)
class Env:
    """What a condition can see: the answers, the date, parameters and named predicates."""

    answers: Answers
    on: date
    param: Callable[[str, date], float]
    predicates: Mapping[str, Node]


class Node:
    """A parsed condition."""

    def evaluate(self, env: Env) -> Verdict:
        """Evaluate the condition on ``env``."""
        raise NotImplementedError

    def fields(self) -> frozenset[str]:
        """Return the answer fields this condition reads (for coverage checks)."""
        return frozenset()

    def params(self) -> frozenset[str]:
        """Return the parameter names this condition reads."""
        return frozenset()

    def refs(self) -> frozenset[str]:
        """Return the predicate names this condition refers to."""
        return frozenset()


# --- values a comparison can be made against ---------------------------------------------


@dataclass(frozen=True)
class Value:
    """A number: a literal, a dated parameter, or another answer times a factor."""

    literal: float | None = None
    param: str | None = None
    field: str | None = None
    times: float = 1.0

    def resolve(self, env: Env) -> float | Verdict:
        """Return the number, or an unknown verdict when it depends on a missing answer."""
        if self.literal is not None:
            return self.literal
        if self.param is not None:
            return env.param(self.param, env.on)
        assert self.field is not None
        value = env.answers.get(self.field)
        if value is None:
            return unknown(self.field)
        return float(value) * self.times  # type: ignore[arg-type]


def parse_value(raw: Any) -> Value:
    """Parse a comparison value: ``5``, ``{param: name}`` or ``{field: name, times: 0.5}``."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | dict):
        raise ConditionError(f"a comparison value must be a number or a mapping, got {raw!r}")
    if not isinstance(raw, dict):
        return Value(literal=float(raw))
    if set(raw) == {"param"} and isinstance(raw["param"], str):
        return Value(param=raw["param"])
    if "field" in raw and set(raw) <= {"field", "times"}:
        spec = _numeric_field(raw["field"])
        times = raw.get("times", 1.0)
        if isinstance(times, bool) or not isinstance(times, int | float):
            raise ConditionError("'times' must be a number")
        return Value(field=spec.name, times=float(times))
    raise ConditionError(f"unknown comparison value {raw!r}")


def _field(name: Any) -> FieldSpec:
    if not isinstance(name, str) or name not in FIELDS:
        raise ConditionError(f"unknown answers field {name!r}")
    return FIELDS[name]


def _numeric_field(name: Any) -> FieldSpec:
    spec = _field(name)
    if spec.kind not in ("number", "int"):
        raise ConditionError(f"field {spec.name!r} is not a number")
    return spec


def _check_member(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "bool" and not isinstance(value, bool):
        raise ConditionError(f"field {spec.name!r} takes true or false, not {value!r}")
    if spec.kind in ("enum", "enum_list") and value not in spec.values:
        raise ConditionError(f"{value!r} is not a value of field {spec.name!r}")
    if spec.kind == "id_list" and not isinstance(value, str):
        raise ConditionError(f"field {spec.name!r} takes instrument ids")
    if spec.kind in ("number", "int"):
        raise ConditionError(f"compare number field {spec.name!r} with at_least/at_most/...")
    return value


def _members(spec: FieldSpec, raw: Any) -> frozenset[Any]:
    if not isinstance(raw, list) or not raw:
        raise ConditionError(f"expected a non-empty list of values for {spec.name!r}")
    return frozenset(_check_member(spec, v) for v in raw)


# --- field conditions ---------------------------------------------------------------------


@dataclass(frozen=True)
class FieldNode(Node):
    """A condition on one answer field."""

    field: str

    def fields(self) -> frozenset[str]:
        """Return the one field read."""
        return frozenset({self.field})

    def evaluate(self, env: Env) -> Verdict:
        """Return unknown when the field is not answered, else test the answer."""
        value = env.answers.get(self.field)
        if value is None:
            return unknown(self.field)
        return self.test(value, env)

    def test(self, value: Any, env: Env) -> Verdict:
        """Test an answered value."""
        raise NotImplementedError


@dataclass(frozen=True)
class Equals(FieldNode):
    """``{field: f, equals: v}``: the answer is exactly ``v``."""

    expected: Any

    def test(self, value: Any, env: Env) -> Verdict:
        """Compare with the expected value."""
        return verdict(value == self.expected)


@dataclass(frozen=True)
class In(FieldNode):
    """``{field: f, in: [...]}`` (or ``not_in``): the answer is (not) one of the values."""

    options: frozenset[Any]
    negate: bool = False

    def test(self, value: Any, env: Env) -> Verdict:
        """Check membership."""
        return verdict((value in self.options) != self.negate)


@dataclass(frozen=True)
class ContainsAny(FieldNode):
    """``{field: f, contains_any: [...]}`` (or ``contains_none``) for list answers."""

    options: frozenset[Any]
    negate: bool = False

    def test(self, value: Any, env: Env) -> Verdict:
        """Check whether the answered list shares a value with the options."""
        return verdict(bool(self.options.intersection(value)) != self.negate)


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "at_least": lambda a, b: a >= b,
    "at_most": lambda a, b: a <= b,
    "above": lambda a, b: a > b,
    "below": lambda a, b: a < b,
}


@dataclass(frozen=True)
class Compare(FieldNode):
    """``{field: f, at_least|at_most|above|below: value}`` on a number field."""

    op: str
    bound: Value

    def fields(self) -> frozenset[str]:
        """Return the field and any field the bound refers to."""
        extra = {self.bound.field} if self.bound.field else set()
        return frozenset({self.field, *extra})

    def params(self) -> frozenset[str]:
        """Return the parameter the bound refers to, if any."""
        return frozenset({self.bound.param}) if self.bound.param else frozenset()

    def evaluate(self, env: Env) -> Verdict:
        """Compare; unknown when either side depends on a missing answer."""
        value = env.answers.get(self.field)
        bound = self.bound.resolve(env)
        missing = set() if value is not None else {self.field}
        if isinstance(bound, Verdict):
            missing |= bound.missing
        if missing:
            return unknown(*missing)
        assert not isinstance(bound, Verdict)
        return verdict(_COMPARE[self.op](float(value), bound))  # type: ignore[arg-type]


@dataclass(frozen=True)
class WithinYears(FieldNode):
    """``{field: year_founded, within_years: n}``: at most ``n`` calendar years before ``on``."""

    years: Value

    def params(self) -> frozenset[str]:
        """Return the parameter the bound refers to, if any."""
        return frozenset({self.years.param}) if self.years.param else frozenset()

    def test(self, value: Any, env: Env) -> Verdict:
        """Compare the calendar-year difference with the bound."""
        years = self.years.resolve(env)
        if isinstance(years, Verdict):
            return years
        return verdict(env.on.year - int(value) <= years)


# --- combinators --------------------------------------------------------------------------


@dataclass(frozen=True)
class AllOf(Node):
    """``{all_of: [...]}``: Kleene AND; one unmet part decides, else any unknown part."""

    parts: tuple[Node, ...]

    def evaluate(self, env: Env) -> Verdict:
        """Combine the parts."""
        verdicts = [part.evaluate(env) for part in self.parts]
        if any(v.outcome is Outcome.NOT_MET for v in verdicts):
            return NOT_MET
        return _merge_unknown(verdicts) or MET

    def fields(self) -> frozenset[str]:
        """Return the fields of all parts."""
        return frozenset().union(*(p.fields() for p in self.parts))

    def params(self) -> frozenset[str]:
        """Return the parameters of all parts."""
        return frozenset().union(*(p.params() for p in self.parts))

    def refs(self) -> frozenset[str]:
        """Return the predicates of all parts."""
        return frozenset().union(*(p.refs() for p in self.parts))


@dataclass(frozen=True)
class AnyOf(AllOf):
    """``{any_of: [...]}``: Kleene OR; one met part decides, else any unknown part."""

    def evaluate(self, env: Env) -> Verdict:
        """Combine the parts."""
        verdicts = [part.evaluate(env) for part in self.parts]
        if any(v.outcome is Outcome.MET for v in verdicts):
            return MET
        return _merge_unknown(verdicts) or NOT_MET


def _merge_unknown(verdicts: list[Verdict]) -> Verdict | None:
    missing = [v.missing for v in verdicts if v.outcome is Outcome.UNKNOWN]
    return Verdict(Outcome.UNKNOWN, frozenset().union(*missing)) if missing else None


@dataclass(frozen=True)
class Not(Node):
    """``{not: ...}``: swaps met and not met; unknown stays unknown."""

    part: Node

    def evaluate(self, env: Env) -> Verdict:
        """Negate the part."""
        inner = self.part.evaluate(env)
        if inner.outcome is Outcome.UNKNOWN:
            return inner
        return verdict(inner.outcome is Outcome.NOT_MET)

    def fields(self) -> frozenset[str]:
        """Return the part's fields."""
        return self.part.fields()

    def params(self) -> frozenset[str]:
        """Return the part's parameters."""
        return self.part.params()

    def refs(self) -> frozenset[str]:
        """Return the part's predicates."""
        return self.part.refs()


@dataclass(frozen=True)
class Ref(Node):
    """``{ref: name}``: a named predicate from ``rules/_common.yaml``."""

    name: str

    def evaluate(self, env: Env) -> Verdict:
        """Evaluate the named predicate."""
        return env.predicates[self.name].evaluate(env)

    def refs(self) -> frozenset[str]:
        """Return the predicate name."""
        return frozenset({self.name})


# --- the parser and the registry --------------------------------------------------------


def _parse_field_op(op: str, raw: dict[str, Any]) -> Node:
    spec = _field(raw.get("field"))
    arg = raw[op]
    if op == "equals":
        return Equals(spec.name, _check_member(spec, arg))
    if op in ("in", "not_in"):
        return In(spec.name, _members(spec, arg), negate=op == "not_in")
    if op in ("contains_any", "contains_none"):
        if not spec.is_list:
            raise ConditionError(f"{op} needs a list field, {spec.name!r} is not one")
        return ContainsAny(spec.name, _members(spec, arg), negate=op == "contains_none")
    if op == "within_years":
        if spec.name != "year_founded":
            raise ConditionError("within_years applies to year_founded only")
        return WithinYears(spec.name, parse_value(arg))
    _numeric_field(spec.name)
    return Compare(spec.name, op, parse_value(arg))


def _parse_combinator(op: str, raw: dict[str, Any]) -> Node:
    arg = raw[op]
    if op == "not":
        return Not(parse_condition(arg))
    if op == "ref":
        if not isinstance(arg, str):
            raise ConditionError("ref takes a predicate name")
        return Ref(arg)
    if not isinstance(arg, list) or not arg:
        raise ConditionError(f"{op} takes a non-empty list of conditions")
    parts = tuple(parse_condition(item) for item in arg)
    return AllOf(parts) if op == "all_of" else AnyOf(parts)


FIELD_OPERATORS = frozenset(
    {"equals", "in", "not_in", "contains_any", "contains_none", "within_years", *_COMPARE}
)
COMBINATORS = frozenset({"all_of", "any_of", "not", "ref"})
OPERATORS: dict[str, Callable[[str, dict[str, Any]], Node]] = {
    **dict.fromkeys(FIELD_OPERATORS, _parse_field_op),
    **dict.fromkeys(COMBINATORS, _parse_combinator),
}


def parse_condition(raw: Any) -> Node:
    """Parse one condition mapping into a node.

    Raises:
        ConditionError: naming what is wrong (unknown operator, unknown field, bad value).
    """
    if isinstance(raw, Node):  # already parsed (a shared definition reused by the loader)
        return raw
    if not isinstance(raw, dict):
        raise ConditionError(f"a condition must be a mapping, got {raw!r}")
    ops = [key for key in raw if key in OPERATORS]
    extra = set(raw) - set(ops) - {"field"}
    if len(ops) != 1 or extra:
        raise ConditionError(
            f"a condition needs exactly one operator of {sorted(OPERATORS)}; got keys {sorted(raw)}"
        )
    op = ops[0]
    if op in COMBINATORS and "field" in raw:
        raise ConditionError(f"{op} does not take a field")
    return OPERATORS[op](op, raw)
