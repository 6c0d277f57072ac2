"""Maintainer commands: ``navigator rules impact``, ``navigator catalogue diff`` and
``navigator catalogue links`` (what a change does, what changed, which links are broken)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from navigator import paths


def _root_of(path: Path) -> tuple[Path, Path]:
    """A knowledge-base folder: ``instruments.json`` and ``rules/`` inside it."""
    catalogue, rules = path / "instruments.json", path / "rules"
    if not catalogue.is_file() or not rules.is_dir():
        click.echo(f"error: {path} needs instruments.json and a rules/ folder", err=True)
        raise SystemExit(2)
    return catalogue, rules


@click.command("impact")
@click.option(
    "--draft",
    "draft_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="the draft: a folder with instruments.json and rules/",
)
@click.option("--on", "on_text", help="evaluate on this date, YYYY-MM-DD (default: today)")
@click.option(
    "--saved-cases/--no-saved-cases",
    default=True,
    show_default=True,
    help="include the cases saved in the database",
)
def impact_command(draft_dir: Path, on_text: str | None, saved_cases: bool) -> None:
    """Count, per instrument, who gains and who loses eligibility with the draft.

    Compares the published knowledge base (the repository's files) with the draft over every
    saved case and every rule case, and runs the rule cases against the draft; exits 1 when a
    rule case fails.
    """
    from navigator.cli import _load, _print_json
    from navigator.contract import errors_json, parse_date
    from navigator.domain.answers import InvalidInput
    from navigator.rules.cases import load_all_cases
    from navigator.studio.impact import Profile, impact, rule_case_profiles

    try:
        on = parse_date(on_text, "--on") if on_text else date.today()
    except InvalidInput as invalid:
        _print_json(errors_json(invalid), err=True)
        raise SystemExit(2) from None
    published = _load(None, None)
    draft = _load(*_root_of(draft_dir))
    cases = load_all_cases(paths.ROOT / "tests" / "rules")
    profiles = rule_case_profiles(cases)
    if saved_cases:
        from navigator.cli import _engine
        from navigator.db.store import CaseStore

        profiles += [
            Profile(f"case:{case_id}", answers, on)
            for case_id, answers in CaseStore(_engine()).all_answers()
        ]
    result = impact(published, draft, profiles, cases)
    click.echo(f"Impact of {draft_dir} on {result.profiles} profiles ({result.skipped} skipped):")
    if not result.changed:
        click.echo("  no instrument changes outcome for anyone")
    for shift in result.changed:
        examples = ", ".join(shift.gained_examples + shift.lost_examples)
        click.echo(
            f"  {shift.instrument_id:32s} +{shift.gained} gain  -{shift.lost} lose  "
            f"{shift.to_unknown} to unknown  {shift.from_unknown} from unknown"
            + (f"  e.g. {examples}" if examples else "")
        )
    for problem in result.failing_cases:
        click.echo(f"  FAIL {problem}")
    click.echo(f"{len(result.failing_cases)} rule cases fail against the draft")
    if result.failing_cases:
        raise SystemExit(1)


@click.command("diff")
@click.argument("before", type=click.Path(path_type=Path, file_okay=False))
@click.argument("after", type=click.Path(path_type=Path, file_okay=False))
@click.option("--reason", default="", help="why the change was made (the CHANGELOG's words)")
def diff_command(before: Path, after: Path, reason: str) -> None:
    """Print what changed between two knowledge-base folders, per instrument, as Markdown (a
    CHANGELOG entry)."""
    from navigator.studio.diff import as_markdown, diff_versions

    _root_of(before)
    _root_of(after)
    click.echo(as_markdown(diff_versions(before, after), reason), nl=False)


@click.command("links")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="knowledge-base folder (default: the repository)",
)
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 120))
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 32))
def links_command(root: Path | None, timeout: float, workers: int) -> None:
    """Check every official URL of the catalogue and the rules; exit 1 when one is broken."""
    from navigator.studio.links import check, collect

    folder = root or paths.ROOT
    _root_of(folder)
    results = check(collect(folder), timeout=timeout, workers=workers)
    broken = [r for r in results if not r.ok]
    for result in results:
        mark = "ok  " if result.ok else "FAIL"
        click.echo(f"{mark} {result.link.url}  {result.detail}  ({', '.join(result.link.used_in)})")
    click.echo(f"{len(results)} links, {len(broken)} broken")
    if broken:
        raise SystemExit(1)


def _versions() -> Any:
    from navigator.cli import migrated_engine
    from navigator.db.catalogue_versions import VersionStore

    return VersionStore(migrated_engine())


@click.command("export")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--version", "version_id", type=int, default=None, help="version id (default: served)"
)
def export_command(folder: Path, version_id: int | None) -> None:
    """Write a catalogue version (default: the one served) to FOLDER as files
    (instruments.json, rules/, cases/), e.g. to commit it to git."""
    from navigator.domain.bundle import read_folder, write_folder

    store = _versions()
    if version_id is None:
        latest = store.latest_published()
        version_id = latest[0] if latest else None
    if version_id is None:
        bundle = read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())
        label = "the repository's files (nothing published yet)"
    else:
        if store.get(version_id) is None:
            click.echo(f"error: no catalogue version {version_id}", err=True)
            raise SystemExit(2)
        bundle, label = store.bundle(version_id), f"version {version_id}"
    write_folder(bundle, folder)
    click.echo(f"Wrote {label} to {folder} ({len(bundle)} files)")


@click.command("import")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--reason", required=True, help="why (shown in the history and the CHANGELOG)")
def import_command(folder: Path, reason: str) -> None:
    """Publish the knowledge base in FOLDER (reviewed in git) as a new catalogue version; the
    running app switches to it without a restart. Refused when it does not load or a rule
    case fails."""
    from navigator.cli import _load
    from navigator.domain.bundle import read_folder
    from navigator.rules.cases import load_all_cases, run_case

    catalogue, rules = _root_of(folder)
    navigator = _load(catalogue, rules)
    cases_dir = folder / "cases" if (folder / "cases").is_dir() else paths.rule_cases_dir()
    failing = [
        f"{case.instrument}[{case.index}]: {problem}"
        for case in load_all_cases(cases_dir)
        for problem in run_case(navigator.rulebook, case)
    ]
    if failing:
        click.echo("\n".join(["Refused: rule cases fail", *failing]), err=True)
        raise SystemExit(1)
    version = _versions().publish_now(read_folder(catalogue, rules, cases_dir), None, reason)
    click.echo(f"Published catalogue version {version.catalogue_version} as version {version.id}")
