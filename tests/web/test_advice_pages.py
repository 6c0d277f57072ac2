"""Route, near misses, warnings, calendar and the advice report in the web app and the API."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from icalendar import Calendar

from tests.conftest import journey
from tests.web.helpers import answer, start_case
from tests.web.test_results import fill

ON = "2026-11-23"


@pytest.fixture
def software_case(client) -> str:
    case_id = start_case(client)
    fill(client, case_id, journey("journey-software-bv")["answers"])
    return case_id


def test_the_api_returns_near_misses_route_warnings_and_calendar(client) -> None:
    body = client.post(
        "/api/v1/recommendations", json={**journey("journey-software-bv"), "on": ON}
    ).get_json()
    assert len(body["fingerprint"]) == 64
    by_id = {r["instrument_id"]: r for r in body["results"]}
    change = by_id["innovatiekrediet"]["near_misses"][0]["changes"][0]
    assert change["field"] == "investor_letter_of_intent" and change["value"] is True
    assert all(r["near_misses"] == [] for r in body["results"] if r["status"] == "eligible")
    route = body["funding_route"]
    assert set(route) == {"now", "next", "later"} and route["now"][0]["instrument_id"] == "wbso"
    assert any(
        s["instrument_id"] == "innovatiebox" and "wbso" in s["after"] for s in route["later"]
    )
    assert {w["level"] for w in body["warnings"]} <= {"stop", "caution", "tip"}
    assert all(c["state"] for c in body["calendar"])


def test_contradictory_answers_are_refused_by_the_api_and_the_cli(client) -> None:
    response = client.post(
        "/api/v1/recommendations",
        json={"answers": {"organisation_type": "none_yet", "employees_fte": 40}},
    )
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "employees_fte"
    from click.testing import CliRunner

    from navigator.cli import main

    result = CliRunner().invoke(
        main,
        ["recommend", "-"],
        input='{"answers": {"organisation_type": "none_yet", "year_founded": 2020}}',
    )
    assert result.exit_code == 2 and "year_founded" in result.stderr


def test_the_wizard_explains_a_contradiction_with_an_earlier_page(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    answer(client, case_id, "size", {"employees_fte": "40"})
    page = answer(client, case_id, "organisation", {"organisation_type": "none_yet"})
    assert page.status_code == 200 and "<title>Fout:" in page.text
    assert "kan geen personeel hebben" in page.text
    assert f'href="/c/{case_id}/step/size?return_to=check"' in page.text
    assert "Bv of nv" in client.get(f"/c/{case_id}/check").text  # nothing was saved


def test_the_results_page_shows_route_near_misses_warnings_and_calendar(
    client, software_case
) -> None:
    html = client.get(f"/c/{software_case}/results?on={ON}").text
    route = html.split('data-testid="route"')[1].split("</section>")[0]
    assert "<svg" in route and 'data-instrument="wbso"' in route and "marker-end" in route
    assert "Wat zou helpen:" in html and "intentieverklaring" in html
    assert 'data-testid="calendar"' in html and "Deadlinekalender" in html


def test_the_calendar_download_parses_and_holds_only_matched_instruments(
    client, software_case
) -> None:
    response = client.get(f"/c/{software_case}/calendar.ics?on={ON}")
    assert response.mimetype == "text/calendar"
    events = list(Calendar.from_ical(response.data).walk("VEVENT"))
    assert events and all(str(e["UID"]).endswith("@navigator") for e in events)
    assert not any("Take-off fase 1" in str(e["SUMMARY"]) for e in events)  # not matched
    # WBSO's deadline for a period from 1 January is in it, and every date has reminders.
    assert any(
        "WBSO" in str(e["SUMMARY"]) and e["DTSTART"].dt == date(2026, 12, 20) for e in events
    )
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert alarms and all(a["ACTION"] == "DISPLAY" for a in alarms)
        assert all(a["TRIGGER"].dt.days < 0 for a in alarms)


def test_the_report_is_stamped_and_reproducible(client, software_case) -> None:
    first = client.get(f"/c/{software_case}/report?on={ON}").text
    stamp = re.search(r'class="mono">([0-9a-f]{64})<', first).group(1)
    assert "2026.11" in first and "23 november 2026" in first
    assert client.get(f"/c/{software_case}/report?on={ON}").text == first
    api = client.post(
        "/api/v1/recommendations",
        json={"answers": _stored_answers(client, software_case), "on": ON},
    ).get_json()
    assert api["fingerprint"] == stamp


def _stored_answers(client, case_id: str) -> dict:
    from navigator.web.mapping import answers_from_store, answers_to_store
    from navigator.wizard.navigation import effective_answers

    store = client.application.extensions["case_store"]
    raw = store.get(case_id).answers
    from datetime import date

    answers = answers_from_store(
        raw,
        on=date(2026, 11, 23),
        known_ids=client.application.extensions["navigator"].catalogue.by_id,
    )
    return answers_to_store(effective_answers(answers))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by make test")
def test_the_pdf_renders_the_right_content(client, software_case, tmp_path) -> None:
    response = client.get(f"/c/{software_case}/report.pdf?on={ON}")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert client.get(f"/c/{software_case}/report.pdf?on={ON}").data == response.data
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Navigator-adviesrapport",
        "Uw financieringsroute",
        "WBSO",
        "Innovatiekrediet",
        "Deadlinekalender",
    ):
        assert expected in text
    html = client.get(f"/c/{software_case}/report?on={ON}").text
    fingerprint = re.search(r'class="mono">([0-9a-f]{64})<', html).group(1)
    assert fingerprint[:20] in text.replace("\n", "").replace(" ", "")


def test_the_report_shows_answers_a_client_can_read(client, software_case) -> None:
    html = client.get(f"/c/{software_case}/report?on={ON}").text
    answers = html.split('data-testid="report-answers"')[1]
    assert "Hoeveel mensen werken er, in fte?" in answers
    assert "Bv of nv" in answers
    assert "employees_fte" not in answers and "private_company" not in answers
    assert "False" not in answers and "True" not in answers


def test_the_pdf_and_the_calendar_are_made_once_per_fingerprint(
    client, software_case, monkeypatch
) -> None:
    from navigator.web import report

    made: list[str] = []
    monkeypatch.setattr(report, "render_pdf", lambda html: made.append("pdf") or b"%PDF-1.7")
    real_ics = report.to_ics
    monkeypatch.setattr(report, "to_ics", lambda *a: made.append("ics") or real_ics(*a))
    for _ in range(3):
        assert client.get(f"/c/{software_case}/report.pdf?on={ON}").data == b"%PDF-1.7"
        assert client.get(f"/c/{software_case}/calendar.ics?on={ON}").status_code == 200
    assert made == ["pdf", "ics"]
    client.get(f"/c/{software_case}/report.pdf?on=2026-11-24")
    client.get(f"/c/{software_case}/calendar.ics?on=2026-11-24")
    assert made == ["pdf", "ics", "pdf", "ics"]  # another date, another fingerprint: made anew


def test_a_kept_pdf_is_not_reused_after_an_answer_becomes_i_dont_know(client, monkeypatch) -> None:
    """ "Weet ik niet" changes the report (not the advice): the PDF is made anew."""
    from navigator.web import report

    pages: list[str] = []
    monkeypatch.setattr(report, "render_pdf", lambda html: pages.append(html) or b"%PDF-1.7")
    case_id = start_case(client)
    answers = dict(journey("journey-software-bv")["answers"])
    del answers["does_own_rd"]
    fill(client, case_id, answers)
    client.get(f"/c/{case_id}/report.pdf?on={ON}")
    answer(client, case_id, "rd", {"does_own_rd": "unknown"})
    client.get(f"/c/{case_id}/report.pdf?on={ON}")
    assert len(pages) == 2
    assert "Weet ik niet" not in pages[0] and "Weet ik niet" in pages[1]
