"""Outcome feedback: verdicts on the results page are stored and exported as training rows."""

from __future__ import annotations

import json
from datetime import timedelta

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
    client.get(f"/c/{case_id}/results")  # the wizard is completed: its verdicts count
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
    assert {r.weight for r in dataset.rows} == {1.0}  # self-reported
    confirmed = [{**r, "source": "advisor"} if r["instrument_id"] == "wbso" else r for r in rows]
    weights = {r.instrument_id: r.weight for r in build_dataset(navigator, [], [], confirmed).rows}
    assert weights["wbso"] > weights.get("innovatiebox", 1.0) == 1.0  # an advisor confirmed it


def _aged(store, seconds: int) -> None:
    """Make every stored verdict ``seconds`` older than its case (a person's pace)."""
    from sqlmodel import Session, select

    from navigator.db.models import CaseRow, FeedbackRow

    with Session(store.engine) as session:
        created = {c.id: c.created_at for c in session.exec(select(CaseRow)).all()}
        for row in session.exec(select(FeedbackRow)).all():
            row.created_at = created[row.case_id] + timedelta(seconds=seconds)
            session.add(row)
        session.commit()


def test_export_feedback_command(tmp_path, monkeypatch) -> None:
    from navigator.cli import main
    from navigator.db.migrate import upgrade
    from navigator.db.store import CaseStore, Feedback, make_engine

    url = f"sqlite:///{tmp_path / 'navigator.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = CaseStore(make_engine(url))
    upgrade(store.engine)
    case = store.create()
    verdict = Feedback(case.id, "vff", "relevant", {"trl": 4}, "2026-11-23", "2026.11.2")
    assert store.add_feedback(verdict) is False  # the case never reached its results
    store.mark_completed(case.id)
    assert store.add_feedback(verdict) is True
    _aged(store, 300)
    result = CliRunner().invoke(main, ["ranking", "export-feedback"])
    assert result.exit_code == 0
    row = json.loads(result.stdout.splitlines()[0])
    assert row["grade"] == 2 and row["answers"] == {"trl": 4} and row["source"] == "self"


def test_a_flood_of_fast_verdicts_from_one_client_is_dropped_from_training(client) -> None:
    """The audit's reproduction: new cases via /start, rated at once, one client."""
    from navigator.ranking.provenance import BURST_MAX, screen

    store = client.application.extensions["case_store"]
    for _ in range(BURST_MAX + 5):
        case_id = start_case(client)
        client.get(f"/c/{case_id}/results")
        client.post(f"/c/{case_id}/feedback", data={"instrument_id": "wbso", "verdict": "awarded"})
    fast = screen(store.all_feedback())
    assert fast.kept == ()
    assert fast.dropped == {"rated within seconds of the case's creation": BURST_MAX + 5}
    _aged(store, 120)  # even at a person's pace, one client rating this much is a script
    burst = screen(store.all_feedback())
    assert burst.kept == ()
    assert burst.dropped == {"burst from one client": BURST_MAX + 5}


def test_the_evaluation_date_is_the_servers_not_the_forms(client) -> None:
    case_id = start_case(client)
    client.get(f"/c/{case_id}/results")
    client.post(
        f"/c/{case_id}/feedback",
        data={"instrument_id": "wbso", "verdict": "relevant", "on": "1900-01-01"},
    )
    stored = client.application.extensions["case_store"].all_feedback()
    assert [f.evaluated_on for f in stored] == ["2026-11-23"]  # the test server's date


def test_training_skips_and_reports_bad_feedback_rows(navigator, tmp_path) -> None:
    good = {
        "case_id": "c1",
        "instrument_id": "wbso",
        "verdict": "relevant",
        "answers": {"organisation_type": "private_company"},
        "evaluated_on": "2026-11-23",
    }
    bad = [
        None,
        {**good, "evaluated_on": "1900-01-01"},
        {**good, "verdict": "loved"},
        {**good, "instrument_id": "nope"},
        {**good, "answers": {"employees_fte": "many"}},
        {**good, "evaluated_on": "yesterday"},
    ]
    dataset = build_dataset(navigator, [], [], [good, *bad])
    assert len(dataset.skipped) == len(bad)
    assert {r.group for r in dataset.rows} <= {"feedback:c1"}
