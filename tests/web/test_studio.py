"""The maintainer studio in the web app: draft, edit, checks, impact, four eyes, publication
without a restart, history, diff, revert and the audit trail."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from navigator.app import create_app
from navigator.web.access import ENDPOINT_ROLES
from tests.unit.test_studio import SMALL_PROJECT
from tests.web.helpers import staff_login

PASSWORD = "correct horse battery"


@pytest.fixture
def app(navigator) -> Flask:
    made = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}, navigator=navigator)
    accounts = made.extensions["accounts"]
    accounts.create_organisation("rvo", "RVO", "rvo")
    accounts.create_organisation("rom-oost", "Oost NL", "rom")
    accounts.create_user("mia@rvo.example", "Mia", "rvo", "maintainer", PASSWORD)
    accounts.create_user("ria@rvo.example", "Ria", "rvo", "reviewer", PASSWORD)
    accounts.create_user("anna@oostnl.example", "Anna", "rom-oost", "advisor", PASSWORD)
    return made


def login(app: Flask, email: str) -> FlaskClient:
    return staff_login(app, email, PASSWORD)


def _status(client: FlaskClient) -> str:
    body = client.post(
        "/api/v1/recommendations?advice=false", json={"answers": SMALL_PROJECT, "on": "2026-11-23"}
    ).get_json()
    return next(r["status"] for r in body["results"] if r["instrument_id"] == "innovatiekrediet")


def test_every_studio_endpoint_is_in_the_authorisation_table(app) -> None:
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("studio.")}
    assert endpoints <= set(ENDPOINT_ROLES)


def test_advisors_and_anonymous_users_are_kept_out(app) -> None:
    assert app.test_client().get("/studio/").status_code == 302
    assert login(app, "anna@oostnl.example").get("/studio/").status_code == 403
    mia = login(app, "mia@rvo.example")
    assert mia.get("/studio/").status_code == 200
    assert mia.get("/workspace/").status_code == 403


def test_change_review_publish_and_revert(app) -> None:
    public = app.test_client()
    assert _status(public) == "ineligible"
    # The repository's files, published at deployment (navigator catalogue import).
    from navigator import paths
    from navigator.domain.bundle import read_folder

    versions = app.extensions["catalogue_versions"]
    first = versions.publish_now(
        read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir()),
        None,
        "Start",
    )
    mia = login(app, "mia@rvo.example")
    made = mia.post("/studio/drafts")
    draft = made.headers["Location"].rsplit("/", 1)[1]
    page = mia.get(f"/studio/versions/{draft}/instruments/innovatiekrediet").get_data(True)
    assert 'data-testid="param-min_project_eur"' in page and 'value="150000"' in page
    # A typo in the rule: the draft keeps it, and the page says where and what to do.
    rule = re.search(r'data-testid="rule-yaml">(.*?)</textarea>', page, re.S).group(1)
    import html

    rule = html.unescape(rule)
    broken = mia.post(
        f"/studio/versions/{draft}/instruments/innovatiekrediet",
        data={"rule_yaml": rule.replace("at_least: {param", "at_lest: {param", 1)},
    ).get_data(True)
    assert "did you mean `at_least`" in broken and "condition project_size" in broken
    assert mia.post(f"/studio/versions/{draft}/submit", data={"reason": "x"}).status_code == 200
    # Fixed, and the minimum lowered with the simple form.
    saved = mia.post(
        f"/studio/versions/{draft}/instruments/innovatiekrediet",
        data={"rule_yaml": rule, "param-min_project_eur-0": "100.000"},
    ).get_data(True)
    assert 'data-testid="saved"' in saved and 'value="100000"' in saved
    overview = mia.get(f"/studio/versions/{draft}").get_data(True)
    assert (
        "min_project_eur" in overview and 'data-testid="failing"' in overview
    )  # rule case 149,999
    refused = mia.post(f"/studio/versions/{draft}/submit", data={"reason": "Lower minimum"})
    assert refused.status_code == 200 and "submitted" not in _version_status(mia, draft)
    # The maintainer also updates the boundary rule case in the draft's cases.
    bundle = versions.bundle(int(draft))
    bundle["cases/innovatiekrediet.yaml"] = bundle["cases/innovatiekrediet.yaml"].replace(
        "funding_need_eur: 149999", "funding_need_eur: 99999"
    )
    versions.update_draft(int(draft), bundle)
    # A saved case: a company whose 120,000 project was too small.
    own = app.extensions["case_store"].create()
    app.extensions["case_store"].save(own.id, SMALL_PROJECT, ())
    overview = mia.get(f"/studio/versions/{draft}").get_data(True)
    assert 'data-testid="checks-pass"' in overview
    assert re.search(r'data-testid="gained-innovatiekrediet">1<', overview)
    mia.post(f"/studio/versions/{draft}/submit", data={"reason": "Regeling 2027: minimum €100.000"})
    assert _version_status(mia, draft) == "submitted"
    # Four eyes: the author cannot publish; the reviewer can.
    assert (
        mia.post(f"/studio/versions/{draft}/review", data={"decision": "publish"}).status_code
        == 403
    )
    ria = login(app, "ria@rvo.example")
    ria.post(f"/studio/versions/{draft}/review", data={"decision": "publish"})
    assert _version_status(ria, draft) == "published"
    assert _status(public) == "eligible"  # served without a restart
    diff = ria.get(f"/studio/diff?from=0&to={draft}").get_data(True)
    assert "min_project_eur" in diff
    # Revert: publish the version before the change again, as a new version.
    ria.post(f"/studio/versions/{first.id}/revert")
    assert versions.latest_published()[0] > int(draft)
    assert _status(public) == "ineligible"
    actions = {e.action for e in app.extensions["casework"].audit()}
    assert {
        "studio_draft",
        "studio_edit",
        "studio_submit",
        "studio_publish",
        "studio_revert",
    } <= actions


def _version_status(client: FlaskClient, version_id: str) -> str:
    page = client.get(f"/studio/versions/{version_id}").get_data(True)
    return re.search(r'data-status="(\w+)"', page).group(1)


def test_a_rule_case_from_an_advisor_confirmed_award(app) -> None:
    from navigator.db.store import Feedback
    from tests.conftest import journey

    org = app.extensions["accounts"].organisation_by_slug("rom-oost")
    held = app.extensions["workspace"].create_case(org.id, None, "Fietsfabriek BV")
    answers = journey("journey-software-bv")["answers"]
    store = app.extensions["case_store"]
    store.save(held.case_id, answers, ())
    store.mark_completed(held.case_id)
    feedback = Feedback(
        held.case_id, "wbso", "awarded", answers, "2026-11-23", "v", source="advisor"
    )
    assert store.add_feedback(feedback)
    mia = login(app, "mia@rvo.example")
    draft = mia.post("/studio/drafts").headers["Location"].rsplit("/", 1)[1]
    page = mia.get(f"/studio/versions/{draft}/from-outcomes").get_data(True)
    assert "Fietsfabriek" not in page and 'data-testid="add-case"' in page
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    mia.post(f"/studio/versions/{draft}/from-outcomes", data={"key": key})
    cases = app.extensions["catalogue_versions"].bundle(int(draft))["cases/wbso.yaml"]
    assert "An advisor confirmed" in cases and held.case_id not in cases
    assert "Fietsfabriek" not in cases
    assert 'data-testid="checks-pass"' in mia.get(f"/studio/versions/{draft}").get_data(True)


def test_a_draft_that_breaks_a_catalogue_property_cannot_be_submitted(app) -> None:
    mia = login(app, "mia@rvo.example")
    draft = int(mia.post("/studio/drafts").headers["Location"].rsplit("/", 1)[1])
    versions = app.extensions["catalogue_versions"]
    bundle = versions.bundle(draft)
    catalogue = json.loads(bundle["instruments.json"])
    record = next(r for r in catalogue["instruments"] if r["id"] == "wbso")
    record["window"]["status"] = "ended"  # shown as ended, but the rule has no end date
    bundle["instruments.json"] = json.dumps(catalogue, ensure_ascii=False)
    versions.update_draft(draft, bundle)
    page = mia.get(f"/studio/versions/{draft}").get_data(True)
    assert 'data-testid="failing"' in page and "wbso: the record says ended" in page
    mia.post(f"/studio/versions/{draft}/submit", data={"reason": "Close WBSO"})
    assert _version_status(mia, str(draft)) == "draft"
