"""Where the data files live by default: the repository checkout this package runs from."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_path(env_name: str, default: str) -> Path:
    """Return a data path from the environment, else relative to the repository root."""
    value = os.environ.get(env_name)
    return Path(value) if value else ROOT / default


def catalogue_path() -> Path:
    """Return the path of ``instruments.json``."""
    return data_path("NAVIGATOR_CATALOGUE_PATH", "instruments.json")


def rules_dir() -> Path:
    """Return the directory of rule files."""
    return data_path("NAVIGATOR_RULES_DIR", "rules")


def rule_cases_dir() -> Path:
    """Return the directory of the rules' YAML test cases."""
    return data_path("NAVIGATOR_RULE_CASES_DIR", "tests/rules")
