"""Every page type fits a phone: no horizontal overflow at 390×844 (and 320 px wide)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from e2e.pages import horizontal_overflow

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("width", [390, 320])
def test_no_page_is_wider_than_a_phone(
    browser: Browser, page_urls: dict[str, str], artifacts: Path, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    too_wide = {}
    for name, url in page_urls.items():
        page.goto(url)
        if name == "results":  # open every collapsed group and card too
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            too_wide[name] = overflow
        if width == 390:
            page.screenshot(path=str(artifacts / f"phone-{name}.png"))
    page.close()
    assert too_wide == {}
