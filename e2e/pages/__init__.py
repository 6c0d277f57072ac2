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
        """Press Continue and wait for the next page (the form is posted, never scripted)."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Doorgaan").click()
        return self

    def expect_title(self, text: str) -> None:
        """Expect the page heading."""
        expect(self.heading()).to_have_text(text)

    def answer_asked(self, answers: dict[str, object]) -> list[str]:
        """Answer the questions this page asks from ``answers`` (by field name; absent: left
        empty), press Continue and return the fields that were asked.
        """
        names = self.page.locator("form input[name], form select[name]").evaluate_all(
            "els => [...new Set(els.map(e => e.name))].filter(n => n !== 'csrf_token')"
        )
        for name in names:
            value = answers.get(name)
            if value is None:
                continue
            if isinstance(value, bool):
                self.page.locator(
                    f'input[name="{name}"][value="{"yes" if value else "no"}"]'
                ).check()
            elif isinstance(value, list):
                for item in value or ["__none__"]:
                    self.page.locator(f'input[name="{name}"][value="{item}"]').check()
            elif self.page.locator(f'input[type="radio"][name="{name}"]').count():
                self.page.locator(f'input[name="{name}"][value="{value}"]').check()
            else:
                self.page.locator(f'input[name="{name}"]').fill(str(value).replace(".", ","))
        self.continue_()
        return list(names)

    def answer_until_check(self, answers: dict[str, object]) -> list[str]:
        """Answer every page asked until the check page; return the fields asked, in order."""
        asked: list[str] = []
        while "/step/" in self.page.url:
            asked += self.answer_asked(answers)
            assert len(asked) < 60
        return asked

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

    def expand_all(self) -> ResultsPage:
        """Open every collapsed group by clicking its summary (as a user would)."""
        summaries = self.page.locator("details:not([open]) > summary")
        while summaries.count():
            summaries.first.click()
        return self

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


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
