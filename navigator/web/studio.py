"""Blueprint "studio": RVO staff change instruments in the browser. A draft collects edits;
it is checked (the files load, every rule case passes), its impact on saved cases and rule
cases is shown, a reviewer other than the author publishes it, and every worker serves it
without a restart. History: every published version, a diff between any two, revert.

Who may reach what is decided in ``navigator.web.access``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from navigator import paths
from navigator.db.catalogue_versions import CatalogueVersion, VersionError, VersionStore
from navigator.domain.bundle import Bundle, read_folder, write_folder
from navigator.domain.datafiles import DataFileError
from navigator.domain.freshness import freshness
from navigator.recommend import Navigator
from navigator.rules.cases import LoadedCase, load_all_cases, run_case
from navigator.studio.diff import VersionDiff, as_markdown, diff_versions
from navigator.studio.impact import Impact, Profile, impact, pseudonym, rule_case_profiles
from navigator.studio.problems import Problem, explain
from navigator.studio.properties import check_catalogue
from navigator.studio.record_form import apply as apply_record
from navigator.studio.record_form import fields as record_fields
from navigator.web import accounts, cases, casework, domain, today
from navigator.web.auth import StaffUser, staff
from navigator.web.views import FRESHNESS_LABELS

bp = Blueprint("studio", __name__, url_prefix="/studio")
# Near-miss and route changes are compared on this many cases (full advice per case).
ADVICE_SAMPLE = 200


class ReasonForm(FlaskForm):
    """Why the change is made (shown to the reviewer, in the history and the CHANGELOG)."""

    reason = TextAreaField(
        lazy_gettext("Why this change (the official source and what it says)"),
        validators=[
            DataRequired(lazy_gettext("Give the reason for the change.")),
            Length(max=4000),
        ],
    )


class ButtonForm(FlaskForm):
    """A button only (a POST with a CSRF token)."""


def _me() -> StaffUser:
    user = staff()
    assert user is not None  # access.authorise let only staff in
    return user


def _versions() -> VersionStore:
    store: VersionStore = current_app.extensions["catalogue_versions"]
    return store


def _audit(action: str, detail: str) -> None:
    me = _me()
    casework().record("staff", action, None, me.organisation_id, me.account.id, detail)


def served_bundle() -> tuple[Bundle, int | None]:
    """The files of the version served now, and its id (None: the repository's files)."""
    version_id = current_app.extensions["catalogue_source"].version_id
    if version_id is not None:
        return _versions().bundle(version_id), version_id
    return read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir()), None


def _load(bundle: Bundle) -> tuple[Navigator | None, list[Problem]]:
    """Load a bundle (once per fingerprint in this process); on failure, the problems."""
    try:
        return current_app.extensions["catalogue_source"].cache.load(bundle), []
    except DataFileError as error:
        files = {name.split("/")[-1]: text for name, text in bundle.items()}
        return None, explain(str(error), files)


def _rule_cases(bundle: Bundle) -> list[LoadedCase]:
    with tempfile.TemporaryDirectory() as folder:
        root = write_folder(bundle, Path(folder))
        try:
            return load_all_cases(root / "cases")
        except DataFileError:
            return []


def _failing(navigator: Navigator, rule_cases: list[LoadedCase]) -> list[str]:
    return [
        f"{case.instrument}[{case.index}] {case.case.name}: {problem}"
        for case in rule_cases
        for problem in run_case(navigator.rulebook, case)
    ]


def _diff(before: Bundle, after: Bundle) -> VersionDiff:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        return diff_versions(write_folder(before, Path(a)), write_folder(after, Path(b)))


def _base_bundle(version: CatalogueVersion) -> Bundle:
    if version.base_id is not None:
        return _versions().bundle(version.base_id)
    return read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())


def _version_or_404(version_id: int) -> CatalogueVersion:
    version = _versions().get(version_id)
    if version is None:
        abort(404)
    return version


@bp.get("/")
def dashboard() -> str:
    """Drafts, changes waiting for review, published versions and the catalogue's freshness."""
    versions = _versions().versions()
    people = {u.id: u.name for u in accounts().users()}
    return render_template(
        "studio/dashboard.html",
        me=_me(),
        drafts=[v for v in versions if v.status == "draft"],
        submitted=[v for v in versions if v.status == "submitted"],
        published=[v for v in versions if v.status == "published"],
        served_id=current_app.extensions["catalogue_source"].version_id,
        people=people,
        freshness=freshness(domain().catalogue, today(), 30),
        freshness_labels=FRESHNESS_LABELS,
        form=ButtonForm(),
    )


