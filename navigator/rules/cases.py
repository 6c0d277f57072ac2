"""YAML test cases for rules (``tests/rules/<instrument>.yaml``) and the runner that checks them.

Each case names a situation in a full sentence, gives the evaluation date and the answers,
and states the expected status; optionally the expected outcome per condition, the missing
fields, the route and the track. The same runner serves pytest and ``navigator rules test``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from navigator.domain.answers import InvalidInput, parse_answers
from navigator.domain.datafiles import DataFileError, format_validation_error, load_yaml
from navigator.domain.text import Strict
from navigator.rules.engine import Evaluation, evaluate_rule
from navigator.rules.loader import Rulebook

OutcomeName = Literal["met", "not_met", "unknown"]


class Expect(Strict):
    """What a case expects."""

    status: Literal["eligible", "ineligible", "unknown"]
    reasons: dict[str, OutcomeName] = Field(default_factory=dict)
    missing: list[str] | None = None
    route: Literal["apply", "via"] | None = None
    track: str | None = None


class Case(Strict):
    """One named rule test case."""

    name: Annotated[str, Field(min_length=20)]
    on: date
    answers: dict[str, Any]
    expect: Expect
    tags: list[Literal["boundary"]] = Field(default_factory=list)


@dataclass(frozen=True)
class LoadedCase:
    """A case with the instrument it tests."""

    instrument: str
    index: int
    case: Case


def load_cases(path: Path) -> list[LoadedCase]:
    """Read one case file.

    Raises:
        DataFileError: when the file is not a list of valid cases.
    """
    raw = load_yaml(path)
    if not isinstance(raw, list) or not raw:
        raise DataFileError(f"{path.name}: expected a non-empty list of cases")
    cases = []
    for index, item in enumerate(raw):
        try:
            cases.append(LoadedCase(path.stem, index, Case.model_validate(item)))
        except ValidationError as error:
            lines = format_validation_error(f"{path.name}[{index}]", error)
            raise DataFileError("\n".join(lines)) from None
    return cases


def load_all_cases(directory: Path) -> list[LoadedCase]:
    """Read every case file in a directory."""
    return [case for path in sorted(directory.glob("*.yaml")) for case in load_cases(path)]


def _compare(case: Case, result: Evaluation) -> list[str]:
    expect = case.expect
    problems = []
    if result.status.value != expect.status:
        problems.append(f"status is {result.status.value}, expected {expect.status}")
    outcomes = {r.condition: r.outcome.value for r in result.reasons}
    for condition, wanted in expect.reasons.items():
        got = outcomes.get(condition, "absent")
        if got != wanted:
            problems.append(f"condition {condition} is {got}, expected {wanted}")
    if expect.missing is not None and sorted(result.missing) != sorted(expect.missing):
        problems.append(f"missing is {list(result.missing)}, expected {expect.missing}")
    if expect.route is not None and result.route != expect.route:
        problems.append(f"route is {result.route}, expected {expect.route}")
    if expect.track is not None and result.track != expect.track:
        problems.append(f"track is {result.track}, expected {expect.track}")
    return problems


def run_case(book: Rulebook, loaded: LoadedCase) -> list[str]:
    """Evaluate one case; return what differs from the expectation (empty when it passes)."""
    rule = book.rules.get(loaded.instrument)
    if rule is None:
        return [f"no rule for instrument {loaded.instrument!r}"]
    case = loaded.case
    try:
        answers = parse_answers(case.answers, on=case.on, known_ids=book.rules)
    except InvalidInput as invalid:
        return [f"invalid answers: {invalid}"]
    return _compare(case, evaluate_rule(book, rule, answers, case.on))
