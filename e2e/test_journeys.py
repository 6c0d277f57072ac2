"""Full journeys in a real browser, a validation error, a change, resume by link, language."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from e2e.pages import CheckAnswersPage, QuestionPage, StartPage

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# Questions each persona needed with the fixed order, before adaptive questions.
BEFORE = {"software-bv": 35, "researcher": 28, "scale-up": 35, "manufacturer": 35}


def persona(name: str) -> dict[str, object]:
    """Return the answers of a journey persona in tests/data."""
    return json.loads((DATA / f"journey-{name}.json").read_text(encoding="utf-8"))["answers"]


def walk_persona(page: Page, live_server: str, name: str, artifacts: Path | None = None) -> int:
    """Answer whatever the wizard asks from the persona until the check page; return the
    number of questions asked (and note it next to the fixed order's in test-results/).
    """
    q = StartPage(page, live_server).start()
    expect(page.get_by_test_id("progress")).to_contain_text("Vraag 1 van ongeveer")
    asked = q.answer_until_check(persona(name))
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    if artifacts is not None:
        note = artifacts / f"questions-{name}.txt"
        note.write_text(
            f"{name}: {len(asked)} questions (fixed order: {BEFORE[name]})\n"
            + "\n".join(asked)
            + "\n",
            encoding="utf-8",
        )
    return len(asked)


def software_bv_until_check(page: Page, live_server: str) -> None:
    walk_persona(page, live_server, "software-bv")


def test_journey_software_bv_in_utrecht(page: Page, live_server: str, artifacts: Path) -> None:
    assert walk_persona(page, live_server, "software-bv", artifacts) < BEFORE["software-bv"]
    results = CheckAnswersPage(page).show_results()
    # The detailed groups start collapsed; a link in the summary opens its card.
    expect(results.card("wbso")).to_be_hidden()
    page.get_by_test_id("summary").get_by_role("link").first.click()
    expect(page.locator("details[open] article.card").first).to_be_visible()
    results.expand_all()
    eligible = results.tier("eligible")
    expect(eligible.locator('article[data-instrument="wbso"]')).to_be_visible()
    expect(eligible.locator('article[data-instrument="mit-haalbaarheid"]')).to_be_visible()
    expect(results.card("wbso")).to_contain_text("Feiten per")
    expect(
        results.tier("ineligible").locator('article[data-instrument="take-off-1"]')
    ).to_be_attached()
    route = page.get_by_test_id("route-timeline")
    expect(route.locator('[data-instrument="wbso"]')).to_be_visible()
    near_miss = results.card("innovatiekrediet").get_by_test_id("near-miss")
    expect(near_miss).to_contain_text("intentieverklaring")
    page.get_by_test_id("route").screenshot(path=str(artifacts / "route-software-bv.png"))
    page.screenshot(path=str(artifacts / "results-software-bv.png"), full_page=True)


def test_journey_researcher_without_a_company(
    page: Page, live_server: str, artifacts: Path
) -> None:
    assert walk_persona(page, live_server, "researcher", artifacts) < 20
    results = CheckAnswersPage(page).show_results().expand_all()
    expect(
        results.tier("eligible").locator('article[data-instrument="take-off-1"]')
    ).to_be_visible()
    expect(results.tier("ineligible").locator('article[data-instrument="wbso"]')).to_be_attached()
    expect(
        page.get_by_test_id("route-timeline").locator('[data-instrument="take-off-1"]')
    ).to_be_visible()
    page.get_by_test_id("route").screenshot(path=str(artifacts / "route-researcher.png"))
    page.screenshot(path=str(artifacts / "results-researcher.png"), full_page=True)


def test_journey_scale_up_looking_for_five_million(
    page: Page, live_server: str, artifacts: Path
) -> None:
    assert walk_persona(page, live_server, "scale-up", artifacts) < BEFORE["scale-up"]
    results = CheckAnswersPage(page).show_results()
    route = page.get_by_test_id("route-timeline")
    expect(route.locator('[data-instrument="rom-bom"]')).to_be_visible()
    expect(route.locator('[data-instrument="deep-tech-fonds"]')).to_be_visible()
    expect(results.tier("ineligible").locator('article[data-instrument="vff"]')).to_be_attached()
    page.get_by_test_id("route").screenshot(path=str(artifacts / "route-scale-up.png"))


def test_journey_advisor_for_a_40_fte_manufacturer_seeking_a_loan(
    page: Page, live_server: str, artifacts: Path
) -> None:
    """An advisor for a 2005 Brabant manufacturer: loans only, €1.5M, an investor's letter."""
    assert walk_persona(page, live_server, "manufacturer", artifacts) < BEFORE["manufacturer"]
    results = CheckAnswersPage(page).show_results().expand_all()
    fits = results.tier("eligible")
    expect(fits.locator('article[data-instrument="innovatiekrediet"]')).to_be_visible()
    expect(fits.locator('article[data-instrument="seed-capital"]')).to_have_count(0)
    expect(fits.locator('article[data-instrument="wbso"]')).to_have_count(0)  # not a loan
    expect(page.get_by_test_id("tier-other-form")).to_be_visible()
    expect(results.card("innovatiekrediet").get_by_test_id("award")).to_contain_text("commissie")
    page.screenshot(path=str(artifacts / "results-manufacturer.png"), full_page=True)


def test_a_validation_error_is_summarised_and_keeps_the_input(
    page: Page, live_server: str, artifacts: Path
) -> None:
    q = StartPage(page, live_server).start()
    q.continue_()  # role left empty: allowed
    q.continue_()  # organisation left empty
    page.goto(page.url.rsplit("/", 1)[0] + "/size")
    q.fill("Hoeveel mensen werken er, in fte?", "vijf").fill(
        "Wat is de jaaromzet?", "€ 1,2 miljoen"
    ).continue_()
    expect(page).to_have_title("Fout: Omvang van de onderneming – Navigator")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name="Vul het aantal fte in als getal, bijvoorbeeld 5")
    ).to_be_visible()
    expect(page.get_by_label("Hoeveel mensen werken er, in fte?", exact=True)).to_have_value("vijf")
    expect(page.get_by_label("Wat is de jaaromzet?", exact=True)).to_have_value("€ 1,2 miljoen")
    page.screenshot(path=str(artifacts / "validation-error.png"), full_page=True)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Hoeveel mensen werken er, in fte?", exact=True)).to_be_focused()