@bp.post("/drafts")
def new_draft() -> Response:
    """Start a draft from the version served now."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    bundle, base_id = served_bundle()
    draft = _versions().create_draft(bundle, _me().account.id, base_id)
    _audit("studio_draft", f"version {draft.id}")
    return redirect(url_for("studio.version", version_id=draft.id))


def _instrument_files(bundle: Bundle, instrument_id: str) -> tuple[dict[str, Any], str]:
    records = json.loads(bundle["instruments.json"])["instruments"]
    record = next((r for r in records if r.get("id") == instrument_id), None)
    name = f"rules/{instrument_id}.yaml"
    if record is None or name not in bundle:
        abort(404)
    return record, bundle[name]


def _parameters(rule_text: str) -> list[dict[str, Any]]:
    """The rule's dated parameters, for the simple form."""
    try:
        data = yaml.safe_load(rule_text) or {}
    except yaml.YAMLError:
        return []
    found = []
    for name, spec in (data.get("parameters") or {}).items():
        for index, item in enumerate(spec.get("values") or []):
            found.append(
                {
                    "name": name,
                    "index": index,
                    "from": str(item.get("from")),
                    "value": item.get("value"),
                    "description": (spec.get("description") or {}).get("nl", name),
                }
            )
    return found


def _set_parameters(rule_text: str, form: Any) -> tuple[str, list[str]]:
    """Apply the simple form's parameter values to the rule's YAML text, line by line, so that
    comments and layout stay as the maintainer wrote them."""
    errors = []
    lines = rule_text.splitlines(keepends=True)
    for item in _parameters(rule_text):
        key = f"param-{item['name']}-{item['index']}"
        if key not in form:
            continue
        typed = form[key].strip().replace(".", "").replace(",", ".")
        try:
            value = float(typed)
        except ValueError:
            errors.append(gettext("%(name)s: give a number.", name=item["name"]))
            continue
        new = int(value) if value.is_integer() else value
        old = f"value: {item['value']}"
        hits = [
            i for i, line in enumerate(lines) if f"from: {item['from']}" in line and old in line
        ]
        if len(hits) == 1:
            lines[hits[0]] = lines[hits[0]].replace(old, f"value: {new}")
        elif new != item["value"]:
            errors.append(gettext("%(name)s: edit it in the YAML below.", name=item["name"]))
    return "".join(lines), errors


@bp.route("/versions/<int:version_id>/instruments/<instrument_id>", methods=["GET", "POST"])
def edit(version_id: int, instrument_id: str) -> Response | str:
    """Edit one instrument of a draft: its dated parameters, or its rule and record as text."""
    version = _version_or_404(version_id)
    bundle = _versions().bundle(version_id)
    record, rule_text = _instrument_files(bundle, instrument_id)
    form = ButtonForm()
    errors: list[str] = []
    problems: list[Problem] = []
    saved = False
    if request.method == "POST":
        if version.status != "draft":
            abort(409)
        if not form.validate_on_submit():
            abort(400)
        new_rule = request.form.get("rule_yaml", rule_text).replace("\r\n", "\n")
        cases_name = f"cases/{instrument_id}.yaml"
        new_cases = request.form.get("cases_yaml", bundle.get(cases_name, "")).replace("\r\n", "\n")
        new_rule, errors = _set_parameters(new_rule, request.form)
        record_text = request.form.get("record_json", "")
        typed = {
            k.removeprefix("record."): v for k, v in request.form.items() if k.startswith("record.")
        }
        from_form, form_problems = apply_record(record, typed)
        errors += form_problems
        try:
            edited_json = record_text.strip() and json.loads(record_text) != record
            new_record = json.loads(record_text) if edited_json else from_form
            if not isinstance(new_record, dict) or new_record.get("id") != instrument_id:
                raise ValueError(gettext("the record must keep its id %(id)s", id=instrument_id))
        except ValueError as error:
            errors.append(f"instruments.json: {error}")
            new_record = record
        if not errors:
            catalogue = json.loads(bundle["instruments.json"])
            catalogue["instruments"] = [
                new_record if r.get("id") == instrument_id else r for r in catalogue["instruments"]
            ]
            bundle["instruments.json"] = json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n"
            bundle[f"rules/{instrument_id}.yaml"] = new_rule
            if new_cases.strip():
                bundle[cases_name] = new_cases
            _versions().update_draft(version_id, bundle)
            _audit("studio_edit", f"version {version_id}: {instrument_id}")
            record, rule_text, saved = new_record, new_rule, True
        _, problems = _load(bundle)
    return render_template(
        "studio/edit.html",
        version=version,
        instrument_id=instrument_id,
        record_json=json.dumps(record, ensure_ascii=False, indent=2),
        rule_yaml=rule_text,
        cases_yaml=bundle.get(f"cases/{instrument_id}.yaml", ""),
        record_fields=record_fields(record),
        parameters=_parameters(rule_text),
        form=form,
        errors=[("rule_yaml", e) for e in errors],
        problems=problems,
        saved=saved,
    )


