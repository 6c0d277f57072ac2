"""axe-core over every page type, results collapsed and expanded, in Dutch and English: no
violations; and a journey end to end with the keyboard only.

axe-core comes from the npm registry through `make test` (.tools/axe, gitignored).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.pages import CheckAnswersPage, StartPage
from e2e.test_journeys import persona

AXE = sorted((Path(__file__).resolve().parent.parent / ".tools" / "axe").glob("axe-*.min.js"))
VIOLATIONS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))
  }));
}"""


@pytest.fixture(scope="module")
def axe_path() -> Path:
    assert AXE, "axe-core is missing: run `make setup-test` (it fetches it from the npm registry)"
    return AXE[-1]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_has_an_axe_violation(
    browser: Browser, live_server: str, page_urls: dict[str, str], axe_path: Path, language: str
) -> None:
    # The CSP allows no inline script: the checker's context may add axe's script tag.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/language/{language}")
    found = {}
    for name, url in page_urls.items():
        page.goto(url)
        page.add_script_tag(path=str(axe_path))
        found[name] = page.evaluate(VIOLATIONS)
        if name == "results":  # and once more with every group and card open
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            found["results-expanded"] = page.evaluate(VIOLATIONS)
    context.close()
    bad = {name: v for name, v in found.items() if v}
    assert not bad, json.dumps(bad, indent=1)


def _tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached {selector} with Tab")


def test_a_journey_with_the_keyboard_only(page: Page, live_server: str) -> None:
    """Start, answer every page asked, check, results and open a card: Tab, Space, Enter."""
    answers = persona("researcher")
    page.goto(live_server + "/")
    _tab_to(page, "button.button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    while "/step/" in page.url:
        names = page.locator("form input[name]").evaluate_all(
            "els => [...new Set(els.map(e => e.name))].filter(n => n !== 'csrf_token')"
        )
        for name in names:
            value = answers.get(name)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            if value is None or value == []:
                continue
            values = value if isinstance(value, list) else [value]
            kind = page.locator(f'input[name="{name}"]').first.get_attribute("type")
            if kind == "radio":  # Tab enters the group, the arrow keys choose
                _tab_to(page, f'input[name="{name}"]')
                for _ in range(20):
                    if page.evaluate("document.activeElement.value") == values[0]:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")  # the first option is focused, not yet chosen
                expect(page.locator(f'input[name="{name}"][value="{values[0]}"]')).to_be_checked()
            elif kind == "checkbox":
                for item in values:
                    _tab_to(page, f'input[name="{name}"][value="{item}"]')
                    page.keyboard.press("Space")
            else:
                _tab_to(page, f'input[name="{name}"]')
                page.keyboard.type(str(value))
        _tab_to(page, "button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    CheckAnswersPage(page)
    _tab_to(page, '[data-testid="show-results"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw resultaten")
    _tab_to(page, '[data-testid="summary"] a, #route a[href^="#card-"]')
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    expect(page.locator(target)).to_be_visible()
    _tab_to(page, "details > summary")
    page.keyboard.press("Enter")
    expect(page.locator("details[open]").first).to_be_visible()


def test_start_is_reachable_without_a_mouse(page: Page, live_server: str) -> None:
    StartPage(page, live_server)
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
