"""Turn a data-file error into something a maintainer can act on: the file, the line, the
track and condition it is in, and the likely fix ("did you mean `at_least`?").

Errors come from the loaders as lines ``<file>: <dotted.path>: <message>``.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from navigator.domain.vocabulary import FIELDS

_LINE = re.compile(
    r"^(?P<file>[^:\s]+\.(?:yaml|json))(?:\[(?P<index>\d+)\])?: "
    r"(?:(?P<path>[\w.\[\]-]+): )?(?P<message>.*)$"
)
_LIST = re.compile(r"\[('[^\]]*')\]")


@dataclass(frozen=True)
class Problem:
    """One error, located and explained."""

    file: str
    line: int | None
    where: str  # "track founders, condition project_size" or the dotted path
    message: str
    hint: str | None


def _lists(message: str) -> list[list[str]]:
    found = []
    for match in _LIST.finditer(message):
        try:
            value = ast.literal_eval("[" + match.group(1) + "]")
        except (ValueError, SyntaxError):
            continue
        found.append([str(v) for v in value])
    return found


def _hint(message: str) -> str | None:
    lists = _lists(message)
    if "got keys" in message and len(lists) >= 2:
        allowed, got = lists[0], lists[-1]
        for key in got:
            if key not in allowed and key != "field":
                close = difflib.get_close_matches(key, allowed, n=1)
                if close:
                    return f"did you mean `{close[0]}` instead of `{key}`?"
                return f"`{key}` is not an operator; use one of {', '.join(allowed)}"
    for word in re.findall(r"'([a-z_]+)'", message):
        if word not in FIELDS:
            close = difflib.get_close_matches(word, list(FIELDS), n=1)
            if close:
                return f"did you mean the answer field `{close[0]}` instead of `{word}`?"
    return None


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.split("."):
        parts.append(int(piece) if piece.isdigit() else piece)
    return parts


def _node_line(text: str, parts: list[str | int]) -> int | None:
    try:
        node: Any = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return mark.line + 1 if mark else None
    line = None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line = next(k for k, v in node.value if v is match).start_mark.line + 1
            node = match
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _where(data: Any, parts: list[str | int], path: str) -> str:
    names = []
    if len(parts) >= 2 and parts[0] == "tracks" and isinstance(parts[1], int):
        tracks = data.get("tracks") if isinstance(data, dict) else None
        if isinstance(tracks, list) and parts[1] < len(tracks):
            track = tracks[parts[1]]
            names.append(f"track {track.get('id', parts[1])}")
            if len(parts) >= 4 and parts[2] == "conditions" and isinstance(parts[3], int):
                conditions = track.get("conditions") or []
                if parts[3] < len(conditions):
                    names.append(f"condition {conditions[parts[3]].get('id', parts[3])}")
    return ", ".join(names) or path


def explain(error_text: str, files: dict[str, str]) -> list[Problem]:
    """Explain every line of a loader error; ``files`` maps file names to their text."""
    problems = []
    for raw in error_text.splitlines():
        match = _LINE.match(raw.strip())
        if match is None:
            problems.append(Problem("", None, "", raw.strip(), _hint(raw)))
            continue
        name, path, message = match["file"], match["path"] or "", match["message"]
        text = files.get(name, "")
        parts = _parts(path) if path else []
        if match["index"] is not None:
            parts = [int(match["index"]), *parts]
        line = _node_line(text, parts) if text and parts else None
        try:
            data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError):
            data = None
        problems.append(Problem(name, line, _where(data, parts, path), message, _hint(message)))
    return problems
