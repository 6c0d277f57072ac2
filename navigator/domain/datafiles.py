"""Strict reading of data files: duplicate keys are errors, and errors are readable lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError


class DataFileError(ValueError):
    """A data file cannot be read or does not match its schema."""


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that rejects a mapping key given twice."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            mark = key_node.start_mark
            raise DataFileError(f"duplicate key {key!r} at line {mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Read one YAML file strictly.

    Raises:
        DataFileError: on a syntax error or a duplicate key, naming the file.
    """
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except DataFileError as error:
        raise DataFileError(f"{path.name}: {error}") from None
    except yaml.YAMLError as error:
        raise DataFileError(f"{path.name}: invalid YAML: {error}") from None


def format_validation_error(source: str, error: ValidationError) -> list[str]:
    """Turn a pydantic error into one readable line per problem."""
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(top)"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{source}: {where}: {message}")
    return lines
