"""The maintainer studio in a real browser: a maintainer lowers Innovatiekrediet's minimum
project size, sees the rule cases and the impact (a saved case gains), a reviewer approves,
the public results page shows the new outcome without a restart, a revert restores the old
one, and the audit log shows all of it. A server of its own: nothing leaks into other tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import real_app, serving
from e2e.pages import staff_login
from navigator import paths
from navigator.domain.bundle import read_folder
from tests.unit.test_studio import SMALL_PROJECT

PASSWORD = "e2e correct horse battery"


@pytest.fixture(scope="module")
def studio_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    app = real_app(tmp_path_factory.mktemp("studio") / "navigator.db")
    accounts = app.extensions["accounts"]
    accounts.create_organisation("rvo", "RVO", "rvo")
    accounts.create_user("mia@rvo.example", "Mia Maintainer", "rvo", "maintainer", PASSWORD)
    accounts.create_user("ria@rvo.example", "Ria Reviewer", "rvo", "reviewer", PASSWORD)
    # Deployed: the repository's files published as the first version.
    bundle = read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())
    app.extensions["catalogue_versions"].publish_now(bundle, None, "Deployed from git")
    return app


@pytest.fixture(scope="module")
def studio_server(studio_app: Flask) -> Iterator[str]:
    with serving(studio_app) as base:
        yield base


def _login(browser: Browser, base: str, email: str) -> Page:
    return staff_login(browser, base, email, PASSWORD, "studio-link")


def _innovatiekrediet_fits(page: Page, results: str) -> bool:
    page.goto(results)
    card = page.locator('article[data-instrument="innovatiekrediet"]')
    return page.get_by_test_id("tier-eligible").locator(card).count() == 1


def test_lower_a_minimum_review_publish_and_revert(
    page: Page, browser: Browser, studio_app: Flask, studio_server: str, artifacts: Path
) -> None:
    store = studio_app.extensions["case_store"]
    saved = store.create()
    store.save(saved.id, SMALL_PROJECT, ())
    results = f"{studio_server}/c/{saved.id}/results?on=2026-11-23"
    assert not _innovatiekrediet_fits(page, results)

    mia = _login(browser, studio_server, "mia@rvo.example")
    mia.get_by_test_id("new-draft").click()
    draft_url = mia.url
    mia.get_by_test_id("instruments").get_by_role("link", name="Innovatiekrediet").click()
    mia.get_by_test_id("param-min_project_eur").fill("100000")
    mia.get_by_text("Regeltests als YAML").click()
    cases = mia.get_by_test_id("cases-yaml")
    cases.fill(cases.input_value().replace("funding_need_eur: 149999", "funding_need_eur: 99999"))
    mia.get_by_test_id("save").click()
    expect(mia.get_by_test_id("saved")).to_be_visible()
    mia.goto(draft_url)
    expect(mia.get_by_test_id("checks-pass")).to_be_visible()
    expect(mia.get_by_test_id("diff")).to_contain_text("min_project_eur")
    expect(mia.get_by_test_id("gained-innovatiekrediet")).to_have_text("1")
    mia.screenshot(path=str(artifacts / "studio-draft.png"), full_page=True)
    mia.get_by_label("Waarom deze wijziging").fill("Regeling 2027: minimale projectomvang €100.000")
    mia.get_by_test_id("submit").click()
    expect(mia.get_by_test_id("status")).to_have_attribute("data-status", "submitted")
    expect(mia.get_by_test_id("publish")).to_have_count(0)  # four eyes

    ria = _login(browser, studio_server, "ria@rvo.example")
    ria.get_by_test_id("submitted").get_by_test_id("version-link").click()
    ria.get_by_test_id("publish").click()
    expect(ria.get_by_test_id("status")).to_have_attribute("data-status", "published")
    assert _innovatiekrediet_fits(page, results)  # no restart

    ria.goto(f"{studio_server}/studio/")
    ria.get_by_test_id("published").get_by_role("link", name="1 ·").click()
    ria.get_by_test_id("revert").click()
    expect(ria.get_by_test_id("status")).to_have_attribute("data-status", "published")
    assert not _innovatiekrediet_fits(page, results)

    ria.get_by_test_id("studio-audit").click()
    log = ria.get_by_test_id("studio-audit-log")
    for action in (
        "begon een concept",
        "wijzigde het concept",
        "bood aan ter beoordeling",
        "keurde goed en publiceerde",
        "draaide terug",
    ):
        expect(log).to_contain_text(action)
    ria.screenshot(path=str(artifacts / "studio-audit.png"), full_page=True)
