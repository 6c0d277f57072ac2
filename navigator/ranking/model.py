"""The learned ranking models.

``build_model`` is the shipped model: gradient-boosted trees that predict the graded relevance
(0–3) of a candidate from its features, constrained to be monotone in the features that can
only make an instrument fit better (an accepted funding form, a matching stage, amount, TRL,
theme, region, co-financing, prerequisites met). ``PairwiseRanker`` is a linear pairwise
(RankNet/RankSVM-style) alternative that the training report compares against.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from navigator.ranking.features import FEATURE_NAMES

Array = NDArray[np.float64]

# Features that can only make an instrument more relevant: the model may not learn otherwise.
INCREASING = frozenset(
    {
        "form_match",
        "stage_match",
        "amount_fit",
        "trl_fit",
        "theme_overlap",
        "regional_match",
        "cofinancing_fit",
        "prerequisites_met",
    }
)


def build_model() -> HistGradientBoostingRegressor:
    """Return the shipped, unfitted model (seeded, so training is reproducible)."""
    return HistGradientBoostingRegressor(
        max_iter=300,
        learning_rate=0.05,
        l2_regularization=0.5,
        monotonic_cst=[1 if name in INCREASING else 0 for name in FEATURE_NAMES],
        random_state=0,
    )


def pairs(x: Array, y: NDArray[Any], groups: NDArray[Any]) -> tuple[Array, NDArray[np.int64]]:
    """Return feature differences for every within-group pair with different grades, both ways."""
    diffs, labels = [], []
    for group in np.unique(groups):
        index = np.flatnonzero(groups == group)
        for a_pos, a in enumerate(index):
            for b in index[a_pos + 1 :]:
                if y[a] == y[b]:
                    continue
                sign = 1 if y[a] > y[b] else 0
                diffs += [x[a] - x[b], x[b] - x[a]]
                labels += [sign, 1 - sign]
    return np.asarray(diffs, dtype=float), np.asarray(labels, dtype=np.int64)


class PairwiseRanker(BaseEstimator):  # type: ignore[misc]
    """Linear pairwise ranker: ``fit(X, y, groups)``, then ``decision_function(X)``.

    Parameters follow scikit-learn conventions (no logic in ``__init__``; learned attributes
    end in ``_``).
    """

    def __init__(self, C: float = 1.0) -> None:  # noqa: N803 - scikit-learn's name
        self.C = C

    def fit(self, x: Array, y: NDArray[Any], groups: NDArray[Any]) -> PairwiseRanker:
        """Learn feature weights from within-group pairs."""
        self.scaler_ = StandardScaler().fit(x)
        diffs, labels = pairs(self.scaler_.transform(x), np.asarray(y), np.asarray(groups))
        self.classifier_ = LogisticRegression(C=self.C, fit_intercept=False, max_iter=2000)
        self.classifier_.fit(diffs, labels)
        self.coef_ = self.classifier_.coef_[0]
        return self

    def decision_function(self, x: Array) -> Array:
        """Return a relevance score per row (higher is more relevant)."""
        return np.asarray(self.scaler_.transform(x) @ self.coef_, dtype=float)

    def contributions(self, x: Array) -> Array:
        """Return each feature's share of each row's score."""
        return np.asarray(self.scaler_.transform(x) * self.coef_, dtype=float)
