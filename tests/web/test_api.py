"""The JSON API of shared/reference/profile.md: contract shape, and 400 (never 500) on bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.domain.vocabulary import FIELDS
from tests.conftest import journey

URL = "/api/v1/recommendations"


def post(client, body) -> object:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def test_the_software_bv_journey_gets_the_contract_shape(client, navigator) -> None:
    response = post(client, journey("journey-software-bv"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["catalogue_version"] == navigator.version
    assert body["evaluated_on"] == "2026-01-15"
    results = body["results"]
    assert len(results) == len(navigator.catalogue.instruments)
    tiers = [r["status"] for r in results]
    assert tiers == sorted(tiers, key=["eligible", "unknown", "ineligible"].index)
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))
    for result in results:
        assert set(result) >= {
            "instrument_id",
            "name",
            "status",
            "rank",
            "score",
            "route",
            "reasons",
            "missing",
        }
        assert result["route"] in ("apply", "via")
        assert all(r["outcome"] in ("met", "not_met", "unknown") for r in result["reasons"])
        assert (result["status"] == "unknown") == bool(result["missing"]) or result[
            "status"
        ] == "unknown"
    by_id = {r["instrument_id"]: r for r in results}
    assert by_id["wbso"]["status"] == "eligible"
    assert by_id["seed-capital"]["route"] == "via"
    assert any("Seed Capital" in r["text"] for r in by_id["seed-capital"]["reasons"])


def test_english_texts_on_request(client) -> None:
    body = post_lang(client, "en")
    wbso = next(r for r in body["results"] if r["instrument_id"] == "wbso")
    assert wbso["name"] == "WBSO (R&D tax credit)"


def post_lang(client, lang: str) -> dict:
    return client.post(f"{URL}?lang={lang}", json=journey("journey-software-bv")).get_json()


def test_an_empty_request_evaluates_everything_as_not_answered(client) -> None:
    body = post(client, {}).get_json()
    assert body["results"] and all(r["status"] != "eligible" for r in body["results"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{not json", "body"),
        ("[1, 2]", "body"),
        ('{"answers": {"employees_fte": NaN}}', "body"),
        ({"answers": {"employees_fte": -3}}, "employees_fte"),
        ({"answers": {"employees_fte": "five"}}, "employees_fte"),
        ({"answers": {"province": "mars"}}, "province"),
        ({"answers": {"favourite_colour": "red"}}, "favourite_colour"),
        ({"answers": {}, "lang": "en"}, "lang"),
        ({"employees_fte": 5}, "employees_fte"),
        ({"answers": {}, "on": "15-01-2026"}, "on"),
        ({"answers": {}, "on": 20260115}, "on"),
        ({"answers": "everything"}, "answers"),
    ],
)
def test_bad_input_gives_400_with_the_field(client, body, field: str) -> None:
    response = post(client, body)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert field in [e["field"] for e in errors]
    assert all(e["message"] for e in errors)


def test_wrong_method_and_unknown_path_are_json(client) -> None:
    assert client.get(URL).status_code == 405
    assert client.get(URL).get_json()["errors"]
    missing = client.get("/api/v1/instruments/no-such-thing")
    assert (
        missing.status_code == 404 and missing.get_json()["errors"][0]["field"] == "instrument_id"
    )


def test_a_huge_body_is_refused_cleanly(client) -> None:
    response = post(client, '{"answers": {}, "x": "' + "a" * 300_000 + '"}')
    assert response.status_code in (400, 413)


def test_instruments_are_published_with_sources_and_dates(client, navigator) -> None:
    body = client.get("/api/v1/instruments").get_json()
    assert body["catalogue_version"] == navigator.version
    assert len(body["instruments"]) == len(navigator.catalogue.instruments)
    wbso = client.get("/api/v1/instruments/wbso").get_json()
    assert wbso["source_url"].startswith("https://") and wbso["facts_as_of"]
    assert wbso["rule"]["valid_from"] == "2024-01-01"
    assert isinstance(wbso["indicative"], list)


def test_the_profile_schema_describes_every_field(client) -> None:
    schema = client.get("/api/v1/profile-schema").get_json()
    properties = schema["properties"]["answers"]["properties"]
    assert set(properties) == set(FIELDS)
    assert properties["trl"] == {
        "description": FIELDS["trl"].description,
        "type": ["integer", "null"],  # null: not answered, as the server accepts
        "minimum": 1,
        "maximum": 9,
    }
    assert schema["properties"]["answers"]["additionalProperties"] is False


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(sorted(FIELDS)) | st.text(max_size=15)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=st.dictionaries(field_names, json_values, max_size=8), on=st.none() | json_values)
def test_random_payloads_never_cause_a_server_error(client, answers, on) -> None:
    body = {"answers": answers} if on is None else {"answers": answers, "on": on}
    response = post(client, body)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.get_json()["errors"]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_never_cause_a_server_error(client, raw) -> None:
    assert post(client, raw).status_code in (200, 400)
