"""The wizard: question pages, validation, skipping, check your answers, resume by link."""

from __future__ import annotations

import json
import re
from pathlib import Path

from navigator.app import create_app
from navigator.recommend import Navigator
from tests.web.helpers import answer, start_case, walk_wizard

DATA = Path(__file__).parent.parent / "data"


def test_the_start_page_creates_a_case_and_asks_the_first_question(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Vind innovatiefinanciering die past" in page.text
    case_id = start_case(client)
    question = client.get(f"/c/{case_id}/step/role")
    assert '<h1 class="heading-l">Wat past het best bij u?</h1>' in question.text
    assert 'class="back-link"' in question.text


def test_answers_move_to_the_next_relevant_page(client) -> None:
    case_id = start_case(client)
    assert (
        answer(client, case_id, "role", {"role": "researcher"})
        .headers["Location"]
        .endswith("/step/organisation")
    )
    response = answer(client, case_id, "organisation", {"organisation_type": "none_yet"})
    assert response.headers["Location"].endswith("/step/institution")
    response = answer(client, case_id, "institution", {"knowledge_institution_type": "university"})
    assert response.headers["Location"].endswith("/step/location")


def test_a_validation_error_keeps_the_input_and_links_to_the_field(client) -> None:
    case_id = start_case(client)
    response = answer(
        client, case_id, "size", {"employees_fte": "vijf", "annual_turnover_eur": "450.000"}
    )
    assert response.status_code == 200
    html = response.text
    assert re.search(r"<title>Fout: ", html)
    assert 'href="#employees_fte"' in html
    assert "Vul het aantal fte in als getal, bijvoorbeeld 5" in html
    assert 'value="vijf"' in html and 'value="450.000"' in html
    # Nothing was saved from the invalid page: the check page lists no question asked.
    assert "data-field=" not in client.get(f"/c/{case_id}/check").text


def test_out_of_range_numbers_get_a_range_message(client) -> None:
    case_id = start_case(client)
    response = answer(client, case_id, "stage", {"trl": "12"})
    assert "Vul voor het TRL een getal van 1 tot en met 9 in" in response.text
    response = answer(client, case_id, "founded", {"year_founded": "3025"})
    assert 'href="#year_founded"' in response.text


def test_none_of_these_cannot_be_combined(client) -> None:
    case_id = start_case(client)
    response = answer(client, case_id, "themes", {"topsectors": ["__none__", "htsm"]})
    assert 'href="#topsectors-0"' in response.text


def test_check_answers_shows_values_and_change_links_that_return(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "size", {"employees_fte": "2,5", "annual_turnover_eur": "€ 120.000"})
    page = client.get(f"/c/{case_id}/check").text
    assert "2,5 fte" in page and "€ 120.000" in page
    assert f"/c/{case_id}/step/size?return_to=check" in page
    response = answer(client, case_id, "size", {"employees_fte": "3"}, return_to="check")
    assert response.headers["Location"].endswith(f"/c/{case_id}/check")
    assert "3 fte" in client.get(f"/c/{case_id}/check").text


def _row(page: str, field: str) -> str:
    return page.split(f'data-field="{field}"')[1].split("</div>")[0]


def test_i_dont_know_is_an_answer_of_its_own_and_empty_stays_unanswered(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "rd", {"does_own_rd": "yes"})
    assert "Ja" in client.get(f"/c/{case_id}/check").text
    answer(client, case_id, "rd", {"does_own_rd": "unknown"})
    rows = client.get(f"/c/{case_id}/check").text
    assert "Weet ik niet" in _row(rows, "does_own_rd")
    assert re.search(
        r'<input checked[^>]*value="unknown"', client.get(f"/c/{case_id}/step/rd").text
    )
    answer(client, case_id, "rd", {})
    assert "Niet beantwoord" in _row(client.get(f"/c/{case_id}/check").text, "does_own_rd")


def test_resume_by_link_in_a_new_browser(app, navigator: Navigator) -> None:
    first = app.test_client()
    case_id = start_case(first)
    answer(first, case_id, "role", {"role": "entrepreneur"})
    answer(first, case_id, "organisation", {"organisation_type": "private_company"})
    other_browser = app.test_client()
    response = other_browser.get(f"/c/{case_id}")
    assert response.headers["Location"].endswith(f"/c/{case_id}/step/location")
    assert re.search(
        r'<input checked[^>]*value="private_company"',
        other_browser.get(f"/c/{case_id}/step/organisation").text,
    )


def test_unknown_case_and_step_give_404(client) -> None:
    assert client.get("/c/does-not-exist/step/role").status_code == 404
    case_id = start_case(client)
    assert client.get(f"/c/{case_id}/step/nope").status_code == 404


def test_csrf_protects_the_forms(navigator: Navigator) -> None:
    app = create_app({"TESTING": True}, navigator=navigator)
    client = app.test_client()
    assert client.post("/start").status_code == 302  # no token: back to the start page, no case
    page = client.get("/").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/start", data={"csrf_token": token})
    case_id = response.headers["Location"].split("/")[2]
    rejected = client.post(f"/c/{case_id}/step/size", data={"employees_fte": "12"})
    assert rejected.status_code == 200 and "te lang open" in rejected.text
    assert 'value="12"' in rejected.text  # what was typed is kept
    assert "data-field=" not in client.get(f"/c/{case_id}/check").text  # nothing saved


def test_the_language_switch_keeps_the_page(client) -> None:
    case_id = start_case(client)
    response = client.get(f"/language/en?next=/c/{case_id}/step/role")
    assert response.headers["Location"] == f"/c/{case_id}/step/role"
    assert "What describes you best?" in client.get(f"/c/{case_id}/step/role").text
    assert client.get("/language/en?next=https://evil.example/").headers["Location"] == "/"


def test_range_messages_name_the_limit_crossed_and_examples_fit_the_field(client) -> None:
    case_id = start_case(client)
    huge = answer(client, case_id, "size", {"employees_fte": "100000000000000000000"}).text
    assert "Vul hoogstens 10.000.000 in voor het aantal fte" in huge
    assert "0 of meer" not in huge
    negative = answer(client, case_id, "size", {"annual_turnover_eur": "-5"}).text
    assert "0 of meer" in negative
    words = answer(client, case_id, "size", {"annual_turnover_eur": "veel"}).text
    assert "bijvoorbeeld 250.000" in words
    year = answer(client, case_id, "founded", {"year_founded": "vorig jaar"}).text
    assert "bijvoorbeeld 2019" in year


def test_personas_get_fewer_questions_a_progress_line_and_the_offer_of_more(client) -> None:
    asked = {}
    for name in ("software-bv", "researcher", "manufacturer"):
        case_id = start_case(client)
        assert "Vraag 1 van ongeveer" in client.get(f"/c/{case_id}/step/role").text
        persona = json.loads((DATA / f"journey-{name}.json").read_text(encoding="utf-8"))
        backs: list[str] = []
        pages = walk_wizard(client, case_id, persona["answers"], backs)
        asked[name] = [field for _, fields in pages for field in fields]
        steps = [step for step, _ in pages]
        for index, step in enumerate(steps[1:], start=1):
            # back: the page asked before, also when the adaptive order returns to a page
            before = [earlier for earlier in steps[:index] if earlier != step][-1]
            assert f'href="/c/{case_id}/step/{before}"' in backs[index], (step, steps[:index])
        check = client.get(f"/c/{case_id}/check").text
        assert f'href="/c/{case_id}/step/{pages[-1][0]}"' in check  # back: the last page asked
        assert f"/c/{case_id}/more" in check and "Meer vragen beantwoorden" in check
        more = client.get(f"/c/{case_id}/more")
        assert "more=1" in more.headers["Location"]
    assert len(asked["software-bv"]) < 35 and len(asked["manufacturer"]) < 35
    assert len(asked["researcher"]) < 20
    assert not {"rd_hours_per_year", "rd_staff_on_payroll", "employees_fte"} & set(
        asked["researcher"]
    )


def test_an_advisor_is_asked_about_the_client_in_both_languages(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "role", {"role": "advisor"})
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    page = client.get(f"/c/{case_id}/step/size").text
    assert "Hoeveel medewerkers heeft uw klant, in fte?" in page
    assert "Wat is de jaaromzet van uw klant?" in page
    answer(client, case_id, "size", {"employees_fte": "40"})
    assert "Hoeveel medewerkers heeft uw klant, in fte?" in client.get(f"/c/{case_id}/check").text
    client.get("/language/en")
    assert "How many people work at your client, in FTE?" in (
        client.get(f"/c/{case_id}/step/size").text
    )
    other = start_case(client)
    answer(client, other, "role", {"role": "entrepreneur"})
    assert "How many people work there, in FTE?" in client.get(f"/c/{other}/step/size").text


def test_support_received_before_is_grouped_by_kind_without_routing_or_long_ended(client) -> None:
    case_id = start_case(client)
    page = client.get(f"/c/{case_id}/step/history?return_to=check").text
    groups = re.findall(r'<legend class="choice-group__title">([^<]+)</legend>', page)
    assert groups[:3] == ["Subsidie", "Fiscale regeling", "Lening"]
    assert 'value="wbso"' in page and 'value="nationaal-groeifonds"' in page
    for left_out in ("rvo", "kvk", "tki", "corona-overbruggingslening"):
        assert f'value="{left_out}"' not in page
    assert 'data-module="option-filter" hidden' in page  # shown by navigator.js
    assert 'value="__none__"' in page
    response = answer(client, case_id, "history", {"received_instruments": ["wbso"]})
    assert response.status_code == 302
    assert re.search(
        r'<input checked[^>]*value="wbso"', client.get(f"/c/{case_id}/step/history").text
    )


def test_answer_more_questions_asks_every_remaining_page_then_stops_offering(client) -> None:
    case_id = start_case(client)
    persona = json.loads((DATA / "journey-researcher.json").read_text(encoding="utf-8"))
    walk_wizard(client, case_id, persona["answers"])
    location = client.get(f"/c/{case_id}/more").headers["Location"]
    pages = 0
    while "/step/" in location:
        assert "more=1" in location
        response = client.post(location, data={})
        assert response.status_code == 302
        location = response.headers["Location"]
        pages += 1
    assert pages > 0 and location.endswith(f"/c/{case_id}/check")
    check = client.get(f"/c/{case_id}/check").text
    assert "Meer vragen beantwoorden" not in check


def test_after_the_first_page_one_can_stop_and_see_the_results_so_far(client) -> None:
    case_id = start_case(client)
    assert 'data-testid="stop-here"' not in client.get(f"/c/{case_id}/step/role").text
    answer(client, case_id, "role", {"role": "entrepreneur"})
    page = client.get(f"/c/{case_id}").headers["Location"]
    html = client.get(page).text
    assert f'href="/c/{case_id}/check" data-testid="stop-here"' in html
    assert "Hier stoppen en de resultaten tot nu toe bekijken" in html
    editing = client.get(f"/c/{case_id}/step/role?return_to=check").text
    assert 'data-testid="stop-here"' not in editing  # changing one answer: back is the way
