"""The learned ranker: shipped artefact, reproducible training, fallback, and tier safety."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from navigator import paths
from navigator.domain.answers import make_answers
from navigator.ranking.artefact import ARTEFACT_DIR, ArtefactError, latest, load
from navigator.ranking.deterministic import RuleRanker
from navigator.ranking.features import FEATURE_NAMES
from navigator.ranking.learned import LearnedRanker, load_ranker
from navigator.recommend import Navigator, evaluate, load_navigator, recommend
from tests.unit.test_ranking import answers_strategy

ON = date(2026, 11, 23)


@pytest.fixture(scope="module")
def learned() -> Navigator:
    ranker = load_ranker()
    assert isinstance(ranker, LearnedRanker), "the shipped artefact must load"
    return load_navigator(paths.catalogue_path(), paths.rules_dir(), ranker)


def test_the_shipped_artefact_matches_the_code_and_beats_the_rule_order() -> None:
    meta_path = latest()
    assert meta_path is not None
    _, meta = load(meta_path)
    assert tuple(meta.feature_names) == FEATURE_NAMES
    learned = meta.scores["learned (monotone gradient boosting)"]
    rule = meta.scores["rule-only order"]
    margin = learned["ndcg5"] - rule["ndcg5"]
    assert margin > max(learned["ndcg5_sd"], rule["ndcg5_sd"])


# Cross-validated NDCG may move in its last digits with another numpy or scikit-learn build
# (summation order, threading); a real change of model or data moves it by far more.
SCORE_TOLERANCE = 0.002


def _ranked_ids(navigator: Navigator, ranker: LearnedRanker, profiles: list[dict]) -> list[list]:
    served = load_navigator(paths.catalogue_path(), paths.rules_dir(), ranker)
    return [
        [r.candidate.instrument.id for r in recommend(served, make_answers(p), ON).results]
        for p in profiles
    ]


def test_the_shipped_artefact_is_what_the_train_command_builds(
    tmp_path: Path, navigator: Navigator
) -> None:
    from navigator.ranking.train import train

    report = train(
        navigator, paths.ROOT / "data" / "ranking", tmp_path / "out", tmp_path / "docs", "1.0.0"
    )
    shipped_model, shipped = load(latest())
    rebuilt_model, rebuilt = load(report.meta_path)
    assert rebuilt.data_fingerprint == shipped.data_fingerprint
    assert rebuilt.scores.keys() == shipped.scores.keys()
    for name, scores in shipped.scores.items():
        for key in ("ndcg5", "ndcg10", "ndcg5_sd", "ndcg10_sd"):
            assert rebuilt.scores[name][key] == pytest.approx(scores[key], abs=SCORE_TOLERANCE)
    # What users see must not move at all: the order of instruments for fixed profiles.
    lines = (paths.ROOT / "data" / "ranking" / "profiles.jsonl").read_text().splitlines()
    profiles = [json.loads(line)["answers"] for line in lines[:40]]
    assert _ranked_ids(navigator, LearnedRanker(rebuilt_model, rebuilt), profiles) == _ranked_ids(
        navigator, LearnedRanker(shipped_model, shipped), profiles
    )
    assert (tmp_path / "docs" / "model-card.md").read_text().startswith("# Model card")
    assert (tmp_path / "docs" / "ranker-scores.png").stat().st_size > 10_000
    assert (tmp_path / "out" / "ranker-1.0.0.trees.npz").is_file()  # served without unpickling


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy)
def test_the_learned_ranker_never_changes_a_status(learned: Navigator, answers: dict) -> None:
    profile = make_answers(answers)
    ranked = recommend(learned, profile, ON)
    by_rule = {c.instrument.id: c.evaluation.status for c in evaluate(learned, profile, ON)}
    assert {r.candidate.instrument.id: r.evaluation.status for r in ranked.results} == by_rule
    statuses = [r.evaluation.status.value for r in ranked.results]
    assert statuses == sorted(statuses, key=["eligible", "unknown", "ineligible"].index)
    assert all(0.0 <= r.score.value <= 1.0 for r in ranked.results)


def test_high_ranks_come_with_reasons(learned: Navigator) -> None:
    profile = make_answers(
        {
            "organisation_type": "private_company",
            "province": "utrecht",
            "does_own_rd": True,
            "rd_staff_on_payroll": True,
            "development_stage": "prototype",
            "funding_forms": ("tax_credit",),
        }
    )
    top = recommend(learned, profile, ON).results[0]
    assert top.candidate.instrument.id == "wbso" and top.score.why


def _copy_artefact(tmp_path: Path) -> Path:
    meta = latest()
    assert meta is not None
    for file in meta.parent.glob(f"{meta.stem}.*"):
        shutil.copy(file, tmp_path / file.name)
    return tmp_path / meta.name


def test_a_missing_artefact_falls_back_to_the_rule_order(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        ranker = load_ranker(tmp_path / "ranker-9.9.9.json")
    assert isinstance(ranker, RuleRanker) and "rule order" in caplog.text


@pytest.mark.parametrize("damage", ["model_bytes", "sklearn_range", "features", "json"])
def test_an_altered_or_incompatible_artefact_falls_back(
    tmp_path: Path, caplog, damage: str
) -> None:
    meta_path = _copy_artefact(tmp_path)
    meta = json.loads(meta_path.read_text())
    if damage == "model_bytes":
        (tmp_path / meta["model_file"]).write_bytes(b"not a model")
    elif damage == "sklearn_range":
        meta["sklearn_range"] = ">=0.1,<0.2"
    elif damage == "features":
        meta["feature_names"] = meta["feature_names"][:-1]
    else:
        meta_path.write_text("{broken")
    if damage in ("sklearn_range", "features"):
        meta_path.write_text(json.dumps(meta))
    with pytest.raises(ArtefactError):
        load(meta_path)
    with caplog.at_level(logging.WARNING):
        assert isinstance(load_ranker(meta_path), RuleRanker)
    assert "learned ranker not used" in caplog.text


def test_the_app_keeps_working_without_the_artefact(tmp_path: Path) -> None:
    from navigator.app import create_app

    app = create_app({"TESTING": True, "RANKER_PATH": str(tmp_path / "absent.json")})
    response = app.test_client().post(
        "/api/v1/recommendations", json={"answers": {"does_own_rd": True}}
    )
    assert response.status_code == 200
    assert isinstance(app.extensions["navigator"].ranker, RuleRanker)


def test_the_artefact_folder_holds_only_built_artefacts() -> None:
    files = sorted(p.name for p in ARTEFACT_DIR.iterdir())
    assert files and all(
        f.startswith("ranker-") and f.endswith((".json", ".joblib", ".trees.npz")) for f in files
    )
