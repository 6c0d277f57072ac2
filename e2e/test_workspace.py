"""The advisor workspace in a real browser: a client shares, a ROM advisor takes over, keeps a
note and an outcome, freezes a version and downloads its PDF, hands the case to RVO, which
accepts; the client withdraws consent; an advisor of a third organisation is refused."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Page, expect

from e2e.pages import CheckAnswersPage, horizontal_overflow, staff_login
from e2e.test_journeys import software_bv_until_check

PASSWORD = "e2e correct horse battery"


def _accounts(app: Flask) -> None:
    accounts = app.extensions["accounts"]
    for slug, name, kind in (
        ("rom-oost", "Oost NL", "rom"),
        ("rvo", "RVO", "rvo"),
        ("bom", "BOM", "rom"),
    ):
        if accounts.organisation_by_slug(slug) is None:
            accounts.create_organisation(slug, name, kind)
    for email, name, org in (
        ("anna@oostnl.example", "Anna de Vries", "rom-oost"),
        ("rik@rvo.example", "Rik Jansen", "rvo"),
        ("bo@bom.example", "Bo Peters", "bom"),
    ):
        if accounts.user_by_email(email) is None:
            accounts.create_user(email, name, org, "advisor", PASSWORD)


def _login(browser: Browser, base: str, email: str) -> Page:
    return staff_login(browser, base, email, PASSWORD, "workspace-link")


def test_share_take_over_hand_over_withdraw_and_refuse(
    page: Page, browser: Browser, live_app: Flask, live_server: str, artifacts: Path
) -> None:
    _accounts(live_app)
    # The client finishes the wizard and shares the case.
    software_bv_until_check(page, live_server)
    CheckAnswersPage(page).show_results()
    page.get_by_test_id("share-with-advisor").click()
    page.get_by_test_id("make-share-code").click()
    code = page.get_by_test_id("share-code").inner_text()
    client_share_page = page.url

    # A ROM advisor takes it over, adds a note and an outcome, freezes a version, gets its PDF.
    rom = _login(browser, live_server, "anna@oostnl.example")
    rom.get_by_test_id("take-over").click()
    rom.get_by_label("Deelcode van de klant").fill(code)
    rom.get_by_label("Klant (bedrijf of persoon)").fill("Fietsfabriek Utrecht BV")
    rom.get_by_test_id("take-over-submit").click()
    expect(rom.get_by_test_id("case-title")).to_have_text("Fietsfabriek Utrecht BV")
    expect(rom.get_by_test_id("fits")).to_contain_text("WBSO")
    case_url = rom.url
    case_id = case_url.rsplit("/", 1)[1]
    rom.get_by_label("Over").select_option("wbso")
    rom.get_by_label("Notitie").fill("S&O-aanvraag vóór 20 december indienen")
    rom.get_by_test_id("add-note").click()
    expect(rom.get_by_test_id("notes")).to_contain_text("vóór 20 december")
    rom.get_by_label("Regeling", exact=True).select_option("wbso")
    rom.get_by_label("Uitkomst", exact=True).select_option("applied")
    rom.get_by_label("Op (optioneel)").fill("2026-12-10")
    rom.get_by_test_id("add-outcome").click()
    expect(rom.get_by_test_id("outcomes")).to_contain_text("Aangevraagd")
    rom.get_by_test_id("freeze").click()
    with rom.expect_download() as download:
        rom.get_by_test_id("version-pdf").click()
    pdf = artifacts / "workspace-version-1.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    rom.goto(case_url)
    rom.screenshot(path=str(artifacts / "workspace-case.png"), full_page=True)
    rom.get_by_label("Aan organisatie").select_option(label="RVO")
    rom.get_by_label("Bericht voor de ontvangende adviseur").fill("Export naar Duitsland: DTIF?")
    rom.get_by_test_id("hand-over").click()
    expect(rom.get_by_test_id("handover-history")).to_contain_text("wacht")

    # An RVO advisor accepts; history travels with the case.
    rvo = _login(browser, live_server, "rik@rvo.example")
    rvo.get_by_test_id("offer").click()
    expect(rvo.get_by_test_id("handover-message")).to_have_text("Export naar Duitsland: DTIF?")
    rvo.get_by_test_id("accept").click()
    expect(rvo.get_by_test_id("case-organisation")).to_have_text("RVO")
    expect(rvo.get_by_test_id("notes")).to_contain_text("vóór 20 december")
    rvo.get_by_test_id("workspace-link").click()
    expect(rvo.get_by_test_id("my-cases")).to_contain_text("Fietsfabriek Utrecht BV")
    rvo.screenshot(path=str(artifacts / "workspace-dashboard.png"), full_page=True)

    # An advisor of a third organisation is refused everywhere.
    bom = _login(browser, live_server, "bo@bom.example")
    for path in (
        f"/workspace/cases/{case_id}",
        f"/c/{case_id}/results",
        f"/c/{case_id}/report",
        f"/c/{case_id}/report.pdf",
        f"/workspace/cases/{case_id}/versions/1.pdf",
        f"/api/v1/workspace/cases/{case_id}",
    ):
        response = bom.request.get(f"{live_server}{path}")
        assert response.status == 403, path

    # The client sees who took the case over and withdraws consent.
    page.goto(client_share_page)
    expect(page.get_by_test_id("consent-status")).to_contain_text("Overgenomen op")
    expect(page.get_by_test_id("client-audit")).to_contain_text("Oost NL")
    page.get_by_test_id("withdraw").click()
    expect(page.get_by_test_id("consent-status")).to_contain_text("Ingetrokken op")
    assert rvo.request.get(f"{live_server}/workspace/cases/{case_id}").status == 403
    assert rom.request.get(f"{live_server}/workspace/cases/{case_id}").status == 403
    rvo.goto(f"{live_server}/workspace/")
    expect(rvo.locator("main")).not_to_contain_text("Fietsfabriek")
    rom.goto(f"{live_server}/workspace/")
    expect(rom.locator("main")).not_to_contain_text("Fietsfabriek")


def test_the_workspace_fits_a_phone(
    browser: Browser, live_app: Flask, live_server: str, artifacts: Path
) -> None:
    _accounts(live_app)
    page = _login(browser, live_server, "anna@oostnl.example")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_test_id("new-case").click()
    page.get_by_label("Klant (bedrijf of persoon)").fill("Bakkerij Jansen")
    page.get_by_label("KVK-nummer (optioneel)").fill("1234")
    page.get_by_test_id("create-case").click()
    expect(page.locator("#kvk_number-error")).to_contain_text("8 cijfers")
    expect(page.get_by_label("Klant (bedrijf of persoon)")).to_have_value("Bakkerij Jansen")
    page.get_by_label("KVK-nummer (optioneel)").fill("12345678")
    page.get_by_test_id("create-case").click()
    case_id = page.url.split("/")[4]
    too_wide = {}
    for name, path in (
        ("dashboard", "/workspace/"),
        ("case", f"/workspace/cases/{case_id}"),
        ("take-over", "/workspace/take-over"),
        ("new-case", "/workspace/cases/new"),
        ("login", "/account/login"),
    ):
        page.goto(f"{live_server}{path}")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            too_wide[name] = overflow
        page.screenshot(path=str(artifacts / f"phone-workspace-{name}.png"), full_page=True)
    assert too_wide == {}