def _saved_profiles(on: date) -> list[Profile]:
    return [Profile(f"case:{case_id}", answers, on) for case_id, answers in cases().all_answers()]


def _checks(bundle: Bundle) -> tuple[Navigator | None, list[Problem], list[str]]:
    """Load the draft; the failing rule cases and broken catalogue-wide properties."""
    navigator, problems = _load(bundle)
    if navigator is None:
        return None, problems, []
    failing = _failing(navigator, _rule_cases(bundle))
    failing += [gettext("Catalogue property: %(what)s", what=v) for v in check_catalogue(navigator)]
    return navigator, problems, failing


@bp.get("/versions/<int:version_id>")
def version(version_id: int) -> str:
    """A version: what changed, whether the checks pass, its impact, and the next step."""
    return _version_page(version_id, ReasonForm())


def _version_page(version_id: int, reason_form: ReasonForm) -> str:
    found = _version_or_404(version_id)
    bundle = _versions().bundle(version_id)
    navigator, problems, failing = _checks(bundle)
    result: Impact | None = None
    diff = _diff(_base_bundle(found), bundle)
    if navigator is not None and found.status in ("draft", "submitted"):
        base, _ = _load(_base_bundle(found))
        if base is not None:
            on = today()
            saved = _saved_profiles(on)
            profiles = rule_case_profiles(_rule_cases(bundle)) + saved
            changed = None if diff.shared else [i.instrument_id for i in diff.instruments]
            # saved cases first: the near-miss and route sample is of real cases
            ordered = (
                profiles[len(profiles) - len(saved) :] + profiles[: len(profiles) - len(saved)]
            )
            result = impact(base, navigator, ordered, only=changed, advice_sample=ADVICE_SAMPLE)
    instruments = sorted(
        json.loads(bundle["instruments.json"])["instruments"], key=lambda r: r["id"]
    )
    people = {u.id: u.name for u in accounts().users()}
    me = _me()
    return render_template(
        "studio/version.html",
        version=found,
        me=me,
        people=people,
        instruments=[r["id"] for r in instruments],
        problems=problems,
        failing=failing,
        impact=result,
        diff=diff,
        changelog=as_markdown(diff, found.reason),
        reason_form=reason_form,
        errors=[("reason", str(e)) for e in reason_form.reason.errors],
        form=ButtonForm(),
        can_review=me.role == "reviewer" and found.author_id != me.account.id,
        served_id=current_app.extensions["catalogue_source"].version_id,
    )


