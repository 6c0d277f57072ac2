"""Offline evaluation: NDCG@5 and NDCG@10 of the served order, with grouped cross-validation.

The served order keeps the tiers (eligible before unknown) and sorts within each tier by the
ranker's score, so every order compared here is one a user could actually see. Folds split by
profile (GroupKFold), so no profile is in both the training and the test part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import ndcg_score
from sklearn.model_selection import GroupKFold

from navigator.ranking.dataset import Dataset
from navigator.ranking.model import PairwiseRanker, build_model

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Predictor = Callable[[Floats, Floats], Floats]  # (features, rule scores) -> scores
Trainer = Callable[[Floats, Ints, Ints], Predictor]  # (features, grades, group codes)
TIER_GAP = 1_000.0


@dataclass(frozen=True)
class Scores:
    """Mean and fold-to-fold spread (standard deviation) of NDCG@5 and NDCG@10."""

    ndcg5: float
    ndcg5_sd: float
    ndcg10: float
    ndcg10_sd: float
    folds5: tuple[float, ...]


@dataclass(frozen=True)
class Arrays:
    """The dataset as arrays."""

    x: Floats
    grades: Ints
    groups: Ints
    tiers: Ints
    rule: Floats
    weights: Floats


def arrays(data: Dataset) -> Arrays:
    """Return features, grades, group codes, tiers and rule scores as arrays."""
    rows = data.rows
    _, codes = np.unique([r.group for r in rows], return_inverse=True)
    return Arrays(
        np.array([r.features for r in rows], dtype=float),
        np.array([r.grade for r in rows], dtype=np.int64),
        codes.astype(np.int64),
        np.array([r.tier for r in rows], dtype=np.int64),
        np.array([r.rule_score for r in rows], dtype=float),
        np.array([r.weight for r in rows], dtype=float),
    )


def mean_ndcg(grades: Ints, scores: Floats, groups: Ints, k: int) -> float:
    """Average NDCG@k over groups with at least two candidates and some relevance."""
    values = []
    for group in np.unique(groups):
        index = groups == group
        if index.sum() < 2 or grades[index].max() == 0:
            continue
        values.append(ndcg_score([grades[index]], [scores[index]], k=k))
    return float(np.mean(values)) if values else 0.0


def served(scores: Floats, tiers: Ints) -> Floats:
    """Combine tier and score into the order users see."""
    return np.asarray(-tiers * TIER_GAP + scores, dtype=float)


def cross_validate(
    data: Dataset, trainers: dict[str, Trainer], folds: int = 5
) -> dict[str, Scores]:
    """Score every named ranker on the same grouped folds."""
    a = arrays(data)
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in trainers}
    for train, test in GroupKFold(n_splits=folds).split(a.x, a.grades, a.groups):
        for name, trainer in trainers.items():
            predict = trainer(a.x[train], a.grades[train], a.groups[train])
            scores = served(predict(a.x[test], a.rule[test]), a.tiers[test])
            at5 = mean_ndcg(a.grades[test], scores, a.groups[test], 5)
            at10 = mean_ndcg(a.grades[test], scores, a.groups[test], 10)
            found[name].append((at5, at10))
    return {name: _summary(values) for name, values in found.items()}


def _summary(values: list[tuple[float, float]]) -> Scores:
    five = np.array([v[0] for v in values])
    ten = np.array([v[1] for v in values])
    return Scores(
        float(five.mean()),
        float(five.std()),
        float(ten.mean()),
        float(ten.std()),
        tuple(float(v) for v in five.round(4)),
    )


def pairwise_trainer(c: float = 1.0) -> Trainer:
    """Fit the linear pairwise ranker (the shipped model)."""

    def train(x: Floats, grades: Ints, groups: Ints) -> Predictor:
        model = PairwiseRanker(C=c).fit(x, grades, groups)
        return lambda test_x, _rule: model.decision_function(test_x)

    return train


def boosting_trainer() -> Trainer:
    """Fit the shipped model: monotone gradient-boosted trees on the grades."""

    def train(x: Floats, grades: Ints, groups: Ints) -> Predictor:
        model = build_model().fit(x, grades)
        return lambda test_x, _rule: np.asarray(model.predict(test_x), dtype=float)

    return train


def rule_trainer() -> Trainer:
    """The rule-only order: the deterministic ranker's documented score."""
    return lambda _x, _grades, _groups: lambda _test_x, rule: rule


def random_trainer(seed: int = 7) -> Trainer:
    """A random order within tiers (seeded, so the report is reproducible)."""
    rng = np.random.default_rng(seed)
    return lambda _x, _grades, _groups: lambda test_x, _rule: rng.random(len(test_x))
