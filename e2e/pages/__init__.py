"""Page objects with role-based locators, one per page type."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect


class StartPage:
    """The start page."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def start(self) -> QuestionPage:
        """Open the start page and press the start button."""
        self.page.goto(self.base_url + "/")
        self.page.get_by_role("button", name="Nu beginnen").click()
        return QuestionPage(self.page)


class QuestionPage:
    """A wizard question page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def heading(self) -> Locator:
        """Return the page's h1."""
        return self.page.get_by_role("heading", level=1)

    def choose(self, question: str, *options: str) -> QuestionPage:
        """Tick radios or checkboxes by their labels inside the question's fieldset."""
        group = self.page.get_by_role("group", name=question)
        for option in options:
            group.get_by_label(option, exact=True).check()
        return self

    def fill(self, question: str, text: str) -> QuestionPage:
        """Type into a text field by its label."""
        self.page.get_by_label(question, exact=True).fill(text)
        return self

    def continue_(self) -> QuestionPage:
        """Press Continue."""
        self.page.get_by_role("button", name="Doorgaan").click()
        return self

    def expect_title(self, text: str) -> None:
        """Expect the page heading."""
        expect(self.heading()).to_have_text(text)

    def resume_link(self) -> str:
        """Return the private link shown under the form."""
        return str(self.page.get_by_test_id("resume-link").first.get_attribute("href"))


class CheckAnswersPage:
    """Check your answers."""

    def __init__(self, page: Page) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")

    def value_of(self, field: str) -> Locator:
        """Return the shown value of one answer."""
        return self.page.locator(f'[data-field="{field}"] .summary-list__value')

    def change(self, field: str) -> QuestionPage:
        """Follow the change link of one answer."""
        self.page.locator(f'[data-field="{field}"]').get_by_role("link", name="Wijzigen").click()
        return QuestionPage(self.page)

    def show_results(self) -> ResultsPage:
        """Go to the results."""
        self.page.get_by_test_id("show-results").click()
        return ResultsPage(self.page)


class ResultsPage:
    """The results page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw resultaten")

    def tier(self, status: str) -> Locator:
        """Return one tier section: eligible, unknown or ineligible."""
        return self.page.get_by_test_id(f"tier-{status}")

    def card(self, instrument_id: str) -> Locator:
        """Return one instrument card."""
        return self.page.locator(f'article[data-instrument="{instrument_id}"]')


def staff_login(browser: Browser, base: str, email: str, password: str, landing: str) -> Page:
    """Log a staff member in, in a browser context of their own; wait for ``landing`` (a test
    id on the page they arrive at)."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/account/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_test_id("login").click()
    expect(page.get_by_test_id(landing)).to_be_visible()
    return page
