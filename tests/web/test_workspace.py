"""The advisor workspace: accounts and login, an organisation's cases, consent and takeover,
notes and outcomes, frozen versions, handover, the audit log and authorisation in one place."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from navigator.app import create_app
from navigator.web.access import ENDPOINT_ROLES, PROTECTED_BLUEPRINTS
from tests.conftest import journey
from tests.web.helpers import staff_login, start_case
from tests.web.test_results import fill

PASSWORD = "correct horse battery"


@pytest.fixture
def app(navigator) -> Flask:
    made = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}, navigator=navigator)
    accounts = made.extensions["accounts"]
    for slug, name, kind in (
        ("rom-oost", "Oost NL", "rom"),
        ("rvo", "RVO", "rvo"),
        ("rom-zuid", "BOM", "rom"),
    ):
        accounts.create_organisation(slug, name, kind)
    accounts.create_user("anna@oostnl.example", "Anna", "rom-oost", "advisor", PASSWORD)
    accounts.create_user("olaf@oostnl.example", "Olaf", "rom-oost", "org_admin", PASSWORD)
    accounts.create_user("rik@rvo.example", "Rik", "rvo", "advisor", PASSWORD)
    accounts.create_user("bo@bom.example", "Bo", "rom-zuid", "advisor", PASSWORD)
    accounts.create_user("mia@rvo.example", "Mia", "rvo", "maintainer", PASSWORD)
    return made


def login(app: Flask, email: str) -> FlaskClient:
    return staff_login(app, email, PASSWORD)


def new_case(client: FlaskClient, name: str = "Fietsfabriek BV") -> str:
    response = client.post(
        "/workspace/cases/new", data={"client_name": name, "kvk_number": "12345678"}
    )
    assert response.status_code == 302
    return response.headers["Location"].split("/")[2]


def share_code(client: FlaskClient, case_id: str) -> str:
    page = client.post(f"/c/{case_id}/share", data={"purpose": "funding_advice"}).get_data(True)
    found = re.search(r'data-testid="share-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', page)
    assert found, page
    return found.group(1)


def test_login_logout_and_a_wrong_password(app) -> None:
    client = app.test_client()
    assert client.get("/workspace/").status_code == 302  # to the login page
    wrong = client.post("/account/login", data={"email": "anna@oostnl.example", "password": "x"})
    assert wrong.status_code == 200
    assert "wachtwoord klopt niet" in wrong.get_data(True)
    assert client.get("/workspace/").status_code == 302
    good = client.post(
        "/account/login", data={"email": "Anna@OostNL.example", "password": PASSWORD}
    )
    assert good.status_code == 302 and good.headers["Location"] == "/workspace/"
    assert "Oost NL" in client.get("/workspace/").get_data(True)
    client.post("/account/logout")
    assert client.get("/workspace/").status_code == 302


def test_an_account_is_locked_after_ten_failures(app) -> None:
    client = app.test_client()
    for _ in range(10):
        client.post("/account/login", data={"email": "rik@rvo.example", "password": "wrong"})
    locked = client.post("/account/login", data={"email": "rik@rvo.example", "password": PASSWORD})
    assert locked.status_code == 200  # the right password does not open a locked account


def test_the_login_form_is_rate_limited(navigator) -> None:
    limited = create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True},
        navigator=navigator,
    )
    client = limited.test_client()
    codes = [
        client.post("/account/login", data={"email": "a@b.example", "password": "x"}).status_code
        for _ in range(12)
    ]
    assert codes[:10] == [200] * 10 and codes[-1] == 429


def test_a_second_factor_is_asked_and_checked(app) -> None:
    secret = pyotp.random_base32()
    app.extensions["accounts"].set_totp_secret("anna@oostnl.example", secret)
    client = app.test_client()
    first = client.post(
        "/account/login", data={"email": "anna@oostnl.example", "password": PASSWORD}
    )
    assert first.headers["Location"].startswith("/account/code")
    assert client.get("/workspace/").status_code == 302  # not logged in yet
    wrong = client.post(first.headers["Location"], data={"code": "000000"})
    assert wrong.status_code == 200
    good = client.post(first.headers["Location"], data={"code": pyotp.TOTP(secret).now()})
    assert good.status_code == 302
    assert client.get("/workspace/").status_code == 200


def test_a_staff_session_expires_and_a_disabled_account_is_logged_out(app) -> None:
    client = login(app, "anna@oostnl.example")
    assert client.get("/workspace/").status_code == 200
    with client.session_transaction() as session:
        session["staff_since"] = time.time() - 9 * 3600
    assert client.get("/workspace/").status_code == 302
    client = login(app, "anna@oostnl.example")
    app.extensions["accounts"].set_disabled("anna@oostnl.example")
    assert client.get("/workspace/").status_code == 302


def test_every_workspace_endpoint_is_in_the_authorisation_table(app) -> None:
    endpoints = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in PROTECTED_BLUEPRINTS
    }
    assert endpoints == set(ENDPOINT_ROLES)


def test_roles_without_casework_are_refused(app) -> None:
    maintainer = login(app, "mia@rvo.example")
    assert maintainer.get("/workspace/").status_code == 403
    advisor = login(app, "anna@oostnl.example")
    assert advisor.get("/workspace/audit").status_code == 403
    assert login(app, "olaf@oostnl.example").get("/workspace/audit").status_code == 200


def _case_urls(app: Flask, case_id: str) -> list[tuple[str, str]]:
    """Every URL of the app that names a case, with each method it answers."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "case_id" not in rule.arguments:
            continue
        values = {"case_id": case_id, "step_id": "size", "consent_id": 1, "number": 1}
        path = rule.build(values, append_unknown=False)[1]
        urls += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return urls


