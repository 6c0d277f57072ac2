"""The domain is plain Python: no Flask, WTForms or SQLModel below these packages."""

from __future__ import annotations

import ast
from pathlib import Path

import navigator

DOMAIN = ["domain", "rules", "wizard", "ranking", "recommend.py", "contract.py"]
FORBIDDEN = ("flask", "flask_wtf", "flask_babel", "wtforms", "sqlmodel", "sqlalchemy")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_code_imports_no_web_or_database_framework() -> None:
    root = Path(navigator.__file__).parent
    files = [
        p
        for part in DOMAIN
        for p in ((root / part).rglob("*.py") if (root / part).is_dir() else [root / part])
    ]
    assert files
    offenders = {str(p.relative_to(root)): _imports(p) & set(FORBIDDEN) for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}
