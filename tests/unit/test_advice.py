"""The funding route, warnings, calendar and fingerprint for the journeys and edge cases."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from navigator.advice.advise import advise, fingerprint
from navigator.advice.deadlines import calendar_for, state_on, to_ics
from navigator.advice.route import PHASES
from navigator.contract import read_request
from navigator.domain.answers import make_answers
from navigator.recommend import Navigator
from tests.conftest import journey

TODAY = date(2026, 11, 23)


def advice_for(navigator: Navigator, name: str, on: date = TODAY):
    body = journey(name)
    request = read_request(
        {**body, "on": on.isoformat()}, today=on, known_ids=navigator.catalogue.by_id
    )
    return advise(navigator, request.answers, on)


def phases(advice) -> dict[str, list[str]]:
    return {p: [s.instrument.id for s in advice.route.phase(p)] for p in PHASES}


def test_route_of_the_software_bv(navigator: Navigator) -> None:
    route = phases(advice_for(navigator, "journey-software-bv"))
    assert route["now"][0] == "wbso"
    assert "innovatiekrediet" in route["next"]  # one letter of intent away
    assert "innovatiebox" in route["later"]  # after WBSO, once the innovation makes profit
    assert sum(len(v) for v in route.values()) <= 17


def test_route_of_the_researcher(navigator: Navigator) -> None:
    advice = advice_for(navigator, "journey-researcher")
    route = phases(advice)
    assert route["now"][0] == "take-off-1"
    assert "wbso" not in route["now"]  # no company, no payroll
    assert any(s.near_miss for s in advice.route.phase("next"))


def test_route_of_a_scale_up_looking_for_five_million(navigator: Navigator) -> None:
    route = phases(advice_for(navigator, "journey-scale-up"))
    assert {"rom-bom", "deep-tech-fonds"} <= set(route["now"])
    on_route = {i for ids in route.values() for i in ids}
    assert not {"vff", "take-off-1", "mit-haalbaarheid", "wbso"} & on_route


def test_prerequisites_come_first(navigator: Navigator) -> None:
    for name in ("journey-software-bv", "journey-researcher", "journey-scale-up"):
        steps = list(advice_for(navigator, name).route.steps)
        position = {s.instrument.id: i for i, s in enumerate(steps)}
        for step in steps:
            for before in step.after:
                assert position[before] < position[step.instrument.id]


def test_only_one_track_of_the_same_scheme_is_on_the_route(navigator: Navigator) -> None:
    ids = {i for v in phases(advice_for(navigator, "journey-software-bv")).values() for i in v}
    assert len(ids & {"vff", "vff-regionaal", "vff-regionaal-utrecht", "take-off-2"}) <= 1


def test_an_almost_empty_profile_gets_a_typical_route_and_questions(navigator: Navigator) -> None:
    advice = advise(navigator, make_answers({"role": "entrepreneur"}), TODAY)
    route = phases(advice)
    assert route["now"] and route["next"] and route["later"]
    assert "innovatiebox" in route["later"]
    assert [f for f, _ in advice.next_questions][:1] == ["organisation_type"]
    assert all(s.note is not None for s in advice.route.steps if s.evidence == "to_check")


def test_rejected_funding_forms_stay_off_the_route(navigator: Navigator) -> None:
    advice = advice_for(navigator, "journey-software-bv")
    kinds = {s.instrument.kind for s in advice.route.steps} | {
        k for s in advice.route.steps for k in s.instrument.also
    }
    assert kinds & {"grant", "subsidy", "tax", "loan"}
    assert not any(s.instrument.kind == "guarantee" for s in advice.route.steps)


def test_same_case_same_fingerprint_and_new_answers_new_fingerprint(navigator: Navigator) -> None:
    first = advice_for(navigator, "journey-software-bv")
    again = advice_for(navigator, "journey-software-bv")
    assert first.fingerprint == again.fingerprint and len(first.fingerprint) == 64
    other = fingerprint(navigator, make_answers({"trl": 3}), TODAY)
    assert other != first.fingerprint
    assert fingerprint(navigator, make_answers({}), date(2026, 1, 1)) != fingerprint(
        navigator, make_answers({}), TODAY
    )


@pytest.mark.parametrize(
    ("received", "on", "level"),
    [
        (100_000, TODAY, None),
        (245_000, TODAY, "caution"),  # with the €2,500 voucher above 80% of €300,000
        (299_000, TODAY, "stop"),
        (165_000, date(2023, 6, 1), "caution"),  # 80% of the old €200,000 ceiling
        (165_000, TODAY, None),
    ],
)
def test_de_minimis_ceiling_of_the_evaluation_date(
    navigator: Navigator, received, on, level
) -> None:
    answers = make_answers(
        {
            "organisation_type": "private_company",
            "employees_fte": 8,
            "annual_turnover_eur": 900_000,
            "province": "overijssel",
            "international_ambition": True,
            "de_minimis_received_eur": received,
            # advice only: the €2,500 Trade and Innovate voucher is the one planned aid
            "funding_forms": ("advice_network",),
        }
    )
    advice = advise(navigator, answers, on)
    found = [w for w in advice.warnings if w.id.startswith("de-minimis")]
    assert (found[0].level if found else None) == level


def test_combination_rules_warn_for_instruments_on_the_route(navigator: Navigator) -> None:
    answers = make_answers(
        {
            "organisation_type": "private_company",
            "province": "utrecht",
            "employees_fte": 20,
            "annual_turnover_eur": 3e6,
            "energy_saving_investment": True,
            "environmental_investment": True,
        }
    )
    ids = {w.id for w in advise(navigator, answers, TODAY).warnings}
    assert "eia-mia-same-asset" in ids


def test_calendar_states_and_ics(navigator: Navigator) -> None:
    take_off = navigator.catalogue.by_id["take-off-1"]
    assert state_on(take_off, TODAY) == "call_open"
    assert state_on(take_off, date(2025, 11, 1)) == "opening_soon"
    assert state_on(navigator.catalogue.by_id["innovatiekrediet"], TODAY) == "open_first_come"
    advice = advice_for(navigator, "journey-researcher")
    matched = {e.instrument.id for e in advice.calendar}
    assert "take-off-1" in matched and "wbso" not in matched  # only the user's matched instruments
    parsed = Calendar.from_ical(to_ics(advice.calendar, TODAY, "nl"))
    events = list(parsed.walk("VEVENT"))
    assert any(
        "Take-off fase 1" in str(e["SUMMARY"]) and e["DTSTART"].dt == date(2026, 12, 31)
        for e in events
    )
    assert to_ics(calendar_for([take_off], TODAY), TODAY, "en") == to_ics(
        calendar_for([take_off], TODAY), TODAY, "en"
    )
