"""The catalogue's release gate on fixed dates: overdue, due-soon and closed-window findings."""

from __future__ import annotations

from datetime import date, timedelta

from click.testing import CliRunner

from navigator.cli import main
from navigator.domain.catalogue import Catalogue
from navigator.domain.freshness import freshness
from navigator.recommend import Navigator


def _with(navigator: Navigator, changes: dict[str, dict[str, object]]) -> Catalogue:
    items = [
        item.model_copy(update=changes.get(item.id, {})) for item in navigator.catalogue.instruments
    ]
    return navigator.catalogue.model_copy(update={"instruments": items})


def test_a_record_past_its_review_date_is_overdue_and_blocks(navigator: Navigator) -> None:
    catalogue = _with(navigator, {"wbso": {"review_by": date(2027, 1, 31)}})
    report = freshness(catalogue, date(2027, 2, 1))
    assert "wbso" in {f.instrument_id for f in report.overdue}
    assert report.blocking
    earlier = freshness(catalogue, date(2026, 12, 1))
    assert not any(f.instrument_id == "wbso" for f in earlier.overdue)


def test_a_review_date_within_the_horizon_is_due_soon(navigator: Navigator) -> None:
    catalogue = _with(navigator, {"wbso": {"review_by": date(2027, 1, 31)}})
    near = freshness(catalogue, date(2027, 1, 1), horizon_days=30).findings
    assert ("wbso", "due_soon") in {(f.instrument_id, f.kind) for f in near}
    far = freshness(catalogue, date(2026, 12, 1), horizon_days=30).findings
    assert ("wbso", "due_soon") not in {(f.instrument_id, f.kind) for f in far}


def test_an_open_call_whose_closing_date_passed_is_reported(navigator: Navigator) -> None:
    wbso = navigator.catalogue.by_id["wbso"]
    window = wbso.window.model_copy(
        update={
            "status": "call",
            "opens": date(2027, 1, 1),
            "closes": date(2027, 3, 1),
            "deadlines": [],
            "rounds": [],
        }
    )
    catalogue = _with(navigator, {"wbso": {"window": window, "review_by": date(2030, 1, 1)}})
    after = freshness(catalogue, date(2027, 3, 2))
    assert [f.kind for f in after.findings if f.instrument_id == "wbso"] == ["window_closed"]
    assert not after.blocking or "wbso" not in {f.instrument_id for f in after.overdue}
    before = freshness(catalogue, date(2027, 1, 15))
    assert not [f for f in before.findings if f.instrument_id == "wbso"]
    soon = freshness(catalogue, date(2027, 2, 10))
    assert [f.kind for f in soon.findings if f.instrument_id == "wbso"] == ["closes_soon"]


def test_sources_not_checked_for_a_year_are_reported(navigator: Navigator) -> None:
    wbso = navigator.catalogue.by_id["wbso"]
    on = wbso.checked_on + timedelta(days=366)
    catalogue = _with(navigator, {"wbso": {"review_by": date(2099, 1, 1)}})
    found = [f for f in freshness(catalogue, on).findings if f.instrument_id == "wbso"]
    assert "source_stale" in [f.kind for f in found]
    assert not freshness(catalogue, on).blocking or "wbso" not in {
        f.instrument_id for f in freshness(catalogue, on).overdue
    }


def test_the_command_exits_1_when_a_record_is_overdue_and_2_on_a_bad_date() -> None:
    runner = CliRunner()
    late = runner.invoke(main, ["catalogue", "freshness", "--on", "2099-01-01"])
    assert late.exit_code == 1
    assert "overdue" in late.output
    early = runner.invoke(main, ["catalogue", "freshness", "--on", "2026-01-01", "--days", "0"])
    assert early.exit_code == 0, early.output
    assert "0 overdue" in early.output
    bad = runner.invoke(main, ["catalogue", "freshness", "--on", "2027-02-30"])
    assert bad.exit_code == 2
