"""Published catalogue versions: the app serves the newest without a restart, four eyes before
publishing, and export/import between the database and folders."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from navigator import paths
from navigator.cli import main
from navigator.db.catalogue_versions import VersionError
from navigator.domain.bundle import fingerprint, read_folder
from tests.unit.test_studio import SMALL_PROJECT


def _files():
    return read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())


def _lowered():
    bundle = _files()
    rule = bundle["rules/innovatiekrediet.yaml"]
    bundle["rules/innovatiekrediet.yaml"] = rule.replace("value: 150000}", "value: 100000}")
    return bundle


def _status(client, instrument_id: str) -> str:
    body = client.post(
        "/api/v1/recommendations?advice=false",
        json={"answers": SMALL_PROJECT, "on": "2026-11-23"},
    ).get_json()
    return next(r["status"] for r in body["results"] if r["instrument_id"] == instrument_id)


def test_a_published_version_is_served_without_a_restart(app, client) -> None:
    versions = app.extensions["catalogue_versions"]
    assert _status(client, "innovatiekrediet") == "ineligible"
    lowered = versions.publish_now(_lowered(), None, "Minimum lowered")
    assert _status(client, "innovatiekrediet") == "eligible"
    assert app.extensions["catalogue_source"].version_id == lowered.id
    versions.publish_now(_files(), None, "Revert")
    assert _status(client, "innovatiekrediet") == "ineligible"


def test_four_eyes_before_publishing(app) -> None:
    versions = app.extensions["catalogue_versions"]
    accounts = app.extensions["accounts"]
    accounts.create_organisation("rvo", "RVO", "rvo")
    mia = accounts.create_user(
        "mia@rvo.example", "Mia", "rvo", "maintainer", "correct horse battery"
    )
    ria = accounts.create_user("ria@rvo.example", "Ria", "rvo", "reviewer", "correct horse battery")
    draft = versions.create_draft(_files(), mia.id, None)
    versions.update_draft(draft.id, _lowered())
    with pytest.raises(VersionError, match="reason"):
        versions.submit(draft.id, " ")
    versions.submit(draft.id, "Minimum lowered in the 2027 regulation")
    with pytest.raises(VersionError, match="edited"):
        versions.update_draft(draft.id, _files())
    with pytest.raises(VersionError, match="four eyes"):
        versions.publish(draft.id, mia.id)
    assert versions.latest_published() is None
    published = versions.publish(draft.id, ria.id)
    assert published.status == "published" and published.reviewer_id == ria.id
    assert versions.latest_published() == (draft.id, fingerprint(_lowered()))


def test_export_and_import(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'versions.db'}")
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    exported = runner.invoke(main, ["catalogue", "export", str(tmp_path / "kb")])
    assert exported.exit_code == 0 and "nothing published" in exported.output
    rule = tmp_path / "kb" / "rules" / "innovatiekrediet.yaml"
    rule.write_text(rule.read_text().replace("value: 150000}", "value: 100000}"))
    refused = runner.invoke(main, ["catalogue", "import", str(tmp_path / "kb"), "--reason", "x"])
    assert refused.exit_code == 1  # a rule case expects the 150,000 minimum
    case_file = tmp_path / "kb" / "cases" / "innovatiekrediet.yaml"
    cases = case_file.read_text()
    case_file.write_text(cases.replace("funding_need_eur: 149999", "funding_need_eur: 99999"))
    imported = runner.invoke(
        main, ["catalogue", "import", str(tmp_path / "kb"), "--reason", "Lower"]
    )
    assert imported.exit_code == 0, imported.output
    again = runner.invoke(main, ["catalogue", "export", str(tmp_path / "out")])
    assert "version 1" in again.output
    served = json.loads((tmp_path / "out" / "instruments.json").read_text())
    assert (
        served["catalogue_version"]
        == json.loads(paths.catalogue_path().read_text())["catalogue_version"]
    )
    assert "value: 100000}" in (tmp_path / "out" / "rules" / "innovatiekrediet.yaml").read_text()
