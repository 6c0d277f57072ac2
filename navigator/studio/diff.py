"""A readable diff between two versions of the knowledge base, per instrument: which facts of
the record changed and which parts of the rule (tracks, conditions, parameters, texts).

Works on the parsed data files (JSON and YAML), so every field is covered without knowing the
schema; a change is a dotted path with the old and the new value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from navigator.domain.datafiles import load_yaml


@dataclass(frozen=True)
class Change:
    """One changed value."""

    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class InstrumentDiff:
    """What changed for one instrument."""

    instrument_id: str
    status: str  # "added", "removed" or "changed"
    record: tuple[Change, ...]
    rule: tuple[Change, ...]


@dataclass(frozen=True)
class VersionDiff:
    """What changed between two versions of the knowledge base."""

    before_version: str
    after_version: str
    instruments: tuple[InstrumentDiff, ...]
    shared: tuple[Change, ...]  # _common, _actions, _combinations


def _key(item: Any) -> str | None:
    if isinstance(item, dict):
        for name in ("id", "name"):
            if isinstance(item.get(name), str):
                return str(item[name])
    return None


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths to leaf values; list items with an id are addressed by it, not position."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for name, inner in value.items():
            out.update(_flatten(inner, f"{prefix}.{name}" if prefix else str(name)))
        return out or {prefix: {}}
    if isinstance(value, list):
        keys = [_key(item) for item in value]
        if value and all(keys) and len(set(keys)) == len(keys):
            out = {}
            for key, item in zip(keys, value, strict=True):
                out.update(_flatten(item, f"{prefix}[{key}]"))
            return out
        return {prefix: value}
    return {prefix: value}


def _plain(value: Any) -> Any:
    """Dates and other YAML scalars as JSON values (dates as YYYY-MM-DD)."""
    return json.loads(json.dumps(value, default=str))


def compare(before: Any, after: Any) -> tuple[Change, ...]:
    """Every leaf that was added, removed or changed."""
    old, new = _flatten(_plain(before)), _flatten(_plain(after))
    return tuple(
        Change(path, old.get(path), new.get(path))
        for path in sorted(set(old) | set(new))
        if old.get(path) != new.get(path)
    )


def _records(root: Path) -> tuple[str, dict[str, Any]]:
    data = json.loads((root / "instruments.json").read_text(encoding="utf-8"))
    return str(data.get("catalogue_version", "")), {r["id"]: r for r in data["instruments"]}


def _rules(root: Path) -> dict[str, Any]:
    return {p.stem: load_yaml(p) for p in sorted((root / "rules").glob("*.yaml"))}


def diff_versions(before: Path, after: Path) -> VersionDiff:
    """Compare two knowledge-base folders (each with ``instruments.json`` and ``rules/``)."""
    before_version, old_records = _records(before)
    after_version, new_records = _records(after)
    old_rules, new_rules = _rules(before), _rules(after)
    instruments = []
    for instrument_id in sorted(set(old_records) | set(new_records)):
        record = compare(old_records.get(instrument_id), new_records.get(instrument_id))
        rule = compare(old_rules.get(instrument_id), new_rules.get(instrument_id))
        if not record and not rule:
            continue
        status = (
            "added"
            if instrument_id not in old_records
            else "removed"
            if instrument_id not in new_records
            else "changed"
        )
        instruments.append(InstrumentDiff(instrument_id, status, record, rule))
    shared = tuple(
        Change(f"{name}: {c.path}", c.before, c.after)
        for name in sorted(n for n in set(old_rules) | set(new_rules) if n.startswith("_"))
        for c in compare(old_rules.get(name), new_rules.get(name))
    )
    return VersionDiff(before_version, after_version, tuple(instruments), shared)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    text = (
        json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    )
    return text if len(text) <= 120 else text[:119] + "…"


def as_markdown(diff: VersionDiff, reason: str = "") -> str:
    """The diff as a CHANGELOG entry: the versions, the reason, then per instrument."""
    lines = [f"## {diff.after_version} (was {diff.before_version})", ""]
    if reason:
        lines += [reason, ""]
    if not diff.instruments and not diff.shared:
        lines.append("No changes.")
    for item in diff.instruments:
        lines.append(f"- **{item.instrument_id}** ({item.status})")
        for label, changes in (("record", item.record), ("rule", item.rule)):
            for change in changes:
                where = change.path or label
                lines.append(
                    f"  - {label} `{where}`: {_show(change.before)} → {_show(change.after)}"
                )
    for change in diff.shared:
        lines.append(f"- shared `{change.path}`: {_show(change.before)} → {_show(change.after)}")
    return "\n".join(lines) + "\n"