def test_an_advisor_of_another_organisation_is_refused_on_every_case_url(app) -> None:
    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    fill(anna, case_id, journey("journey-software-bv")["answers"])
    anna.post(f"/workspace/cases/{case_id}/versions")
    urls = _case_urls(app, case_id)
    assert len(urls) >= 15 and any("/api/" in path for _, path in urls)
    assert any(path.endswith(".pdf") for _, path in urls)
    bo = login(app, "bo@bom.example")
    anonymous = app.test_client()
    for method, path in urls:
        assert bo.open(path, method=method).status_code == 403, (method, path)
        response = anonymous.open(path, method=method)
        assert response.status_code in (401, 403) or (
            response.status_code == 302 and "/account/login" in response.headers["Location"]
        ), (method, path)
    assert bo.get("/workspace/").get_data(True).count("Fietsfabriek") == 0
    assert anna.get(f"/workspace/cases/{case_id}").status_code == 200
    assert anna.get(f"/c/{case_id}/results").status_code == 200
    # A workspace case cannot be shared or deleted through the client's pages.
    assert anna.get(f"/c/{case_id}/share").status_code == 403
    assert anna.post(f"/c/{case_id}/delete").status_code == 403
    refused = [
        e for e in app.extensions["casework"].audit(case_ids=(case_id,)) if e.action == "refused"
    ]
    assert len(refused) >= len(urls)


