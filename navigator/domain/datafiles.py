"""Strict reading of data files: duplicate keys are errors, and errors are readable lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


class DataFileError(ValueError):
    """A data file cannot be read or does not match its schema."""


# libyaml's parser when PyYAML was built with it (several times faster), else the pure-Python one
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that rejects a mapping key given twice."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise DataFileError(f"duplicate key {key!r} at line {mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# YAML 1.1 reads on/off/yes/no as booleans ("on:" would become True); keep YAML 1.2's
# true/false only, so that a case's "on:" date key and Dutch "no" values stay strings.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(path: Path) -> Any:
    """Read one YAML file strictly.

    Raises:
        DataFileError: on a syntax error or a duplicate key, naming the file.
    """
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)
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


def load_validated(path: Path, model: type[ModelT]) -> ModelT:
    """Read a YAML file strictly and validate it against a pydantic model.

    Raises:
        DataFileError: naming the file and every problem, one per line.
    """
    try:
        return model.model_validate(load_yaml(path))
    except ValidationError as error:
        raise DataFileError("\n".join(format_validation_error(path.name, error))) from None
