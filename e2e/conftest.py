"""End-to-end fixtures: a live server on loopback and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser
from werkzeug.serving import make_server

from navigator.app import create_app

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-results"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as e2e."""
    for item in items:
        if Path(str(item.path)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's chromium; Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
        ],
    }


def real_app(database: Path) -> Flask:
    """The real app with CSRF on, on a SQLite file."""
    return create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": True, "DATABASE_URL": f"sqlite:///{database}"}
    )


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a free loopback port while the block runs; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The app that ``live_server`` serves; tests reach its stores to make staff accounts."""
    return real_app(tmp_path_factory.mktemp("e2e") / "navigator.db")


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """Serve the real app on a free loopback port."""
    with serving(live_app) as base:
        yield base


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots that a person looks at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def page_urls(browser: Browser, live_server: str) -> dict[str, str]:
    """Walk the software BV journey once and collect one URL per page type (accessibility and
    phone-width checks visit the same pages)."""
    from e2e.pages import CheckAnswersPage
    from e2e.test_journeys import software_bv_until_check

    page = browser.new_page()
    software_bv_until_check(page, live_server)
    check = page.url
    CheckAnswersPage(page).show_results()
    results = page.url
    base = results.rsplit("/", 1)[0]
    page.close()
    return {
        "start": f"{live_server}/",
        "question": f"{base}/step/size",
        "history": f"{base}/step/history?return_to=check",
        "check": check,
        "results": results,
        "report": f"{base}/report",
        "delete": f"{base}/delete",
        "catalogue": f"{live_server}/instrumenten",
        "instrument": f"{live_server}/instrumenten/wbso",
        "api-docs": f"{live_server}/api/v1/docs",
        "not-found": f"{live_server}/nope",
    }