def test_a_client_shares_an_advisor_takes_over_and_the_client_withdraws(app) -> None:
    client = app.test_client()
    own = start_case(client)
    fill(client, own, journey("journey-software-bv")["answers"])
    assert 'data-testid="share-with-advisor"' in client.get(f"/c/{own}/results").get_data(True)
    code = share_code(client, own)
    anna = login(app, "anna@oostnl.example")
    wrong = anna.post("/workspace/take-over", data={"code": "AAAA-BBBB", "client_name": "X"})
    assert wrong.status_code == 200 and 'data-field="code"' in wrong.get_data(True)
    taken = anna.post(
        "/workspace/take-over", data={"code": code.lower().replace("-", " "), "client_name": "Lisa"}
    )
    assert taken.status_code == 302
    copy = taken.headers["Location"].rsplit("/", 1)[1]
    assert copy != own
    page = anna.get(f"/workspace/cases/{copy}").get_data(True)
    assert "Lisa" in page and "WBSO" in page  # the client's results came along
    again = login(app, "rik@rvo.example").post(
        "/workspace/take-over", data={"code": code, "client_name": "Lisa"}
    )
    assert again.status_code == 200  # a code works once
    anna.post(f"/workspace/cases/{copy}/notes", data={"instrument_id": "", "text": "Belde 3/12"})
    shared = client.get(f"/c/{own}/share").get_data(True)
    assert "Oost NL" in shared and 'data-testid="client-audit"' in shared
    consent_id = app.extensions["workspace"].consents_of(own)[0].id
    client.post(f"/c/{own}/share/{consent_id}/withdraw")
    assert anna.get(f"/workspace/cases/{copy}").status_code == 403
    assert anna.get(f"/c/{copy}/results").status_code == 403
    held = app.extensions["workspace"].case(copy)
    assert held.withdrawn and held.client_name == "—"
    assert app.extensions["casework"].notes(copy) == []
    assert "Lisa" not in anna.get("/workspace/").get_data(True)


def test_an_expired_code_does_not_work(app) -> None:
    from datetime import UTC, datetime, timedelta

    client = app.test_client()
    own = start_case(client)
    store = app.extensions["workspace"]
    code = store.share(own, "funding_advice", now=datetime.now(UTC) - timedelta(hours=73))
    rom = app.extensions["accounts"].organisation_by_slug("rom-oost")
    assert store.take_over(code, rom.id, 1, "Lisa") is None


