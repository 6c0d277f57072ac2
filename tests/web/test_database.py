"""Cases are stored the same way in SQLite and in PostgreSQL (a real server under make test)."""

from __future__ import annotations

import pytest

from navigator.app import create_app
from navigator.db.migrate import downgrade, upgrade
from navigator.db.store import CaseStore, make_engine
from tests.web.helpers import answer, start_case


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    return request.getfixturevalue("postgres_url")


def test_a_case_round_trips(database_url: str) -> None:
    engine = make_engine(database_url)
    store = CaseStore(engine)
    upgrade(engine)
    try:
        case = store.create()
        assert len(case.id) >= 22 and case.answers == {}
        store.save(
            case.id,
            {"employees_fte": 2.5, "topsectors": ["htsm"], "does_own_rd": True},
            ("role", "size"),
        )
        loaded = store.get(case.id)
        assert loaded is not None
        assert loaded.answers == {"employees_fte": 2.5, "topsectors": ["htsm"], "does_own_rd": True}
        assert loaded.seen == ("role", "size")
        assert store.get("no-such-case") is None and store.get("x" * 200) is None
        with pytest.raises(KeyError):
            store.save("no-such-case", {}, ())
    finally:
        downgrade(engine, "base")
        engine.dispose()


def test_the_wizard_works_on_the_database(database_url: str, navigator) -> None:
    app = create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": False, "DATABASE_URL": database_url},
        navigator=navigator,
    )
    client = app.test_client()
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    assert "Bv of nv" in client.get(f"/c/{case_id}/check").text
    engine = app.extensions["case_store"].engine
    downgrade(engine, "base")
    engine.dispose()