@bp.post("/versions/<int:version_id>/submit")
def submit(version_id: int) -> Response | str:
    """Send a draft for review: only when its files load and every rule case passes."""
    _version_or_404(version_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _version_page(version_id, form)
    navigator, _, failing = _checks(_versions().bundle(version_id))
    if navigator is None or failing:
        return _version_page(version_id, form)
    try:
        _versions().submit(version_id, form.reason.data or "")
    except VersionError:
        abort(409)
    _audit("studio_submit", f"version {version_id}")
    return redirect(url_for("studio.version", version_id=version_id))


@bp.post("/versions/<int:version_id>/review")
def review(version_id: int) -> Response:
    """A reviewer other than the author publishes the change, or sends it back."""
    _version_or_404(version_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    me = _me()
    try:
        if request.form.get("decision") == "publish":
            navigator, _, failing = _checks(_versions().bundle(version_id))
            if navigator is None or failing:
                abort(409)
            _versions().publish(version_id, me.account.id)
            _audit("studio_publish", f"version {version_id}")
        else:
            _versions().reject(version_id, me.account.id)
            _audit("studio_reject", f"version {version_id}")
    except VersionError:
        abort(403)
    return redirect(url_for("studio.version", version_id=version_id))


@bp.post("/versions/<int:version_id>/revert")
def revert(version_id: int) -> Response:
    """Publish an earlier published version again, as a new version (reviewers)."""
    earlier = _version_or_404(version_id)
    if earlier.status != "published" or not ButtonForm().validate_on_submit():
        abort(400)
    reason = gettext("Revert to version %(id)s", id=version_id)
    new = _versions().publish_now(
        _versions().bundle(version_id), _me().account.id, reason, version_id
    )
    _audit("studio_revert", f"version {version_id} -> {new.id}")
    return redirect(url_for("studio.version", version_id=new.id))


@bp.get("/diff")
def diff() -> str:
    """A readable diff between any two versions (``?from=A&to=B``; 0 is the repository)."""

    def bundle_of(value: str | None) -> Bundle:
        if not value or value == "0":
            return read_folder(paths.catalogue_path(), paths.rules_dir(), paths.rule_cases_dir())
        if not value.isdigit() or _versions().get(int(value)) is None:
            abort(404)
        return _versions().bundle(int(value))

    before, after = request.args.get("from"), request.args.get("to")
    found = _diff(bundle_of(before), bundle_of(after))
    return render_template(
        "studio/diff.html", diff=found, before=before, after=after, changelog=as_markdown(found)
    )


@bp.get("/audit")
def audit() -> str:
    """Every draft, edit, submission, publication, rejection and revert, newest first."""
    events = [e for e in casework().audit(limit=2000) if e.action.startswith("studio_")]
    people = {u.id: u.name for u in accounts().users()}
    return render_template("studio/audit.html", events=events[:500], people=people)


def _outcome_cases() -> list[dict[str, Any]]:
    """Advisor-confirmed outcomes (awarded or rejected) as candidate rule cases, anonymised."""
    found = []
    for item in cases().all_feedback():
        if item.source != "advisor" or item.verdict not in ("awarded", "applied"):
            continue
        found.append(
            {
                "key": f"{item.case_id}:{item.instrument_id}",
                "instrument_id": item.instrument_id,
                "verdict": item.verdict,
                "on": item.evaluated_on,
                "answers": item.answers,
                "pseudonym": pseudonym(f"case:{item.case_id}"),
            }
        )
    return found


@bp.route("/versions/<int:version_id>/from-outcomes", methods=["GET", "POST"])
def from_outcomes(version_id: int) -> Response | str:
    """Turn an advisor-confirmed award into a rule case of the draft in one click: "this
    company should be eligible for ...". Only the answers go in, under a pseudonym."""
    found = _version_or_404(version_id)
    candidates = _outcome_cases()
    if request.method == "POST":
        if found.status != "draft" or not ButtonForm().validate_on_submit():
            abort(409)
        chosen = next((c for c in candidates if c["key"] == request.form.get("key")), None)
        if chosen is None:
            abort(404)
        bundle = _versions().bundle(version_id)
        name = f"cases/{chosen['instrument_id']}.yaml"
        entry = {
            "name": (
                f"An advisor confirmed that this company ({chosen['pseudonym']}) was awarded "
                f"{chosen['instrument_id']}, so it is eligible."
            ),
            "on": date.fromisoformat(chosen["on"]),
            "answers": chosen["answers"],
            "expect": {"status": "eligible"},
        }
        text = bundle.get(name, "")
        addition = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
        bundle[name] = (text.rstrip("\n") + "\n" if text.strip() else "") + addition
        _versions().update_draft(version_id, bundle)
        _audit("studio_case", f"version {version_id}: {chosen['instrument_id']}")
        return redirect(url_for("studio.version", version_id=version_id))
    return render_template(
        "studio/from_outcomes.html", version=found, candidates=candidates, form=ButtonForm()
    )
