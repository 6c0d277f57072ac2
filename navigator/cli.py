"""The ``navigator`` command: recommend, validate the catalogue, test the rules, serve the app.

Each command wraps a domain function in a few lines. Exit codes: 0 success, 1 a check
failed, 2 invalid input (the same field-level errors the API gives).
"""

from __future__ import annotations

import gc
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from navigator import paths
from navigator.advice.advise import advise
from navigator.contract import advice_json, decode_json, errors_json, parse_date, read_request
from navigator.domain.answers import InvalidInput
from navigator.domain.datafiles import DataFileError
from navigator.recommend import Navigator, load_navigator
from navigator.rules.cases import load_all_cases, run_case

_catalogue_option = click.option(
    "--catalogue", type=click.Path(path_type=Path), default=None, help="instruments.json to use"
)
_rules_option = click.option(
    "--rules", type=click.Path(path_type=Path), default=None, help="rules directory to use"
)


def _load(catalogue: Path | None, rules: Path | None, learned: bool = False) -> Navigator:
    from navigator.ranking.learned import load_ranker

    ranker = load_ranker() if learned else None
    try:
        navigator = load_navigator(
            catalogue or paths.catalogue_path(), rules or paths.rules_dir(), ranker
        )
    except DataFileError as error:
        click.echo(f"Invalid data:\n{error}", err=True)
        raise SystemExit(1) from None
    gc.freeze()  # what is loaded lives until the command ends: the collector need not scan it
    return navigator


def _print_json(data: Any, err: bool = False) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2), err=err)


@click.group()
@click.version_option(package_name="navigator")
def main() -> None:
    """Navigator: find the Dutch innovation funding that fits."""


