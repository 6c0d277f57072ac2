"""A knowledge-base bundle: every data file of one catalogue version as text, by relative
path (``instruments.json``, ``rules/<name>.yaml``, ``cases/<id>.yaml`` for the rule cases).

Bundles move versions between the database and folders (``navigator catalogue export|import``);
``navigator.studio.cache`` loads them as a ``Navigator``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

Bundle = dict[str, str]


def read_folder(catalogue: Path, rules: Path, cases: Path | None = None) -> Bundle:
    """Read a knowledge base from its files."""
    bundle = {"instruments.json": catalogue.read_text(encoding="utf-8")}
    for path in sorted(rules.glob("*.yaml")):
        bundle[f"rules/{path.name}"] = path.read_text(encoding="utf-8")
    if cases is not None and cases.is_dir():
        for path in sorted(cases.glob("*.yaml")):
            bundle[f"cases/{path.name}"] = path.read_text(encoding="utf-8")
    return bundle


def _safe(name: str) -> bool:
    parts = name.split("/")
    return (
        name == "instruments.json"
        or (len(parts) == 2 and parts[0] in ("rules", "cases") and parts[1].endswith(".yaml"))
    ) and not any(p in ("", ".", "..") or p.startswith(".") for p in parts)


def write_folder(bundle: Bundle, folder: Path) -> Path:
    """Write a bundle as files (instruments.json, rules/, cases/) and return the folder."""
    for name in bundle:
        if not _safe(name):
            raise ValueError(f"{name!r} is not a knowledge-base file")
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    (folder / "cases").mkdir(exist_ok=True)
    for name, text in bundle.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def fingerprint(bundle: Bundle) -> str:
    """A SHA-256 over every file's name and text."""
    digest = hashlib.sha256()
    for name in sorted(bundle):
        digest.update(name.encode() + b"\0" + bundle[name].encode() + b"\0")
    return digest.hexdigest()


def catalogue_version(bundle: Bundle) -> str:
    """The ``catalogue_version`` the bundle's instruments.json declares."""
    return str(json.loads(bundle["instruments.json"]).get("catalogue_version", ""))
