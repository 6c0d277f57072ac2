"""Load ``rules/`` strictly and check it as a whole (references, parameters, dates)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from navigator.domain.datafiles import DataFileError, format_validation_error, load_yaml
from navigator.rules.conditions import Node
from navigator.rules.schema import Common, Parameter, Rule

COMMON_FILE = "_common.yaml"


@dataclass(frozen=True)
class Rulebook:
    """All rules, keyed by instrument id, with the shared parameters and predicates."""

    common: Common
    rules: dict[str, Rule]
    predicate_nodes: dict[str, Node] = field(init=False)

    def __post_init__(self) -> None:
        nodes = {name: p.test for name, p in self.common.predicates.items()}
        object.__setattr__(self, "predicate_nodes", nodes)

    def parameter(self, rule: Rule, name: str) -> Parameter:
        """Return a rule's own parameter, else the shared one of that name."""
        return rule.parameters.get(name) or self.common.parameters[name]

    def fields_read(self, rule: Rule) -> frozenset[str]:
        """Return every answer field a rule reads, through predicates too."""
        return _walk(rule.nodes(), self, lambda n: n.fields())

    def params_read(self, rule: Rule) -> frozenset[str]:
        """Return every parameter name a rule reads, through predicates too."""
        return _walk(rule.nodes(), self, lambda n: n.params())


def _walk(nodes: Iterable[Node], book: Rulebook, pick: object) -> frozenset[str]:
    found: set[str] = set()
    pending = list(nodes)
    seen: set[str] = set()
    while pending:
        node = pending.pop()
        found |= pick(node)  # type: ignore[operator]
        for name in node.refs() - seen:
            seen.add(name)
            pending.append(book.common.predicates[name].test)
    return frozenset(found)


def _read(path: Path, model: type[Rule] | type[Common], errors: list[str]) -> object | None:
    try:
        return model.model_validate(load_yaml(path) or {})
    except DataFileError as error:
        errors.append(str(error))
    except ValidationError as error:
        errors.extend(format_validation_error(path.name, error))
    return None


def load_rulebook(rules_dir: Path) -> Rulebook:
    """Load every rule file and the shared file, and check them together.

    Raises:
        DataFileError: listing every problem found, one per line.
    """
    errors: list[str] = []
    common = _read(rules_dir / COMMON_FILE, Common, errors)
    rules: dict[str, Rule] = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        if path.name.startswith("_"):  # shared files: _common, _actions, _combinations
            continue
        rule = _read(path, Rule, errors)
        if isinstance(rule, Rule):
            if rule.instrument != path.stem:
                errors.append(f"{path.name}: instrument {rule.instrument!r} differs from file name")
            rules[rule.instrument] = rule
    if not isinstance(common, Common):
        raise DataFileError("\n".join(errors))
    book = Rulebook(common, rules)
    errors.extend(check_rulebook(book))
    if errors:
        raise DataFileError("\n".join(errors))
    return book


def check_rulebook(book: Rulebook) -> list[str]:
    """Return problems that no single file shows: dangling references and undated parameters."""
    errors = _check_predicates(book.common)
    for rule in book.rules.values():
        source = f"{rule.instrument}.yaml"
        refs = {r for node in rule.nodes() for r in node.refs()}
        errors += [f"{source}: unknown predicate {r!r}" for r in refs - set(book.common.predicates)]
        if refs - set(book.common.predicates):
            continue
        for name in sorted(book.params_read(rule)):
            if name not in rule.parameters and name not in book.common.parameters:
                errors.append(f"{source}: unknown parameter {name!r}")
            elif book.parameter(rule, name).at(rule.valid_from) is None:
                errors.append(f"{source}: parameter {name!r} has no value on {rule.valid_from}")
    return errors


def _check_predicates(common: Common) -> list[str]:
    errors = []
    names = set(common.predicates)
    for name, predicate in common.predicates.items():
        unknown = predicate.test.refs() - names
        errors += [f"{COMMON_FILE}: predicate {name!r} refers to unknown {u!r}" for u in unknown]
        if name in _reachable(common, name):
            errors.append(f"{COMMON_FILE}: predicate {name!r} refers to itself")
    return errors


def _reachable(common: Common, start: str) -> set[str]:
    seen: set[str] = set()
    pending = list(common.predicates[start].test.refs())
    while pending:
        name = pending.pop()
        if name in seen or name not in common.predicates:
            continue
        seen.add(name)
        pending.extend(common.predicates[name].test.refs())
    return seen


def parameter_value(book: Rulebook, rule: Rule, name: str, on: date) -> float:
    """Return the value of a parameter on a date (the earliest value before its first date)."""
    parameter = book.parameter(rule, name)
    value = parameter.at(on)
    return parameter.values[0].value if value is None else value
