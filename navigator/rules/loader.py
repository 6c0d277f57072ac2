"""Load ``rules/`` strictly and check it as a whole (references, parameters, dates)."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from navigator.domain.datafiles import DataFileError, format_validation_error, load_yaml
from navigator.domain.text import Text
from navigator.rules.conditions import Node, Ref
from navigator.rules.schema import Common, Condition, Parameter, Rule, Track

COMMON_FILE = "_common.yaml"


@dataclass(frozen=True)
class Rulebook:
    """All rules, keyed by instrument id, with the shared parameters and predicates."""

    common: Common
    rules: dict[str, Rule]
    predicate_nodes: dict[str, Node] = field(init=False)
    # the compiled forms per evaluation date (``navigator.rules.compiled``), filled on first use
    compiled: OrderedDict[date, Any] = field(
        init=False, repr=False, compare=False, default_factory=OrderedDict
    )

    def __post_init__(self) -> None:
        nodes = {name: p.test for name, p in self.common.predicates.items()}
        object.__setattr__(self, "predicate_nodes", nodes)

    def parameter(self, rule: Rule, name: str) -> Parameter:
        """Return a rule's own parameter, else the shared one of that name."""
        return rule.parameters.get(name) or self.common.parameters[name]

    def fields_read(self, rule: Rule) -> frozenset[str]:
        """Return every answer field a rule reads, through predicates too."""
        return _walk(rule.nodes(), self, lambda n: n.fields())

    def node_fields(self, node: Node) -> frozenset[str]:
        """Return every answer field one condition reads, through predicates too."""
        return _walk([node], self, lambda n: n.fields())

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
    audience_errors = _check_audiences(common, rules.values())
    if audience_errors:
        raise DataFileError("\n".join(errors + audience_errors))
    book = Rulebook(common, {i: expand_rule(common, rule) for i, rule in rules.items()})
    errors.extend(check_rulebook(book))
    if errors:
        raise DataFileError("\n".join(errors))
    return book


INCENTIVE_EFFECT = "project_not_started"
_PARAM = re.compile(r"\{param:([a-z][a-z0-9_]*)\}")


def _check_audiences(common: Common, rules: Iterable[Rule]) -> list[str]:
    errors = []
    for rule in rules:
        for track in rule.tracks:
            errors += [
                f"{rule.instrument}.yaml: track {track.id!r}: audience {name!r} is not defined "
                f"under 'audiences' in {COMMON_FILE}"
                for name in track.audience
                if name not in common.audiences
            ]
            taken = {c.id for c in track.conditions} & (
                {f"audience_{n}" for n in track.audience} | {"incentive_effect"}
            )
            errors += [
                f"{rule.instrument}.yaml: track {track.id!r}: condition id {t!r} is reserved for "
                "the audience and incentive-effect tests the loader adds"
                for t in sorted(taken)
            ]
        if rule.incentive_effect and INCENTIVE_EFFECT not in common.predicates:
            errors.append(f"{COMMON_FILE}: predicate {INCENTIVE_EFFECT!r} is missing")
    return errors


def expand_rule(common: Common, rule: Rule) -> Rule:
    """Put the audience and incentive-effect tests before each track's own conditions.

    Whom a track is for is data on the track (``audience``); the tests that check it are the
    shared definitions of ``_common.yaml``, so every startup or SME track tests the applicant
    the same way and explains it in the same words.
    """
    tracks = [_expand_track(common, rule, track) for track in rule.tracks]
    return rule.model_copy(update={"tracks": tracks})


def _expand_track(common: Common, rule: Rule, track: Track) -> Track:
    added = []
    for name in track.audience:
        audience = common.audiences[name]
        added.append(
            Condition(
                id=f"audience_{name}",
                test=audience.test,
                text=_insert_parameters(audience.text, common, rule),
                source_url=rule.audience_source_url or audience.source_url or rule.source_url,
            )
        )
    if rule.incentive_effect and track.incentive_effect:
        predicate = common.predicates[INCENTIVE_EFFECT]
        added.append(
            Condition(
                id="incentive_effect",
                test=Ref(INCENTIVE_EFFECT),
                text=predicate.text,
                source_url=predicate.source_url,
            )
        )
    # A threshold is written once: condition texts name it as {param:name}.
    own = [
        c.model_copy(update={"text": _insert_parameters(c.text, common, rule)})
        for c in track.conditions
    ]
    return track.model_copy(update={"conditions": [*added, *own]})


def _insert_parameters(text: Text, common: Common, rule: Rule) -> Text:
    """Replace ``{param:name}`` by the parameter's latest value, so a number is written once."""

    def value(match: re.Match[str], lang: str) -> str:
        name = match.group(1)
        parameter = rule.parameters.get(name) or common.parameters.get(name)
        if parameter is None:
            return match.group(0)  # reported by check_rulebook as an unknown parameter
        number = parameter.values[-1].value
        shown = f"{number:,.0f}" if number == int(number) else f"{number:,}"
        return shown.replace(",", ".") if lang == "nl" else shown

    return Text(
        nl=_PARAM.sub(lambda m: value(m, "nl"), text.nl),
        en=_PARAM.sub(lambda m: value(m, "en"), text.en),
    )


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
