"""Maintainer tools: impact of a draft on saved and rule cases, the diff between versions, and
the link checker (against a local HTTP server)."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator import paths
from navigator.cli import main
from navigator.recommend import load_navigator
from navigator.rules.cases import load_all_cases
from navigator.studio.diff import as_markdown, diff_versions
from navigator.studio.impact import Profile, impact, pseudonym, rule_case_profiles
from navigator.studio.links import check, collect

ON = date(2026, 11, 23)
# A company whose 120,000 project is below Innovatiekrediet's 150,000 minimum, and which meets
# the other conditions Navigator checks.
SMALL_PROJECT = {
    "role": "entrepreneur",
    "organisation_type": "private_company",
    "employees_fte": 12,
    "annual_turnover_eur": 2_000_000,
    "balance_sheet_total_eur": 1_000_000,
    "part_of_larger_group": False,
    "year_founded": 2015,
    "province": "gelderland",
    "development_stage": "prototype",
    "trl": 6,
    "does_own_rd": True,
    "project_started": False,
    "funding_need_eur": 120_000,
    "funding_forms": ["loan"],
    "private_cofinancing_eur": 150_000,
    "investor_letter_of_intent": True,
}


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "draft"
    root.mkdir()
    shutil.copy(paths.catalogue_path(), root / "instruments.json")
    shutil.copytree(paths.rules_dir(), root / "rules")
    return root


def _lower_innovatiekrediet(root: Path) -> None:
    rule = root / "rules" / "innovatiekrediet.yaml"
    text = rule.read_text(encoding="utf-8")
    assert "value: 150000}" in text
    rule.write_text(text.replace("value: 150000}", "value: 100000}"), encoding="utf-8")


@pytest.fixture(scope="module")
def lowered(tmp_path_factory):
    root = _copy(tmp_path_factory.mktemp("studio"))
    _lower_innovatiekrediet(root)
    return root


def test_an_unchanged_draft_changes_nothing(navigator, tmp_path) -> None:
    root = _copy(tmp_path)
    draft = load_navigator(root / "instruments.json", root / "rules")
    cases = load_all_cases(paths.ROOT / "tests" / "rules")
    result = impact(navigator, draft, rule_case_profiles(cases)[:60], cases)
    assert result.profiles == 60 and result.changed == () and result.failing_cases == ()


def test_a_lower_minimum_shows_who_gains_and_which_rule_case_fails(navigator, lowered) -> None:
    draft = load_navigator(lowered / "instruments.json", lowered / "rules")
    cases = [
        c
        for c in load_all_cases(paths.ROOT / "tests" / "rules")
        if c.instrument == "innovatiekrediet"
    ]
    saved = [
        Profile("case:abc", SMALL_PROJECT, ON),
        Profile("case:def", {**SMALL_PROJECT, "funding_need_eur": 90_000}, ON),
    ]
    result = impact(navigator, draft, saved, cases, advice_sample=2)
    shifts = {s.instrument_id: s for s in result.changed}
    moved = {a.instrument_id: a for a in result.advice if a.changed}
    assert result.advice_sample == 2
    # 120,000 was one step away and now fits (into the route); 90,000 is now one step away
    assert moved["innovatiekrediet"].near_miss_removed == 1
    assert moved["innovatiekrediet"].route_added == 1
    assert moved["innovatiekrediet"].near_miss_added == 1
    assert set(shifts) == {"innovatiekrediet"}
    assert shifts["innovatiekrediet"].gained == 1 and shifts["innovatiekrediet"].lost == 0
    assert shifts["innovatiekrediet"].gained_examples == [pseudonym("case:abc")]
    assert "abc" not in pseudonym("case:abc")
    assert any("project_size" in problem for problem in result.failing_cases)


def test_the_impact_command(lowered) -> None:
    result = CliRunner().invoke(
        main, ["rules", "impact", "--draft", str(lowered), "--on", "2026-11-23", "--no-saved-cases"]
    )
    assert result.exit_code == 1  # a rule case fails against the draft
    assert "innovatiekrediet" in result.output and "rule cases fail" in result.output
    bad = CliRunner().invoke(
        main, ["rules", "impact", "--draft", "/nonexistent", "--no-saved-cases"]
    )
    assert bad.exit_code == 2


def test_the_diff_names_the_changed_parameter(lowered, tmp_path) -> None:
    diff = diff_versions(paths.ROOT, lowered)
    assert [i.instrument_id for i in diff.instruments] == ["innovatiekrediet"]
    (change,) = diff.instruments[0].rule
    assert change.path == "parameters.min_project_eur.values"
    text = as_markdown(diff, "Minimum lowered after the 2027 regulation.")
    assert "150000" in text and "100000" in text and "2027 regulation" in text
    same = diff_versions(paths.ROOT, _copy(tmp_path))
    assert "No changes." in as_markdown(same)


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_link_checker_against_a_local_server(tmp_path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    root = tmp_path / "kb"
    (root / "rules").mkdir(parents=True)
    record = {"id": "x", "source_url": f"{base}/ok", "sources": [{"url": f"{base}/gone"}]}
    (root / "instruments.json").write_text(json.dumps({"instruments": [record]}), encoding="utf-8")
    (root / "rules" / "x.yaml").write_text(
        f"source_url: {base}/moved\nother: {base}/no-head\n", encoding="utf-8"
    )
    try:
        links = collect(root)
        assert [link.url.rsplit("/", 1)[1] for link in links] == ["gone", "moved", "no-head", "ok"]
        results = {r.link.url.rsplit("/", 1)[1]: r for r in check(links, timeout=5, workers=2)}
        assert not results["gone"].ok and results["gone"].status == 404
        assert results["moved"].ok and "now" in results["moved"].detail
        assert results["no-head"].ok and results["ok"].ok
        assert results["gone"].link.used_in == ("instruments.json:x",)
        command = CliRunner().invoke(
            main, ["catalogue", "links", "--root", str(root), "--timeout", "5"]
        )
        assert command.exit_code == 1 and "1 broken" in command.output
    finally:
        server.shutdown()
        server.server_close()


def test_a_threshold_is_written_once_in_the_condition_text(navigator, lowered) -> None:
    def text(nav) -> str:
        track = nav.rulebook.rules["innovatiekrediet"].tracks[0]
        return next(c.text.nl for c in track.conditions if c.id == "project_size")

    assert "€150.000" in text(navigator)
    assert "€100.000" in text(load_navigator(lowered / "instruments.json", lowered / "rules"))


def test_a_record_as_form_fields_and_back() -> None:
    from navigator.studio.record_form import apply, fields

    records = json.loads(paths.catalogue_path().read_text(encoding="utf-8"))["instruments"]
    record = next(r for r in records if r["id"] == "innovatiekrediet")
    found = {f.path: f for f in fields(record)}
    assert "id" not in found and found["name.nl"].kind == "text"
    assert found["review_by"].value == record["review_by"]
    same, problems = apply(record, {f.path: f.value for f in found.values()})
    assert problems == [] and same == record  # every field survives the form unchanged
    changed, _ = apply(record, {"review_by": "2027-06-01", "name.en": "Innovation Credit"})
    assert changed["review_by"] == "2027-06-01" and changed["name"]["en"] == "Innovation Credit"
    assert record["review_by"] != "2027-06-01"  # the original is left alone


def test_the_batch_impact_equals_the_one_by_one_impact(navigator, lowered) -> None:
    from navigator.studio.impact import impact_one_by_one, parse_profiles, shifts
    from navigator.studio.properties import sample_companies

    draft = load_navigator(lowered / "instruments.json", lowered / "rules")
    cases = load_all_cases(paths.ROOT / "tests" / "rules")
    profiles = rule_case_profiles(cases)[::3] + [
        Profile(f"case:{n}", {**company, "funding_need_eur": need}, ON)
        for n, company in enumerate(sample_companies(40))
        for need in (90_000, 120_000, 200_000)
    ]
    parsed, _ = parse_profiles(navigator, draft, profiles)
    batch = shifts(navigator, draft, parsed)
    reference = impact_one_by_one(navigator, draft, profiles)
    assert [vars(s) for s in batch] == [vars(s) for s in reference]
    assert any(s.gained for s in batch)  # the comparison is not vacuous
