"""Collect ``tests/rules/<instrument>.yaml`` cases as pytest items (``pytest -k wbso``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from navigator import paths
from navigator.rules.cases import LoadedCase, load_cases, run_case
from navigator.rules.loader import Rulebook, load_rulebook

_BOOK: list[Rulebook] = []


def _rulebook() -> Rulebook:
    if not _BOOK:
        _BOOK.append(load_rulebook(paths.rules_dir()))
    return _BOOK[0]


class RuleCaseFile(pytest.File):
    """A YAML file of rule cases."""

    def collect(self) -> Iterator[pytest.Item]:
        """Yield one item per case."""
        for loaded in load_cases(Path(self.path)):
            yield RuleCase.from_parent(self, name=loaded.case.name, loaded=loaded)


class RuleCase(pytest.Item):
    """One rule case."""

    def __init__(self, *, loaded: LoadedCase, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded

    def runtest(self) -> None:
        """Evaluate the case and fail with every difference."""
        problems = run_case(_rulebook(), self.loaded)
        if problems:
            raise RuleCaseFailure(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Show the differences, not a traceback."""
        if isinstance(excinfo.value, RuleCaseFailure):
            return f"{self.loaded.instrument}: {self.name}\n  " + "\n  ".join(
                excinfo.value.problems
            )
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Name the file and case in reports."""
        return Path(self.path), self.loaded.index, f"{self.loaded.instrument}: {self.name}"


class RuleCaseFailure(Exception):
    """A rule case did not give what it expects."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect YAML case files in this directory."""
    if file_path.suffix == ".yaml" and file_path.parent == Path(__file__).parent:
        return RuleCaseFile.from_parent(parent, path=file_path)
    return None
