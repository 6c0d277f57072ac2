"""The OpenAPI 3.1 contract, fuzzed with schemathesis against the app itself: no server error,
every response in the documented shape (status code, content type, body schema).

CI runs a bounded number of cases (NAVIGATOR_FUZZ_EXAMPLES, default 1,000 per operation, 2,002 in
all: the two operations without inputs run once); `make fuzz` runs 5,000 per operation, 10,002.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from navigator import paths
from navigator.app import create_app
from navigator.recommend import load_navigator

EXAMPLES = int(os.environ.get("NAVIGATOR_FUZZ_EXAMPLES", "1000"))

app = create_app(
    {"TESTING": True, "WTF_CSRF_ENABLED": False},
    navigator=load_navigator(paths.catalogue_path(), paths.rules_dir()),
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract(case) -> None:
    # Every check but one: answers can be valid field by field and still contradict each
    # other (staff without a registration, a founding year after the evaluation date); the
    # contract answers those with a documented 400, which JSON Schema cannot express.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_the_document_is_served_and_describes_the_errors(client) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    operation = document["paths"]["/api/v1/recommendations"]["post"]
    assert {"200", "400", "413", "429", "503"} <= set(operation["responses"])
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "/api/v1/recommendations" in page.text


def test_null_is_accepted_as_not_answered_and_week_dates_are_refused(client) -> None:
    ok = client.post("/api/v1/recommendations?advice=false", json={"answers": {"trl": None}})
    assert ok.status_code == 200
    week = client.post("/api/v1/recommendations", json={"answers": {}, "on": "2026-W01-1"})
    assert week.status_code == 400
    assert week.get_json()["errors"][0]["field"] == "on"
