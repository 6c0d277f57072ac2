"""One invalid rule fixture per failure mode, each with the message it must produce."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from navigator import paths
from navigator.domain.datafiles import DataFileError
from navigator.rules.loader import load_rulebook

FIXTURES = sorted((Path(__file__).parent.parent / "data" / "invalid_rules").glob("*.yaml"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: ")
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_invalid_rule_is_rejected_with_its_message(fixture: Path, tmp_path: Path) -> None:
    shutil.copy(paths.rules_dir() / "_common.yaml", tmp_path / "_common.yaml")
    shutil.copy(fixture, tmp_path / fixture.name)
    with pytest.raises(DataFileError) as error:
        load_rulebook(tmp_path)
    assert _expected(fixture) in str(error.value)
    assert fixture.name in str(error.value)


def test_there_is_a_fixture_per_failure_mode() -> None:
    assert len(FIXTURES) >= 12


T = "text: {nl: a, en: a}"
SRC = "source_url: 'https://a.nl'"
Q = "quality: model"


@pytest.mark.parametrize(
    ("loader", "text", "message"),
    [
        (
            "actions",
            f"actions: [{{id: x, field: year_of_birth, set: true, effort: 1, {T}}}]",
            "unknown answers field",
        ),
        (
            "actions",
            f"actions: [{{id: x, field: has_ip, set: true, add: y, effort: 1, {T}}}]",
            "exactly one of set, add, to_bound",
        ),
        (
            "combinations",
            f"combinations: [{{id: x, kind: one_of, instruments: [a], {SRC}, {Q}, {T}}}]",
            "at least two instruments",
        ),
        (
            "combinations",
            f"combinations: [{{id: x, kind: cumulation_limit, quality: model, {SRC}, {T}}}]",
            "names a state_aid basis",
        ),
    ],
)
def test_invalid_action_and_combination_files_name_the_problem(
    tmp_path: Path, loader: str, text: str, message: str
) -> None:
    from navigator.advice.combinations import load_combinations
    from navigator.rules.nearmiss import load_actions

    path = tmp_path / f"_{loader}.yaml"
    path.write_text(text)
    load = load_actions if loader == "actions" else load_combinations
    with pytest.raises(DataFileError) as error:
        load(path)
    assert message in str(error.value) and path.name in str(error.value)
