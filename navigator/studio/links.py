"""Check every official link of the knowledge base: source pages, application pages and the
sources of rules. A link is fine when it answers 2xx (after redirects); anything else, or no
answer within the timeout, is reported with what happened."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from navigator.domain.datafiles import load_yaml

USER_AGENT = "Navigator link checker (+https://github.com/; catalogue maintenance)"


@dataclass(frozen=True)
class Link:
    """One URL and where the knowledge base uses it."""

    url: str
    used_in: tuple[str, ...]


@dataclass(frozen=True)
class LinkResult:
    """What the URL answered."""

    link: Link
    ok: bool
    status: int | None
    detail: str


def _urls(value: Any, where: str, found: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for inner in value.values():
            _urls(inner, where, found)
    elif isinstance(value, list):
        for inner in value:
            _urls(inner, where, found)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        found.setdefault(value, set()).add(where)


def collect(root: Path) -> list[Link]:
    """Every URL in ``instruments.json`` and ``rules/*.yaml`` under ``root``, with its users."""
    found: dict[str, set[str]] = {}
    data = json.loads((root / "instruments.json").read_text(encoding="utf-8"))
    for record in data["instruments"]:
        _urls(record, f"instruments.json:{record['id']}", found)
    for path in sorted((root / "rules").glob("*.yaml")):
        _urls(load_yaml(path), f"rules/{path.name}", found)
    return [Link(url, tuple(sorted(users))) for url, users in sorted(found.items())]


def check_one(link: Link, timeout: float, session: requests.Session) -> LinkResult:
    """HEAD, then GET when the server does not do HEAD; follow redirects."""
    try:
        response = session.head(link.url, timeout=timeout, allow_redirects=True)
        if response.status_code in (403, 405, 501):
            response = session.get(link.url, timeout=timeout, allow_redirects=True, stream=True)
            response.close()
    except requests.RequestException as error:
        return LinkResult(link, False, None, type(error).__name__)
    moved = f" (now {response.url})" if response.url != link.url else ""
    ok = 200 <= response.status_code < 300
    return LinkResult(link, ok, response.status_code, f"HTTP {response.status_code}{moved}")


def check(
    links: Iterable[Link],
    timeout: float = 10.0,
    workers: int = 8,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check links side by side (bounded); results in the order of ``links``."""
    items = list(links)
    with requests.Session() as session, ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        session.headers["User-Agent"] = USER_AGENT
        results = list(pool.map(lambda link: check_one(link, timeout, session), items))
    if progress:
        for result in results:
            progress(result)
    return results
