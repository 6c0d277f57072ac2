"""Results an advisor can trust: each systematic error of catalogue 2026.11.3, as a regression.

A startup fund for a 40-year-old manufacturer, an ended scheme among the fits, a loan-only client
shown grants and equity as fits, an untrue "no selection" sentence, an amount said to fit while
the need is three times the maximum, a spin-off refused by the contract: none of these may come
back.
"""

from __future__ import annotations

import json

from tests.conftest import journey
from tests.web.helpers import start_case
from tests.web.test_results import fill

URL = "/api/v1/recommendations"
ON = "2026-11-23"


def post(client, answers: dict, on: str = ON) -> dict:
    response = client.post(
        URL, data=json.dumps({"answers": answers, "on": on}), content_type="application/json"
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def by_id(body: dict) -> dict[str, dict]:
    return {r["instrument_id"]: r for r in body["results"]}


def fits(body: dict) -> set[str]:
    return {
        r["instrument_id"] for r in body["results"] if r["group"] in ("open", "opens", "closed")
    }


OLD_MANUFACTURER = {
    "role": "entrepreneur",
    "organisation_type": "private_company",
    "employees_fte": 40,
    "annual_turnover_eur": 6_000_000,
    "balance_sheet_total_eur": 4_000_000,
    "year_founded": 2005,
    "province": "noord-brabant",
    "development_stage": "idea",
    "does_own_rd": True,
    "project_started": False,
}


def test_a_40_fte_manufacturer_from_2005_gets_no_startup_scheme(client) -> None:
    results = by_id(post(client, OLD_MANUFACTURER))
    for startup in ("seed-capital", "seed-business-angel", "vff", "vff-regionaal", "take-off-2"):
        assert results[startup]["status"] != "eligible", startup
    reasons = {r["condition"]: r["outcome"] for r in results["seed-capital"]["reasons"]}
    assert reasons["audience_starter"] == "not_met"


def test_a_5000_fte_company_from_1960_gets_no_sme_or_startup_fund(client) -> None:
    giant = {**OLD_MANUFACTURER, "employees_fte": 5000, "annual_turnover_eur": 9e8}
    giant["year_founded"] = 1960
    results = by_id(post(client, giant))
    for instrument in (
        "seed-capital",
        "seed-business-angel",
        "qredits",
        "rom-bom",
        "rom-innovationquarter-uniiq",
        "biotech-booster",
        "deep-tech-fonds",
    ):
        assert results[instrument]["status"] != "eligible", instrument


def test_a_started_project_gets_no_subsidy_that_needs_applying_first(client) -> None:
    started = {
        **OLD_MANUFACTURER,
        "development_stage": "pilot_demonstration",
        "energy_or_climate_innovation": True,
        "project_started": True,
    }
    results = by_id(post(client, started))
    assert results["dei-plus"]["status"] == "ineligible"
    reasons = {r["condition"]: r["outcome"] for r in results["dei-plus"]["reasons"]}
    assert reasons["incentive_effect"] == "not_met"


def test_an_ended_scheme_is_never_among_the_fits(client) -> None:
    body = post(client, {**OLD_MANUFACTURER, "key_technologies": ["photonics_light"]})
    groeifonds = by_id(body)["nationaal-groeifonds"]
    assert groeifonds["status"] == "ineligible"
    assert groeifonds["group"] == "ended"
    assert groeifonds["availability"]["state"] == "ended"
    assert "nationaal-groeifonds" not in fits(body)


def test_a_loan_only_client_sees_other_forms_apart(client) -> None:
    body = post(
        client, {**OLD_MANUFACTURER, "funding_forms": ["loan"], "rd_staff_on_payroll": True}
    )
    for result in body["results"]:
        if result["group"] in ("open", "opens", "closed"):
            assert result["funding_form_accepted"] is not False, result["instrument_id"]
        if result["status"] == "eligible" and result["funding_form_accepted"] is False:
            assert result["group"] == "other_form", result["instrument_id"]
    assert by_id(body)["wbso"]["group"] == "other_form"  # a tax credit, not a loan


def test_the_route_now_holds_only_what_one_can_apply_for_soon(client) -> None:
    body = post(client, journey("journey-software-bv")["answers"])
    states = {r["instrument_id"]: r["availability"]["state"] for r in body["results"]}
    now = [step["instrument_id"] for step in body["funding_route"]["now"]]
    assert now
    assert all(states[i] in ("open", "opens") for i in now), now


def test_no_instrument_is_called_a_right_unless_it_is_one(client) -> None:
    body = post(client, journey("journey-software-bv")["answers"])
    right = "whoever meets the conditions gets it"
    for result in body["results"]:
        claims = [w for w in result["why"] if "voldoet, krijgt het" in w or right in w]
        if claims:
            assert result["award"] == "entitlement", result["instrument_id"]
    assert by_id(body)["innovatiekrediet"]["award"] == "committee"


def test_the_amount_text_compares_the_need_with_the_maximum_honestly(client) -> None:
    need = {**OLD_MANUFACTURER, "development_stage": "prototype", "funding_need_eur": 1_500_000}
    body = post(client, need)
    for result in body["results"]:
        fit = result["amount_fit"]
        if fit["fit"] == "above_max":
            assert fit["need_eur"] > fit["max_eur"]
            assert all("past bij wat u nodig" not in w for w in result["why"])
        if any("binnen wat deze regeling geeft" in w for w in result["why"]):
            assert fit["fit"] == "in_range", result["instrument_id"]


def test_a_spin_off_may_name_the_institution_it_builds_on(client) -> None:
    body = post(
        client,
        {
            "role": "entrepreneur",
            "organisation_type": "private_company",
            "spin_off_of_knowledge_institution": True,
            "knowledge_institution_type": "university",
            "mission_themes": ["circular_economy", "digitalisation"],
        },
    )
    assert body["results"]


def test_the_knowledge_institution_type_alone_is_still_refused_for_a_plain_company(client) -> None:
    response = client.post(
        URL,
        data=json.dumps(
            {
                "answers": {
                    "role": "entrepreneur",
                    "organisation_type": "private_company",
                    "spin_off_of_knowledge_institution": False,
                    "knowledge_institution_type": "university",
                }
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "knowledge_institution_type"


def test_the_new_mission_themes_count_for_the_mit_agenda(client) -> None:
    answers = {
        **OLD_MANUFACTURER,
        "employees_fte": 12,
        "year_founded": 2019,
        "province": "gelderland",
        "mission_themes": ["circular_economy"],
    }
    reasons = {
        r["condition"]: r["outcome"]
        for r in by_id(post(client, answers))["mit-haalbaarheid"]["reasons"]
    }
    assert reasons["fits_innovation_agenda"] == "met"


def test_the_results_page_separates_open_closed_other_form_and_ended(client) -> None:
    case_id = start_case(client)
    answers = {**journey("journey-manufacturer")["answers"]}
    fill(client, case_id, answers)
    html = client.get(f"/c/{case_id}/results?on={ON}").text
    fits_part, rest = html.split('data-testid="tier-other-form"')
    assert 'data-instrument="innovatiekrediet"' in fits_part
    assert 'data-instrument="wbso"' not in fits_part  # a tax credit; the client wants a loan
    other, _ = rest.split('data-testid="tier-unknown"')
    assert 'data-instrument="wbso"' in other
    assert 'data-testid="tier-ended"' in html
    ended = html.split('data-testid="tier-ended"')[1]
    assert 'data-instrument="nationaal-groeifonds"' in ended
    assert "Hoe wordt beslist" in fits_part and "Een beoordelingscommissie" in fits_part
    assert "meer dan deze regeling geeft" in html or "valt binnen wat deze regeling" in html


def test_a_tax_scheme_is_never_said_to_give_less_than_the_need(client) -> None:
    """WBSO's figures are cost brackets and a deduction, not a sum one receives."""
    wbso = by_id(post(client, journey("journey-software-bv")["answers"]))["wbso"]
    assert wbso["amount_fit"]["fit"] == "share_of_costs"
