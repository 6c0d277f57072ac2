"""The navigator command: same JSON as the API, exit 2 with field messages on bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from navigator.cli import main
from tests.conftest import DATA


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_recommend_prints_the_api_json_for_both_journeys(client) -> None:
    for name in ("journey-software-bv", "journey-researcher"):
        result = run("recommend", str(DATA / f"{name}.json"))
        assert result.exit_code == 0, result.output
        printed = json.loads(result.stdout)
        api = client.post(
            "/api/v1/recommendations", json=json.loads((DATA / f"{name}.json").read_text())
        ).get_json()
        assert printed == api


def test_recommend_reads_standard_input_and_takes_a_date() -> None:
    result = run("recommend", "-", "--on", "2024-06-01", stdin='{"answers": {"trl": 4}}')
    assert result.exit_code == 0 and json.loads(result.stdout)["evaluated_on"] == "2024-06-01"


def test_a_malformed_file_exits_2_with_field_messages() -> None:
    result = run(
        "recommend",
        "-",
        stdin='{"answers": {"employees_fte": -1, "colour": "red"}, "on": "tomorrow"}',
    )
    assert result.exit_code == 2
    errors = {e["field"]: e["message"] for e in json.loads(result.stderr)["errors"]}
    assert set(errors) == {"employees_fte", "colour", "on"}
    assert run("recommend", "-", stdin="{oops").exit_code == 2
    assert run("recommend", "-", "--on", "someday", stdin="{}").exit_code == 2


def test_catalogue_validate_lists_indicative_facts(navigator) -> None:
    result = run("catalogue", "validate")
    assert result.exit_code == 0
    assert f"{len(navigator.catalogue.instruments)} instruments, 0 errors" in result.stdout
    assert "Indicative facts" in result.stdout and "take-off-1:" in result.stdout


def test_catalogue_validate_fails_on_invalid_data(tmp_path) -> None:
    bad = tmp_path / "instruments.json"
    bad.write_text('{"catalogue_version": "2026.11.0", "instruments": [{"id": "X"}]}')
    result = run("catalogue", "validate", "--catalogue", str(bad))
    assert result.exit_code == 1 and "instruments.0.id" in result.stderr


def test_rules_test_runs_the_cases() -> None:
    result = run("rules", "test", "-k", "wbso")
    assert result.exit_code == 0 and "passed, 0 failed" in result.stdout


def test_catalogue_coverage_lists_every_instrument(navigator) -> None:
    result = run("catalogue", "coverage")
    assert result.exit_code == 0
    rows = [
        line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line
    ]
    assert len(rows) == len(navigator.catalogue.instruments) + 1
    assert any(row.startswith("| wbso | ") and "within the EU" in row for row in rows)


def test_the_rule_schema_is_published() -> None:
    result = run("rules", "schema")
    schema = json.loads(result.stdout)
    assert result.exit_code == 0 and "tracks" in schema["properties"]


def test_recommend_reads_and_echoes_dont_know(client) -> None:
    body = '{"answers": {"trl": 4}, "dont_know": ["employees_fte"], "on": "2026-01-15"}'
    result = run("recommend", "-", stdin=body)
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["dont_know"] == ["employees_fte"]
    assert (
        printed
        == client.post(
            "/api/v1/recommendations", data=body, content_type="application/json"
        ).get_json()
    )
    wrong = run("recommend", "-", stdin='{"answers": {"trl": 4}, "dont_know": ["trl"]}')
    assert wrong.exit_code == 2
    assert json.loads(wrong.stderr)["errors"][0]["field"] == "dont_know"
