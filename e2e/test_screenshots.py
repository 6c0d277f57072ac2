"""Screenshots for a person to look at: start, a question, check, results (collapsed and with
one card open), report and catalogue, at desktop size and at 390×844, in test-results/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from e2e.pages import CheckAnswersPage
from e2e.test_journeys import software_bv_until_check

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots_of_every_page_type(
    browser: Browser, live_server: str, artifacts: Path, size: str
) -> None:
    page = browser.new_page(viewport=SIZES[size])

    def shot(name: str) -> None:
        page.screenshot(path=str(artifacts / f"screen-{size}-{name}.png"), full_page=True)

    page.goto(live_server + "/")
    shot("start")
    page.get_by_role("button", name="Nu beginnen").click()
    base = page.url.rsplit("/step/", 1)[0]
    page.goto(f"{base}/step/size")
    shot("question")
    software_bv_until_check(page, live_server)
    shot("check")
    CheckAnswersPage(page).show_results()
    shot("results")
    page.get_by_test_id("summary").get_by_role("link").first.click()
    target = page.locator("article.card:target")
    expect(target).to_be_visible()
    target.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"screen-{size}-results-card-open.png"))
    page.goto(page.url.split("#")[0].rsplit("/", 1)[0] + "/report")
    shot("report")
    page.goto(live_server + "/instrumenten")
    shot("catalogue")
    page.close()
