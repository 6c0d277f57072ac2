"""Outcome feedback: verdicts on the results page are stored and exported as training rows."""

from __future__ import annotations

import json

from click.testing import CliRunner

from navigator.ranking.dataset import build_dataset, feedback_rows
from tests.web.helpers import answer, start_case


def test_a_verdict_is_stored_with_the_answers_and_catalogue_version(client, navigator) -> None:
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    page = client.get(f"/c/{case_id}/results?on=2026-11-23").text
    assert 'data-testid="feedback"' in page
    response = client.post(
        f"/c/{case_id}/feedback",
        data={"instrument_id": "wbso", "verdict": "applied", "on": "2026-11-23"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#card-wbso")
    client.post(
        f"/c/{case_id}/feedback",
        data={"instrument_id": "wbso", "verdict": "awarded", "on": "2026-11-23"},
    )
    store = client.application.extensions["case_store"]
    stored = store.all_feedback()
    assert [(f.instrument_id, f.verdict) for f in stored] == [
        ("wbso", "awarded")
    ]  # latest verdict wins
    assert stored[0].answers == {"organisation_type": "private_company"}
    assert stored[0].catalogue_version == navigator.version
    assert 'aria-pressed="true">Toegekend' in client.get(f"/c/{case_id}/results?on=2026-11-23").text


def test_invalid_verdicts_are_ignored(client) -> None:
    case_id = start_case(client)
    client.post(f"/c/{case_id}/feedback", data={"instrument_id": "wbso", "verdict": "loved"})
    client.post(f"/c/{case_id}/feedback", data={"instrument_id": "nope", "verdict": "relevant"})
    assert client.application.extensions["case_store"].all_feedback() == []
    assert client.post("/c/unknown-case/feedback", data={}).status_code == 404


def test_feedback_becomes_training_rows(client, navigator) -> None:
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    answer(client, case_id, "rd", {"does_own_rd": "yes"})
    for instrument, verdict in (("wbso", "awarded"), ("innovatiebox", "not_relevant")):
        client.post(
            f"/c/{case_id}/feedback",
            data={"instrument_id": instrument, "verdict": verdict, "on": "2026-11-23"},
        )
    rows = feedback_rows(client.application.extensions["case_store"].all_feedback())
    assert {(r["instrument_id"], r["grade"]) for r in rows} == {("wbso", 3), ("innovatiebox", 0)}
    dataset = build_dataset(navigator, [], [], rows)
    assert {r.instrument_id for r in dataset.rows} <= {"wbso", "innovatiebox"}
    assert all(r.group == f"feedback:{case_id}" for r in dataset.rows)


def test_export_feedback_command(tmp_path, monkeypatch) -> None:
    from navigator.cli import main
    from navigator.db.store import CaseStore, Feedback, make_engine

    url = f"sqlite:///{tmp_path / 'navigator.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from navigator.db.migrate import upgrade

    store = CaseStore(make_engine(url))
    upgrade(store.engine)
    store.add_feedback(Feedback("case-1", "vff", "relevant", {"trl": 4}, "2026-11-23", "2026.11.2"))
    result = CliRunner().invoke(main, ["ranking", "export-feedback"])
    assert result.exit_code == 0
    row = json.loads(result.stdout.splitlines()[0])
    assert row["grade"] == 2 and row["answers"] == {"trl": 4}
