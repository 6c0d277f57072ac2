"""Train the learned ranker from the judged data (plus feedback) and write artefact and model card.

``navigator ranking train`` calls ``train``; the shipped artefact is built by exactly this code
from the data in ``data/ranking/``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sklearn
from sklearn.inspection import permutation_importance

from navigator.ranking.artefact import ModelMeta, save, sklearn_range
from navigator.ranking.dataset import Dataset, build_dataset, read_jsonl
from navigator.ranking.evaluate import (
    Scores,
    arrays,
    boosting_trainer,
    cross_validate,
    pairwise_trainer,
    random_trainer,
    rule_trainer,
)
from navigator.ranking.features import FEATURE_NAMES
from navigator.ranking.model import INCREASING, build_model
from navigator.recommend import Navigator

Progress = Callable[[str], None]
COMMAND = "navigator ranking train"
LEARNED = "learned (monotone gradient boosting)"


@dataclass(frozen=True)
class Report:
    """What training produced."""

    meta_path: Path
    scores: dict[str, Scores]
    weights: dict[str, float]
    dataset: Dataset
    beats_rule_order: bool


def _load(data_dir: Path, feedback_path: Path | None) -> tuple[list[Any], list[Any], list[Any]]:
    profiles = read_jsonl(data_dir / "profiles.jsonl")
    judgments = read_jsonl(data_dir / "judgments.jsonl")
    feedback = _feedback_lines(feedback_path) if feedback_path and feedback_path.exists() else []
    return profiles, judgments, feedback


def train(
    navigator: Navigator,
    data_dir: Path,
    out_dir: Path,
    docs_dir: Path,
    version: str,
    feedback_path: Path | None = None,
    progress: Progress = lambda _step: None,
) -> Report:
    """Build the dataset, cross-validate, fit the final model and write everything.

    Args:
        navigator: the loaded domain (the rules give tiers and the rule-order baseline).
        data_dir: holds ``profiles.jsonl`` and ``judgments.jsonl``.
        out_dir: where ``ranker-<version>.joblib`` and ``.json`` are written.
        docs_dir: where the model card and the score plot are written.
        version: MAJOR.MINOR.PATCH of the artefact.
        feedback_path: exported feedback rows to add to the judged data, if any.
        progress: called with a short label after each step.
    """
    profiles, judgments, feedback = _load(data_dir, feedback_path)
    progress("data read")
    dataset = build_dataset(navigator, profiles, judgments, feedback)
    progress("features computed")
    scores = cross_validate(
        dataset,
        {
            LEARNED: boosting_trainer(),
            "linear pairwise (compared)": pairwise_trainer(),
            "rule-only order": rule_trainer(),
            "random order": random_trainer(),
        },
    )
    progress("cross-validated")
    a = arrays(dataset)
    # Confirmed outcomes weigh more; with none (the shipped data) the fit is unweighted.
    weighted = bool((a.weights != 1.0).any())
    model = build_model().fit(a.x, a.grades, sample_weight=a.weights if weighted else None)
    importance = permutation_importance(model, a.x, a.grades, n_repeats=5, random_state=0)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(FEATURE_NAMES, importance.importances_mean, strict=True)
    }
    progress("final model fitted")
    learned, rule = scores[LEARNED], scores["rule-only order"]
    beats = learned.ndcg5 - rule.ndcg5 > max(learned.ndcg5_sd, rule.ndcg5_sd)
    meta = ModelMeta(
        version=version,
        sklearn_version=sklearn.__version__,
        sklearn_range=sklearn_range(),
        feature_names=list(FEATURE_NAMES),
        data_fingerprint=dataset.fingerprint,
        rows=len(dataset.rows),
        profiles=len(dataset.groups),
        scores={name: asdict(s) for name, s in scores.items()},
        created_on=date.today().isoformat(),
        command=COMMAND,
        model_sha256="",
        model_file="",
    )
    meta_path = save(model, meta, out_dir)
    progress("artefact written")
    report = Report(meta_path, scores, weights, dataset, beats)
    write_plot(scores, docs_dir / "ranker-scores.png")
    write_model_card(report, meta, judgments, docs_dir / "model-card.md")
    progress("model card written")
    return report


def write_plot(scores: dict[str, Scores], path: Path) -> None:
    """Draw NDCG@5 and NDCG@10 per ranker with the fold-to-fold spread as error bars."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(scores)
    positions = range(len(names))
    figure, axis = plt.subplots(figsize=(8, 4.2), dpi=110)
    width = 0.38
    axis.bar(
        [p - width / 2 for p in positions],
        [scores[n].ndcg5 for n in names],
        width,
        yerr=[scores[n].ndcg5_sd for n in names],
        capsize=4,
        label="NDCG@5",
        color="#154273",
    )
    axis.bar(
        [p + width / 2 for p in positions],
        [scores[n].ndcg10 for n in names],
        width,
        yerr=[scores[n].ndcg10_sd for n in names],
        capsize=4,
        label="NDCG@10",
        color="#7fa6d1",
    )
    axis.set_xticks(list(positions), [n.replace(" (", "\n(") for n in names], fontsize=8)
    axis.set_ylim(0, 1)
    axis.set_ylabel("mean over 5 grouped folds")
    axis.set_title("Navigator ranking: served order (tiers kept), cross-validated by profile")
    axis.legend(loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


def _score_rows(scores: dict[str, Scores]) -> str:
    lines = [
        "| ranker | NDCG@5 (± sd over folds) | NDCG@10 (± sd) | NDCG@5 per fold |",
        "|---|---|---|---|",
    ]
    for name, s in scores.items():
        folds = ", ".join(f"{v:.3f}" for v in s.folds5)
        at5, at10 = f"{s.ndcg5:.3f} ± {s.ndcg5_sd:.3f}", f"{s.ndcg10:.3f} ± {s.ndcg10_sd:.3f}"
        lines.append(f"| {name} | {at5} | {at10} | {folds} |")
    return "\n".join(lines)


def _feedback_lines(path: Path) -> list[Any]:
    """Read exported feedback; a line that is not JSON becomes a row the dataset skips."""
    rows: list[Any] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            rows.append(None)
    return rows


def _feedback_line(dataset: Dataset) -> str:
    rows = [r for r in dataset.rows if r.group.startswith("feedback:")]
    if not rows:
        return "none was given for this version, so the model learned from the judgments only"
    cases = len({r.group for r in rows})
    return f"{len(rows)} rows from {cases} cases were added to the judgments"


def write_model_card(report: Report, meta: ModelMeta, judgments: list[Any], path: Path) -> None:
    """Write the model card: data, features, scores, limits and biases."""
    grades = Counter(r.grade for r in report.dataset.rows)
    judges = Counter(j.get("judge", "unknown") for j in judgments)
    learned, rule = report.scores[LEARNED], report.scores["rule-only order"]
    margin, spread = learned.ndcg5 - rule.ndcg5, max(learned.ndcg5_sd, rule.ndcg5_sd)
    verdict = (
        f"The learned ranker's NDCG@5 is {margin:+.3f} above the rule-only order, more than the "
        f"fold-to-fold spread ({spread:.3f})."
        if report.beats_rule_order
        else "The learned ranker does NOT beat the rule-only order by more than the fold-to-fold "
        f"spread (difference {margin:+.3f}, spread {spread:.3f})."
    )
    weights = "\n".join(
        f"| `{n}` | {w:.3f} | {'increasing' if n in INCREASING else 'free'} |"
        for n, w in sorted(report.weights.items(), key=lambda kv: -kv[1])
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        MODEL_CARD.format(
            version=meta.version,
            created=meta.created_on,
            sklearn=meta.sklearn_version,
            sklearn_range=meta.sklearn_range,
            fingerprint=meta.data_fingerprint,
            profiles=meta.profiles,
            rows=meta.rows,
            grades=", ".join(f"{g}: {grades.get(g, 0)}" for g in range(4)),
            judges=", ".join(f"{k} ({v})" for k, v in judges.items()),
            scores=_score_rows(report.scores),
            verdict=verdict,
            weights=weights,
            features=", ".join(f"`{n}`" for n in FEATURE_NAMES),
            feedback=_feedback_line(report.dataset),
        ),
        encoding="utf-8",
    )


MODEL_CARD = """# Model card: Navigator learned ranker {version}

Written by `navigator ranking train` on {created}; do not edit by hand (retrain instead).

## What it does

Orders the instruments that Navigator's rules found **eligible** (and, separately, **unknown**)
for a profile, most relevant first. It never changes eligibility: the recommendation service
keeps the tiers and asks the ranker only for scores within a tier. When the artefact is missing,
altered or built for another scikit-learn, the app falls back to the documented rule order and
logs a warning.

## Model

Gradient-boosted regression trees (`navigator.ranking.model.build_model`, scikit-learn
`HistGradientBoostingRegressor`, 300 iterations, learning rate 0.05, L2 0.5, seeded) predict the
graded relevance of a candidate; the score shown is that prediction divided by 3. The model is
constrained to be **monotone increasing** in the features that can only make an instrument fit
better, so a better match never lowers a rank. The main reasons for a high rank on a result
card are the features whose good value raises the prediction most (each is replaced by its
neutral value 0.5 and the drop measured). A linear pairwise ranker is trained and reported for
comparison.

- scikit-learn {sklearn} (artefact accepts {sklearn_range})
- training data fingerprint `{fingerprint}`
- features ({features}) come from one pure function shared by training and serving

Feature importance (mean drop in R² when the feature is shuffled, on the training data):

| feature | importance | constraint |
|---|---|---|
{weights}

## Data

{profiles} profiles, {rows} graded (profile, instrument) pairs; grade counts {grades}.

- **Profiles** (`data/ranking/profiles.jsonl`) are synthetic and generated by
  `data/ranking/make_profiles.py` from the user groups, sectors, stages and provinces named in
  the policy seeds. They are realistic in shape, not real companies, and **not usage data**.
- **Judgments** (`data/ranking/judgments.jsonl`) grade every eligible or unknown instrument of
  each profile from 0 to 3 against the written rubric `data/ranking/rubric.md`. Judges:
  {judges}. See `data/ranking/dataset-card.md` for how they were made.
- Outcome feedback from the results page (`navigator ranking export-feedback`): {feedback}.

## Evaluation

Five-fold GroupKFold with profiles as groups; NDCG of the **served order** (eligible before
unknown, then by score), averaged over profiles with at least one relevant candidate.

{scores}

{verdict}

![NDCG per ranker](ranker-scores.png)

## Known limits and biases

- The grades come from model-assisted judges applying the rubric, not from RVO or ROM advisors
  and not from outcomes; the ranker learns the rubric's view of relevance, including its
  blind spots. Real feedback (applied, awarded) should replace them over time.
- The profiles are synthetic: archetype proportions (many software and life-science start-ups,
  few public buyers and fund managers) shape what the model learns; rare profiles are ranked
  with less evidence.
- Features see the catalogue as it is: instruments with few recorded amounts or a closed window
  of unknown reopening are judged on less information.
- The rule-only baseline was written by the same team that wrote the rubric, so the comparison
  measures agreement with the rubric, not real-world usefulness.
"""