def test_change_from_check_your_answers(page: Page, live_server: str) -> None:
    software_bv_until_check(page, live_server)
    check = CheckAnswersPage(page)
    expect(check.value_of("employees_fte")).to_have_text("5 fte")
    q = check.change("employees_fte")
    q.fill("Hoeveel mensen werken er, in fte?", "7,5").continue_()
    check = CheckAnswersPage(page)
    expect(check.value_of("employees_fte")).to_have_text("7,5 fte")
    expect(check.value_of("province")).to_have_text("Utrecht")


def test_resume_by_link_in_another_browser(page: Page, browser: Browser, live_server: str) -> None:
    q = StartPage(page, live_server).start()
    q.choose(
        "Wat past het best bij u?", "Ondernemer of oprichter (ook als u nog niet bent ingeschreven)"
    ).continue_()
    q.choose(
        "Wat is de rechtsvorm van de organisatie die zou aanvragen?", "Eenmanszaak"
    ).continue_()
    link = q.resume_link()
    other = browser.new_context().new_page()
    other.goto(link)
    QuestionPage(other).expect_title("In welke provincie is de organisatie gevestigd?")
    other.get_by_role("link", name="Terug").click()
    expect(other.get_by_label("Eenmanszaak", exact=True)).to_be_checked()
    other.context.close()


def test_switch_language_and_back(page: Page, live_server: str) -> None:
    q = StartPage(page, live_server).start()
    q.expect_title("Wat past het best bij u?")
    page.get_by_test_id("language-switch").click()
    q.expect_title("What describes you best?")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Continue")).to_be_visible()
    page.get_by_test_id("language-switch").click()
    q.expect_title("Wat past het best bij u?")


def test_search_the_support_received_before(page: Page, live_server: str) -> None:
    StartPage(page, live_server).start()
    page.goto(page.url.rsplit("/", 1)[0] + "/history?return_to=check")
    search = page.get_by_label("Zoek op naam")
    expect(search).to_be_visible()
    search.fill("wbso")
    expect(page.get_by_label("WBSO (S&O-afdrachtvermindering en S&O-aftrek)")).to_be_visible()
    expect(page.get_by_role("group", name="Lening")).to_be_hidden()
    page.get_by_label("WBSO (S&O-afdrachtvermindering en S&O-aftrek)").check()
    search.fill("")
    expect(page.get_by_role("group", name="Lening")).to_be_visible()
