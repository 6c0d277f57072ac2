"""Every page type fits a phone: no horizontal overflow at 390×844 (and 320 px wide)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from e2e.pages import CheckAnswersPage
from e2e.test_journeys import software_bv_until_check

PHONE = {"width": 390, "height": 844}


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.fixture(scope="module")
def case_urls(browser: Browser, live_server: str) -> dict[str, str]:
    """Walk the software BV journey once and collect one URL per page type."""
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
        "check": check,
        "results": results,
        "report": f"{base}/report",
        "delete": f"{base}/delete",
        "catalogue": f"{live_server}/instrumenten",
        "instrument": f"{live_server}/instrumenten/wbso",
        "api-docs": f"{live_server}/api/v1/docs",
    }


@pytest.mark.parametrize("width", [390, 320])
def test_no_page_is_wider_than_a_phone(
    browser: Browser, case_urls: dict[str, str], artifacts: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    too_wide = {}
    for name, url in case_urls.items():
        page.goto(url)
        if name == "results":  # open every collapsed group and card too
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = _overflow(page)
        if overflow > 0:
            too_wide[name] = overflow
        if width == 390:
            page.screenshot(path=str(artifacts / f"phone-{name}.png"))
    page.close()
    assert too_wide == {}