def test_notes_outcomes_and_versions(app) -> None:
    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    fill(anna, case_id, journey("journey-software-bv")["answers"])
    anna.post(
        f"/workspace/cases/{case_id}/notes", data={"instrument_id": "wbso", "text": "Vóór 20/12"}
    )
    bad = anna.post(
        f"/workspace/cases/{case_id}/outcomes", data={"instrument_id": "wbso", "status": "won"}
    )
    assert bad.status_code == 200 and "form-group--error" in bad.get_data(True)
    anna.post(
        f"/workspace/cases/{case_id}/outcomes",
        data={
            "instrument_id": "wbso",
            "status": "awarded",
            "on_date": "2026-12-15",
            "amount_eur": "42000",
        },
    )
    feedback = app.extensions["case_store"].all_feedback()
    assert [(f.instrument_id, f.verdict, f.source) for f in feedback] == [
        ("wbso", "awarded", "advisor")
    ]
    page = anna.get(f"/workspace/cases/{case_id}").get_data(True)
    assert "Vóór 20/12" in page and "42.000" in page
    anna.post(f"/workspace/cases/{case_id}/versions")
    first = anna.get(f"/workspace/cases/{case_id}/versions/1.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    app.extensions["navigator_caches"].clear()  # render anew: the same bytes, not the kept ones
    second = anna.get(f"/workspace/cases/{case_id}/versions/1.pdf")
    assert second.data == first.data
    version = app.extensions["casework"].version(case_id, 1)
    import hashlib

    assert version.pdf_sha256 == hashlib.sha256(first.data).hexdigest()
    assert 'data-testid="no-changes"' in anna.get(f"/workspace/cases/{case_id}").get_data(True)
    # The client's situation changes: the case shows what changed since the frozen version.
    store = app.extensions["case_store"]
    stored = store.get(case_id)
    store.save(case_id, {**stored.answers, "does_own_rd": False}, stored.seen)
    changed = anna.get(f"/workspace/cases/{case_id}").get_data(True)
    assert 'data-testid="changes"' in changed and "WBSO" in changed
    api = anna.get(f"/api/v1/workspace/cases/{case_id}").get_json()
    assert api["versions"][0]["number"] == 1 and api["outcomes"][0]["amount_eur"] == 42000


def test_a_handover_moves_the_case_with_its_history(app) -> None:
    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    anna.post(
        f"/workspace/cases/{case_id}/notes", data={"instrument_id": "", "text": "Export naar DE"}
    )
    rvo = app.extensions["accounts"].organisation_by_slug("rvo")
    anna.post(
        f"/workspace/cases/{case_id}/handover",
        data={"organisation_id": rvo.id, "message": "Graag DTIF bekijken"},
    )
    rik = login(app, "rik@rvo.example")
    assert rik.get(f"/workspace/cases/{case_id}").status_code == 403  # not before accepting
    dashboard = rik.get("/workspace/").get_data(True)
    offer = re.search(r'href="/workspace/handovers/(\d+)"', dashboard).group(1)
    assert "Graag DTIF bekijken" in rik.get(f"/workspace/handovers/{offer}").get_data(True)
    assert login(app, "bo@bom.example").get(f"/workspace/handovers/{offer}").status_code == 403
    rik.post(f"/workspace/handovers/{offer}", data={"decision": "accept"})
    page = rik.get(f"/workspace/cases/{case_id}").get_data(True)
    assert "Export naar DE" in page and "Fietsfabriek" in page
    assert anna.get(f"/workspace/cases/{case_id}").status_code == 403
    events = app.extensions["casework"].audit(case_ids=(case_id,))
    assert {"create", "hand_over", "accept", "read", "change"} <= {e.action for e in events}


def test_the_dashboard_lists_cases_and_deadlines_and_exports_them(app) -> None:
    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    fill(anna, case_id, journey("journey-software-bv")["answers"])
    page = anna.get("/workspace/").get_data(True)
    assert 'data-testid="my-cases"' in page and 'data-testid="deadlines"' in page
    assert "WBSO" in page
    ics = anna.get("/workspace/calendar.ics")
    assert ics.mimetype == "text/calendar" and b"BEGIN:VEVENT" in ics.data
    cases = anna.get("/api/v1/workspace/cases").get_json()["cases"]
    assert [c["client_name"] for c in cases] == ["Fietsfabriek BV"]
    assert app.test_client().get("/api/v1/workspace/cases").status_code == 401


def test_purge_keeps_organisations_cases(app) -> None:
    from datetime import UTC, datetime, timedelta

    anna = login(app, "anna@oostnl.example")
    held = new_case(anna)
    own = start_case(app.test_client())
    store = app.extensions["case_store"]
    assert store.purge(datetime.now(UTC) + timedelta(days=1)) == 1
    assert store.get(held) is not None and store.get(own) is None


def test_a_frozen_pdf_is_not_made_again_with_other_rules(app) -> None:
    from navigator import paths
    from navigator.domain.bundle import read_folder

    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    app.extensions["case_store"].save(case_id, journey("journey-software-bv")["answers"], ())
    anna.post(f"/workspace/cases/{case_id}/versions")
    bundle = read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())
    rule = bundle["rules/innovatiekrediet.yaml"]
    bundle["rules/innovatiekrediet.yaml"] = rule.replace("value: 150000}", "value: 100000}")
    app.extensions["catalogue_versions"].publish_now(bundle, None, "Lower minimum")
    assert anna.get(f"/workspace/cases/{case_id}/versions/1.pdf").status_code == 409


def test_questions_of_a_workspace_case_are_addressed_to_the_client(app) -> None:
    anna = login(app, "anna@oostnl.example")
    case_id = new_case(anna)
    page = anna.get(f"/c/{case_id}/step/size").get_data(True)
    assert "uw klant" in page
    own = start_case(app.test_client())
    assert "uw klant" not in app.test_client().get(f"/c/{own}/step/size").get_data(True)
