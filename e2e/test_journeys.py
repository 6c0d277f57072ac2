"""Full journeys in a real browser, a validation error, a change, resume by link, language."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from e2e.pages import CheckAnswersPage, QuestionPage, StartPage


def software_bv_until_check(page: Page, live_server: str) -> QuestionPage:
    q = StartPage(page, live_server).start()
    q.choose(
        "Wat past het best bij u?", "Ondernemer of oprichter (ook als u nog niet bent ingeschreven)"
    ).continue_()
    q.choose("Wat is de rechtsvorm van de organisatie die zou aanvragen?", "Bv of nv").continue_()
    q.expect_title("Omvang van de onderneming")
    q.fill("Hoeveel mensen werken er, in fte?", "5")
    q.fill("Wat is de jaaromzet?", "400.000").fill("Wat is het balanstotaal?", "250.000")
    q.choose(
        "Is de onderneming voor 25 procent of meer in handen van een andere onderneming, of bezit zij 25 procent of meer van een andere onderneming?",
        "Nee",
    ).continue_()
    q.fill("In welk jaar is de onderneming ingeschreven bij de KVK?", "2022").continue_()
    q.choose("In welke provincie is de organisatie gevestigd?", "Utrecht").continue_()
    q.choose("Bij welke topsectoren hoort het werk?", "High Tech Systemen & Materialen")
    q.choose("Aan welke maatschappelijke missies draagt de innovatie bij?", "Sleuteltechnologieën")
    q.choose(
        "Welke sleuteltechnologieën gebruikt of ontwikkelt u?",
        "Digitale technologieën (AI, data, software, cyber)",
    ).continue_()
    q.choose("In welke fase is de innovatie?", "Prototype").fill(
        "Wat is het technology readiness level (TRL)?", "6"
    ).continue_()
    q.choose(
        "Ontwikkelt u zelf technisch nieuwe producten, processen of software, of doet u zelf technisch-wetenschappelijk onderzoek?",
        "Ja",
    ).continue_()
    q.fill("Hoeveel S&O-uren verwacht u het komende jaar?", "4000")
    q.choose("Doen werknemers op uw loonlijst het S&O-werk?", "Ja").continue_()
    q.choose("Is het project waarvoor u financiering zoekt al begonnen?", "Nee")
    q.fill("Hoeveel geld heeft u nodig voor de volgende stap?", "250000")
    q.choose(
        "Welke vormen van financiering zou u aannemen?", "Subsidie", "Belastingvoordeel", "Lening"
    ).continue_()
    q.choose("Vraagt u aan samen met partners, als consortium?", "Nee")
    q.choose("Met wie werkt u samen in het project?", "Niemand: we werken alleen")
    q.choose(
        "Bouwt de onderneming voort op onderzoek van een universiteit, hogeschool, umc of TO2-instituut?",
        "Nee",
    ).continue_()
    q.fill("Hoeveel privaat geld is toegezegd of beloofd?", "50000")
    q.choose(
        "Heeft een investeerder schriftelijk (met een intentieverklaring) beloofd te investeren?",
        "Nee",
    ).continue_()
    q.choose("Wat is de innovatie?", "Software").continue_()
    q.choose(
        "Maakt de onderneming belastbare winst met innovaties die zij zelf heeft ontwikkeld?", "Nee"
    ).continue_()
    q.continue_()  # investments: skipped questions stay unanswered
    q.continue_()  # market
    q.choose("Welke steun heeft u eerder gekregen?", "Geen van deze").continue_()
    return q


def investor_letter_and_wbso(q: QuestionPage, private_money: str) -> None:
    """Skip collaboration, state committed money and a letter of intent, end with WBSO received."""
    q.continue_()  # collaboration
    q.fill("Hoeveel privaat geld is toegezegd of beloofd?", private_money)
    q.choose(
        "Heeft een investeerder schriftelijk (met een intentieverklaring) beloofd te investeren?",
        "Ja",
    ).continue_()
    for _ in range(4):  # innovation, profit, investments, market
        q.continue_()
    q.choose(
        "Welke steun heeft u eerder gekregen?", "WBSO (S&O-afdrachtvermindering en S&O-aftrek)"
    ).continue_()


def test_journey_software_bv_in_utrecht(page: Page, live_server: str, artifacts: Path) -> None:
    software_bv_until_check(page, live_server)
    results = CheckAnswersPage(page).show_results()
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
    q = StartPage(page, live_server).start()
    q.choose(
        "Wat past het best bij u?",
        "Onderzoeker bij een universiteit, hogeschool, umc of TO2-instituut",
    ).continue_()
    q.choose(
        "Wat is de rechtsvorm van de organisatie die zou aanvragen?",
        "Nog niet ingeschreven bij de KVK",
    ).continue_()
    q.choose("Wat voor kennisinstelling is het?", "Universiteit").continue_()
    q.choose("In welke provincie is de organisatie gevestigd?", "Zuid-Holland").continue_()
    q.choose("Bij welke topsectoren hoort het werk?", "Life Sciences & Health").continue_()
    q.choose("In welke fase is de innovatie?", "Onderzoek").fill(
        "Wat is het technology readiness level (TRL)?", "3"
    ).continue_()
    q.choose(
        "Ontwikkelt u zelf technisch nieuwe producten, processen of software, of doet u zelf technisch-wetenschappelijk onderzoek?",
        "Ja",
    ).continue_()
    q.continue_()  # R&D details: not applicable, left empty
    q.choose("Is het project waarvoor u financiering zoekt al begonnen?", "Nee").continue_()
    q.choose(
        "Met wie werkt u samen in het project?",
        "Een kennisinstelling (universiteit, hogeschool, umc, TO2)",
    )
    q.choose(
        "Bouwt de onderneming voort op onderzoek van een universiteit, hogeschool, umc of TO2-instituut?",
        "Ja",
    ).continue_()
    q.continue_()  # financing
    q.continue_()  # innovation
    q.continue_()  # market
    q.continue_()  # history
    results = CheckAnswersPage(page).show_results()
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
    q = StartPage(page, live_server).start()
    q.choose(
        "Wat past het best bij u?", "Ondernemer of oprichter (ook als u nog niet bent ingeschreven)"
    ).continue_()
    q.choose("Wat is de rechtsvorm van de organisatie die zou aanvragen?", "Bv of nv").continue_()
    q.fill("Hoeveel mensen werken er, in fte?", "45").fill("Wat is de jaaromzet?", "8.000.000")
    q.fill("Wat is het balanstotaal?", "6.000.000").continue_()
    q.fill("In welk jaar is de onderneming ingeschreven bij de KVK?", "2017").continue_()
    q.choose("In welke provincie is de organisatie gevestigd?", "Noord-Brabant").continue_()
    q.choose(
        "Welke sleuteltechnologieën gebruikt of ontwikkelt u?", "Fotonica en lichttechnologieën"
    ).continue_()
    q.choose("In welke fase is de innovatie?", "Groei en opschaling").continue_()
    q.choose(
        "Ontwikkelt u zelf technisch nieuwe producten, processen of software, of doet u zelf technisch-wetenschappelijk onderzoek?",
        "Ja",
    ).continue_()
    q.continue_()  # R&D details
    q.choose("Is het project waarvoor u financiering zoekt al begonnen?", "Nee")
    q.fill("Hoeveel geld heeft u nodig voor de volgende stap?", "5.000.000")
    q.choose(
        "Welke vormen van financiering zou u aannemen?",
        "Investering in aandelen (u geeft aandelen uit)",
        "Lening",
    ).continue_()
    investor_letter_and_wbso(q, "2.000.000")
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
    q = StartPage(page, live_server).start()
    q.choose(
        "Wat past het best bij u?",
        "Adviseur die een klant helpt (bijvoorbeeld bij een ROM, KVK of RVO)",
    ).continue_()
    q.choose("Wat is de rechtsvorm van de organisatie die zou aanvragen?", "Bv of nv").continue_()
    q.fill("Hoeveel mensen werken er, in fte?", "40").fill("Wat is de jaaromzet?", "6.000.000")
    q.fill("Wat is het balanstotaal?", "4.000.000")
    q.choose(
        "Is de onderneming voor 25 procent of meer in handen van een andere onderneming, of bezit zij 25 procent of meer van een andere onderneming?",
        "Nee",
    ).continue_()
    q.fill("In welk jaar is de onderneming ingeschreven bij de KVK?", "2005").continue_()
    q.choose("In welke provincie is de organisatie gevestigd?", "Noord-Brabant").continue_()
    q.choose(
        "Welke sleuteltechnologieën gebruikt of ontwikkelt u?",
        "Engineering- en fabricagetechnologieën",
    ).continue_()
    q.choose("In welke fase is de innovatie?", "Pilot of demonstratie").continue_()
    q.choose(
        "Ontwikkelt u zelf technisch nieuwe producten, processen of software, of doet u zelf technisch-wetenschappelijk onderzoek?",
        "Ja",
    ).continue_()
    q.fill("Hoeveel S&O-uren verwacht u het komende jaar?", "3000")
    q.choose("Doen werknemers op uw loonlijst het S&O-werk?", "Ja").continue_()
    q.choose("Is het project waarvoor u financiering zoekt al begonnen?", "Nee")
    q.fill("Hoeveel geld heeft u nodig voor de volgende stap?", "1.500.000")
    q.choose("Welke vormen van financiering zou u aannemen?", "Lening").continue_()
    investor_letter_and_wbso(q, "750.000")
    results = CheckAnswersPage(page).show_results()
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
    QuestionPage(other).expect_title("Omvang van de onderneming")
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
