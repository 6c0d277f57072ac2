"""The workspace tables on SQLite and on PostgreSQL (a real server under make test), and the
``navigator orgs`` / ``navigator users`` commands."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner

from navigator.cli import main
from navigator.db.accounts import AccountError, AccountStore
from navigator.db.casework import CaseworkStore
from navigator.db.migrate import downgrade, upgrade
from navigator.db.store import CaseStore, make_engine
from navigator.db.workspace import WorkspaceStore

PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'workspace.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    made = make_engine(url)
    upgrade(made)
    yield made
    downgrade(made, "base")
    made.dispose()


def test_the_whole_life_of_a_shared_case(engine) -> None:
    accounts, held, work = AccountStore(engine), WorkspaceStore(engine), CaseworkStore(engine)
    rom = accounts.create_organisation("rom-oost", "Oost NL", "rom")
    rvo = accounts.create_organisation("rvo", "RVO", "rvo")
    with pytest.raises(AccountError, match="slug"):
        accounts.create_organisation("Oost NL!", "x", "rom")
    anna = accounts.create_user("anna@oost.example", "Anna", "rom-oost", "advisor", PASSWORD)
    rik = accounts.create_user("rik@rvo.example", "Rik", "rvo", "advisor", PASSWORD)
    with pytest.raises(AccountError, match="password"):
        accounts.create_user("x@y.example", "X", "rvo", "advisor", "short")
    assert accounts.authenticate("anna@oost.example", PASSWORD) == anna
    assert accounts.authenticate("anna@oost.example", "wrong password") is None
    assert accounts.authenticate("nobody@oost.example", PASSWORD) is None

    client_case = CaseStore(engine).create()
    CaseStore(engine).save(client_case.id, {"employees_fte": 4}, ("size",))
    code = held.share(client_case.id, "funding_advice")
    taken = held.take_over(code, rom.id, anna.id, "Lisa")
    assert taken is not None and taken.case_id != client_case.id
    assert CaseStore(engine).get(taken.case_id).answers == {"employees_fte": 4}
    assert held.take_over(code, rvo.id, rik.id, "Lisa") is None  # once only

    work.add_note(taken.case_id, anna.id, "Belde op 3 december", "wbso")
    work.add_outcome(taken.case_id, anna.id, "wbso", "awarded", date(2026, 12, 15), 42_000)
    version = work.freeze(
        taken.case_id,
        anna.id,
        {"employees_fte": 4},
        date(2026, 11, 23),
        "nl",
        "v",
        "f" * 64,
        {"wbso": "open"},
    )
    assert version.number == 1 and work.versions(taken.case_id)[0].groups == {"wbso": "open"}

    offer = held.hand_over(taken.case_id, anna.id, rvo.id, "Graag DTIF")
    assert held.handovers_to(rvo.id) == [offer]
    assert held.accept(offer.id, anna.id, rom.id) is None  # only the receiving side accepts
    assert held.accept(offer.id, rik.id, rvo.id) is not None
    moved = held.case(taken.case_id)
    assert moved.organisation_id == rvo.id and moved.advisor_id == rik.id
    assert work.notes(taken.case_id)[0].text == "Belde op 3 december"  # history travels

    consent = held.consents_of(client_case.id)[0]
    held.withdraw(client_case.id, consent.id)
    gone = held.case(taken.case_id)
    assert gone.withdrawn and gone.client_name == "—" and work.notes(taken.case_id) == []
    assert held.cases_of(rvo.id) == []

    work.record("staff", "read", taken.case_id, rvo.id, rik.id, "workspace.case")
    assert [e.action for e in work.audit(organisation_id=rvo.id)] == ["read"]
    assert work.purge_audit(datetime.now(UTC) + timedelta(seconds=1)) == 1


def test_the_account_commands(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    made = runner.invoke(main, ["orgs", "create", "rom-oost", "--name", "Oost NL", "--kind", "rom"])
    assert made.exit_code == 0, made.output
    assert "rom-oost" in runner.invoke(main, ["orgs", "list"]).output
    user = ["users", "create", "anna@oost.example", "--name", "Anna", "--org", "rom-oost"]
    assert runner.invoke(main, [*user, "--password-stdin"], input=PASSWORD + "\n").exit_code == 0
    again = runner.invoke(main, [*user, "--password-stdin"], input=PASSWORD + "\n")
    assert again.exit_code == 2 and "exists already" in again.output
    short = ["users", "create", "b@oost.example", "--name", "B", "--org", "rom-oost"]
    assert runner.invoke(main, [*short, "--password-stdin"], input="short\n").exit_code == 2
    totp = runner.invoke(main, ["users", "totp", "anna@oost.example"])
    assert totp.exit_code == 0 and "otpauth://totp/" in totp.output
    assert runner.invoke(main, ["users", "disable", "anna@oost.example"]).exit_code == 0
    listed = runner.invoke(main, ["users", "list"]).output
    assert "anna@oost.example\tadvisor\trom-oost\tdisabled\t2fa" in listed
    assert PASSWORD not in listed and "argon2" not in listed