@main.command("recommend")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--on", "on_text", help="evaluation date YYYY-MM-DD (default: the request's, else today)"
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@_catalogue_option
@_rules_option
def recommend_command(
    file: Any, on_text: str | None, lang: str, catalogue: Path | None, rules: Path | None
) -> None:
    """Print recommendations for the request in FILE (or - for standard input) as JSON."""
    navigator = _load(catalogue, rules, learned=True)
    try:
        body = decode_json(file.read())
        if on_text is not None and isinstance(body, dict):
            body = {**body, "on": parse_date(on_text, "--on").isoformat()}
        asked = read_request(body, today=date.today(), known_ids=navigator.catalogue.by_id)
    except InvalidInput as invalid:
        _print_json(errors_json(invalid), err=True)
        raise SystemExit(2) from None
    advice = advise(navigator, asked.answers, asked.on)
    _print_json(advice_json(advice, lang, asked.dont_know))


@main.group()
def catalogue() -> None:
    """Work with the catalogue."""


@catalogue.command("validate")
@_catalogue_option
@_rules_option
def validate_command(catalogue: Path | None, rules: Path | None) -> None:
    """Validate instruments.json and rules/ together; list the indicative facts."""
    navigator = _load(catalogue, rules)
    instruments = navigator.catalogue.instruments
    click.echo(f"Catalogue {navigator.version}: {len(instruments)} instruments, 0 errors.")
    flagged = [(i.id, fact) for i in instruments for fact in i.indicative]
    click.echo(f"Indicative facts (MODEL or disputed), shown as indicative: {len(flagged)}")
    for instrument_id, fact in flagged:
        click.echo(f"  {instrument_id}: {fact}")


@catalogue.command("coverage")
@click.option("--sources/--no-sources", default=True, help="list the pages read per record")
@_catalogue_option
@_rules_option
def coverage_command(sources: bool, catalogue: Path | None, rules: Path | None) -> None:
    """Print, per instrument, what Navigator checks, what it cannot, and how fresh the facts are."""
    navigator = _load(catalogue, rules)
    columns = (
        "instrument",
        "audience",
        "conditions checked",
        "not checked by Navigator",
        "indicative facts",
        "facts as of",
        "checked on",
        "review by",
    )
    click.echo("| " + " | ".join(columns) + " |")
    click.echo("|---" * len(columns) + "|")
    for item in navigator.catalogue.instruments:
        rule = navigator.rulebook.rules[item.id]
        checked = sum(len(track.conditions) for track in rule.tracks)
        unchecked = "; ".join(text.en for text in rule.not_checked) or "—"
        audience = ", ".join(sorted({a for t in rule.tracks for a in t.audience})) or "anyone"
        click.echo(
            f"| {item.id} | {audience} | {checked} | {unchecked} | {len(item.indicative)} | "
            f"{item.facts_as_of} | {item.checked_on} | {item.review_by} |"
        )
    if sources:
        click.echo("\nSources read at the last re-check (official ones marked *):")
        for item in navigator.catalogue.instruments:
            click.echo(f"\n{item.id} (facts as of {item.facts_as_of}, checked {item.checked_on})")
            for source in item.sources or ():
                dated = source.page_date.isoformat() if source.page_date else "undated"
                mark = "*" if source.official else " "
                click.echo(f"  {mark} {dated:10s} {source.url}")


@catalogue.command("freshness")
@click.option("--on", "on_text", help="the date to check on, YYYY-MM-DD (default: today)")
@click.option("--days", default=30, show_default=True, type=click.IntRange(0, 366))
@_catalogue_option
@_rules_option
def freshness_command(
    on_text: str | None, days: int, catalogue: Path | None, rules: Path | None
) -> None:
    """List records past or near their review date and windows that have closed.

    The release gate for a catalogue version: exits 1 when a record is past its review date.
    """
    from navigator.domain.freshness import freshness

    try:
        on = parse_date(on_text, "--on") if on_text else date.today()
    except InvalidInput as invalid:
        _print_json(errors_json(invalid), err=True)
        raise SystemExit(2) from None
    report = freshness(_load(catalogue, rules).catalogue, on, days)
    click.echo(f"Catalogue freshness on {on} (review_by within {days} days):")
    for finding in report.findings:
        click.echo(f"  {finding.kind:13s} {finding.instrument_id:32s} {finding.detail}")
    click.echo(
        f"{len(report.overdue)} overdue, "
        f"{sum(f.kind == 'due_soon' for f in report.findings)} due soon, "
        f"{sum(f.kind == 'window_closed' for f in report.findings)} closed windows, "
        f"{sum(f.kind == 'closes_soon' for f in report.findings)} closing soon, "
        f"{sum(f.kind == 'source_stale' for f in report.findings)} with sources older than a year"
    )
    if report.blocking:
        raise SystemExit(1)


@main.group("rules")
def rules_group() -> None:
    """Work with the eligibility rules."""


@rules_group.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a rule file (for editors and validation in other tools)."""
    from navigator.rules.schema import rule_json_schema

    _print_json(rule_json_schema())


@rules_group.command("test")
@click.option("--cases", type=click.Path(path_type=Path), default=None, help="case directory")
@click.option(
    "-k", "keyword", default=None, help="only cases whose instrument or name contains this"
)
@_rules_option
def test_command(cases: Path | None, keyword: str | None, rules: Path | None) -> None:
    """Run the rules' YAML test cases."""
    navigator = _load(None, rules)
    try:
        loaded = load_all_cases(cases or paths.rule_cases_dir())
    except DataFileError as error:
        click.echo(f"Invalid case file:\n{error}", err=True)
        raise SystemExit(1) from None
    if keyword:
        loaded = [c for c in loaded if keyword in c.instrument or keyword in c.case.name]
    failed = 0
    for item in loaded:
        problems = run_case(navigator.rulebook, item)
        if problems:
            failed += 1
            click.echo(f"FAIL {item.instrument}: {item.case.name}\n  " + "\n  ".join(problems))
    click.echo(f"{len(loaded) - failed} passed, {failed} failed")
    if failed or not loaded:
        raise SystemExit(1)


BEHIND = "The database is not at the newest migration: run navigator db upgrade"


@main.group("ranking")
def ranking_group() -> None:
    """Train and inspect the learned ranker."""


@ranking_group.command("train")
@click.option("--data", type=click.Path(path_type=Path), default=None, help="judged data folder")
@click.option(
    "--feedback", type=click.Path(path_type=Path), default=None, help="exported feedback rows"
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="artefact folder")
@click.option("--docs", type=click.Path(path_type=Path), default=None, help="model card folder")
@click.option("--version", "version", default="1.0.0", show_default=True)
def train_command(
    data: Path | None, feedback: Path | None, out: Path | None, docs: Path | None, version: str
) -> None:
    """Train on the judged data (and feedback), cross-validate, write artefact and model card."""
    from navigator.ranking.artefact import ARTEFACT_DIR
    from navigator.ranking.train import train

    navigator = _load(None, None)
    steps = [
        "data read",
        "features computed",
        "cross-validated",
        "final model fitted",
        "artefact written",
        "model card written",
    ]
    with click.progressbar(length=len(steps), label="Training the ranker") as bar:
        report = train(
            navigator,
            data or paths.ROOT / "data" / "ranking",
            out or ARTEFACT_DIR,
            docs or paths.ROOT / "docs",
            version,
            feedback,
            progress=lambda _step: bar.update(1),
        )
    for name, scores in report.scores.items():
        at5 = f"NDCG@5 {scores.ndcg5:.3f} ± {scores.ndcg5_sd:.3f}"
        click.echo(f"{name:32s} {at5}   NDCG@10 {scores.ndcg10:.3f} ± {scores.ndcg10_sd:.3f}")
    skipped = report.dataset.skipped
    if skipped:
        click.echo(f"Skipped {len(skipped)} feedback rows that could not be used:")
        for reason in skipped[:10]:
            click.echo(f"  {reason}")
    beats = "yes" if report.beats_rule_order else "no"
    click.echo(f"Beats the rule-only order by more than the fold spread: {beats}")
    click.echo(f"Wrote {report.meta_path}")


@ranking_group.command("export-feedback")
@click.option(
    "--out", type=click.File("w"), default="-", help="where to write the rows (JSON lines)"
)
def export_feedback_command(out: Any) -> None:
    """Export stored outcome feedback as training rows (DATABASE_URL or the instance database).

    Verdicts on cases that never reached their results, verdicts given within seconds of the
    case's creation and bursts from one client are dropped and reported.
    """
    from navigator.config import database_url
    from navigator.db.migrate import is_current
    from navigator.db.store import CaseStore, make_engine
    from navigator.ranking.dataset import feedback_rows
    from navigator.ranking.provenance import screen

    store = CaseStore(make_engine(database_url(paths.ROOT / "instance")))
    if not is_current(store.engine):
        click.echo(BEHIND, err=True)
        raise SystemExit(1)
    screened = screen(store.all_feedback())
    rows = feedback_rows(screened.kept)
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    click.echo(f"{len(rows)} feedback rows", err=True)
    for reason, count in sorted(screened.dropped.items()):
        click.echo(f"dropped {count}: {reason}", err=True)


@ranking_group.command("info")
def info_command() -> None:
    """Say which ranker serves, and why."""
    from navigator.ranking.learned import load_ranker

    info = load_ranker().info()
    click.echo(f"{info.name} {info.version}: {info.description}")


@main.group("db")
def db_group() -> None:
    """Migrate the database (DATABASE_URL, else the SQLite file in instance/)."""


def migrated_engine() -> Any:
    """The database engine, or exit 1 when the schema is not at the newest migration."""
    from navigator.db.migrate import is_current

    engine = _engine()
    if not is_current(engine):
        click.echo(BEHIND, err=True)
        raise SystemExit(1)
    return engine


def _engine() -> Any:
    from navigator.config import database_url
    from navigator.db.store import make_engine

    return make_engine(database_url(paths.ROOT / "instance"))


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade_command(revision: str) -> None:
    """Bring the database to REVISION (default: the newest)."""
    from navigator.db.migrate import upgrade

    click.echo(f"Database at revision {upgrade(_engine(), revision)}")


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade_command(revision: str) -> None:
    """Take the database back to REVISION ("base" removes every table)."""
    from navigator.db.migrate import downgrade

    click.echo(f"Database at revision {downgrade(_engine(), revision) or 'base'}")


@db_group.command("current")
def db_current_command() -> None:
    """Print the database's revision and whether it is the newest; exit 1 when behind."""
    from navigator.db.migrate import current, head

    now, newest = current(_engine()), head()
    click.echo(f"{now or 'none (not migrated)'} (newest: {newest})")
    if now != newest:
        raise SystemExit(1)


@db_group.command("history")
def db_history_command() -> None:
    """List every migration, oldest first."""
    from navigator.db.migrate import history

    for item in history():
        click.echo(f"{item.revision}  (after {item.down_revision or 'base'})  {item.message}")


@main.group("cases")
def cases_group() -> None:
    """Look after stored cases (privacy)."""


@cases_group.command("purge")
@click.option("--months", default=12, show_default=True, type=click.IntRange(1, 120))
@click.option("--on", "on_text", help="count back from this date, YYYY-MM-DD (default: today)")
@click.option(
    "--audit-months",
    default=24,
    show_default=True,
    type=click.IntRange(1, 240),
    help="keep audit events this long",
)
def purge_command(months: int, on_text: str | None, audit_months: int) -> None:
    """Delete clients' own cases untouched for MONTHS months, with their verdicts and share
    codes, and audit events older than AUDIT_MONTHS. Organisations' cases are kept. Schedule
    it daily."""
    from datetime import UTC, datetime, timedelta

    from navigator.db.migrate import is_current
    from navigator.db.store import CaseStore

    try:
        on = parse_date(on_text, "--on") if on_text else date.today()
    except InvalidInput as invalid:
        _print_json(errors_json(invalid), err=True)
        raise SystemExit(2) from None
    store = CaseStore(_engine())
    if not is_current(store.engine):
        click.echo(BEHIND, err=True)
        raise SystemExit(1)
    cutoff = datetime(on.year, on.month, on.day, tzinfo=UTC) - timedelta(days=round(months * 30.44))
    deleted = store.purge(cutoff)
    click.echo(f"Deleted {deleted} cases untouched since {cutoff.date()}")
    from navigator.db.casework import CaseworkStore

    audit_cutoff = cutoff - timedelta(days=round(audit_months * 30.44) - round(months * 30.44))
    dropped = CaseworkStore(store.engine).purge_audit(audit_cutoff)
    click.echo(f"Deleted {dropped} audit events older than {audit_cutoff.date()}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web app with gunicorn (embedded SQLite unless DATABASE_URL is set)."""
    from navigator.web.server import serve

    serve(host, port, workers, threads)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _register_more_commands() -> None:
    from navigator.cli_accounts import orgs_group, users_group
    from navigator.cli_studio import (
        diff_command,
        export_command,
        impact_command,
        import_command,
        links_command,
    )

    main.add_command(orgs_group)
    main.add_command(users_group)
    rules_group.add_command(impact_command)
    catalogue.add_command(diff_command)
    catalogue.add_command(links_command)
    catalogue.add_command(export_command)
    catalogue.add_command(import_command)


_register_more_commands()
