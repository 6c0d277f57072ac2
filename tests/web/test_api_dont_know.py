"""The API's "weet ik niet": ``dont_know`` is validated, echoed, and evaluated as not answered."""

from __future__ import annotations

import pytest

from tests.conftest import journey

URL = "/api/v1/recommendations"
UNKNOWN = ["employees_fte", "has_ip", "rd_staff_on_payroll"]


def without(names: list[str]) -> dict:
    body = journey("journey-software-bv")
    body["answers"] = {k: v for k, v in body["answers"].items() if k not in names}
    return body


@pytest.mark.parametrize("query", ["", "?advice=false"])
def test_dont_know_is_echoed_and_gives_the_results_of_leaving_the_fields_out(
    client, query: str
) -> None:
    absent = client.post(URL + query, json=without(UNKNOWN)).get_json()
    said = client.post(URL + query, json={**without(UNKNOWN), "dont_know": UNKNOWN}).get_json()
    assert absent["dont_know"] == [] and said["dont_know"] == UNKNOWN
    assert said["results"] == absent["results"]
    assert {k: v for k, v in said.items() if k != "dont_know"} == {
        k: v for k, v in absent.items() if k != "dont_know"
    }
    wbso = next(r for r in said["results"] if r["instrument_id"] == "wbso")
    assert wbso["status"] == "unknown" and "rd_staff_on_payroll" in wbso["missing"]


def test_null_dont_know_is_none_and_a_null_answer_may_be_listed(client) -> None:
    body = {"answers": {"trl": None, "province": "utrecht"}, "dont_know": ["trl"]}
    assert client.post(URL, json=body).get_json()["dont_know"] == ["trl"]
    assert client.post(URL, json={"answers": {}, "dont_know": None}).get_json()["dont_know"] == []


@pytest.mark.parametrize(
    ("dont_know", "answers", "message"),
    [
        ("employees_fte", {}, "must be a list of answers field names"),
        (["favourite_colour"], {}, "'favourite_colour' is not a known answers field"),
        ([7], {}, "'7' is not a known answers field"),
        (["trl", "trl"], {}, "'trl' is listed twice"),
        (["trl"], {"trl": 4}, "'trl' is also answered in 'answers'; give one of the two"),
        (["has_ip"], {"has_ip": False}, "'has_ip' is also answered in 'answers'"),
    ],
)
def test_a_wrong_dont_know_gives_400_naming_the_field_and_the_reason(
    client, dont_know, answers: dict, message: str
) -> None:
    response = client.post(URL, json={"answers": answers, "dont_know": dont_know})
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert [e["field"] for e in errors] == ["dont_know"]
    assert errors[0]["message"].startswith(message)


def test_dont_know_errors_come_with_the_other_errors(client) -> None:
    body = {"answers": {"employees_fte": -1}, "dont_know": ["colour"], "on": "tomorrow"}
    errors = client.post(URL, json=body).get_json()["errors"]
    assert {e["field"] for e in errors} == {"employees_fte", "dont_know", "on"}


def test_the_schemas_describe_dont_know(client) -> None:
    schema = client.get("/api/v1/profile-schema").get_json()["properties"]["dont_know"]
    assert schema["type"] == ["array", "null"] and schema["uniqueItems"] is True
    assert "employees_fte" in schema["items"]["enum"]
    document = client.get("/api/v1/openapi.json").get_json()
    response = document["components"]["schemas"]["Recommendations"]["properties"]
    assert response["dont_know"]["type"] == "array"
