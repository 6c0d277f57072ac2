"""Privacy: a user deletes a case (with confirmation), old cases are purged, and case ids never
reach the access log."""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from navigator.cli import main
from navigator.db.migrate import upgrade
from navigator.db.store import CaseStore, Feedback, make_engine
from navigator.web.server import RedactingLogger, redact
from tests.web.helpers import answer, start_case


def test_a_user_deletes_a_case_after_confirming(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    assert f"/c/{case_id}/delete" in client.get(f"/c/{case_id}/check").text
    confirm = client.get(f"/c/{case_id}/delete")
    assert confirm.status_code == 200 and "Ja, verwijder mijn antwoorden" in confirm.text
    assert client.get(f"/c/{case_id}/check").status_code == 200  # asking deletes nothing
    done = client.post(f"/c/{case_id}/delete")
    assert done.status_code == 200 and "verwijderd" in done.text
    assert client.get(f"/c/{case_id}/check").status_code == 404
    assert client.get(f"/c/{case_id}/results").status_code == 404


def test_deleting_takes_the_verdicts_along(client) -> None:
    case_id = start_case(client)
    client.get(f"/c/{case_id}/results")
    client.post(f"/c/{case_id}/feedback", data={"instrument_id": "wbso", "verdict": "relevant"})
    store = client.application.extensions["case_store"]
    assert len(store.all_feedback()) == 1
    client.post(f"/c/{case_id}/delete")
    assert store.all_feedback() == []


def test_cases_untouched_for_twelve_months_are_purged(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'purge.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = CaseStore(make_engine(url))
    upgrade(store.engine)
    old, recent = store.create(), store.create()
    store.mark_completed(old.id)
    store.add_feedback(Feedback(old.id, "wbso", "relevant", {}, "2026-01-01", "2026.11.4"))
    from sqlmodel import Session

    from navigator.db.models import CaseRow

    with Session(store.engine) as session:
        row = session.get(CaseRow, old.id)
        row.updated_at = datetime(2025, 10, 1, tzinfo=UTC)
        session.add(row)
        session.commit()
    result = CliRunner().invoke(main, ["cases", "purge", "--on", "2026-11-23"])
    assert result.exit_code == 0 and "Deleted 1 cases" in result.output
    assert store.get(old.id) is None and store.get(recent.id) is not None
    assert store.all_feedback() == []
    bad = CliRunner().invoke(main, ["cases", "purge", "--on", "someday"])
    assert bad.exit_code == 2


def test_case_ids_are_redacted_from_the_access_log() -> None:
    line = "GET /c/AbC123-_xyz/step/size?return_to=check HTTP/1.1"
    assert redact(line) == "GET /c/<case>/step/size?return_to=check HTTP/1.1"
    assert redact("https://navigator.example.nl/c/AbC123/results") == (
        "https://navigator.example.nl/c/<case>/results"
    )

    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)

    class Response:
        status = "200 OK"
        headers = ()
        sent = 10
        response_length = 10

    class Request:
        headers = (("REFERER", "http://localhost/c/SECRET1/check"),)
        method = "GET"
        uri = "/c/SECRET2/results"
        path = "/c/SECRET2/results"
        query = ""
        version = (1, 1)

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/c/SECRET2/results",
        "PATH_INFO": "/c/SECRET2/results",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "http://localhost/c/SECRET1/check",
    }
    from datetime import timedelta

    atoms = logger.atoms(Response(), Request(), environ, timedelta(milliseconds=5))
    text = " ".join(str(v) for v in atoms.values())
    assert "SECRET1" not in text and "SECRET2" not in text
    assert "/c/<case>/results" in text
