"""Exact, cached predictions of a histogram gradient-boosting model.

Every tree of such a model sends a row left when ``value <= threshold`` of the node's feature.
Two rows that lie on the same side of every threshold the model uses (the same "cell") follow
the same path in every tree and so get bit-for-bit the same prediction. Feature rows repeat a
lot across requests (an instrument's static features, "cannot tell" values), so predictions are
kept per cell and the model is asked only about cells not seen yet, in one batch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from navigator.ranking.trees import TreeEnsemble

MAX_CELLS = 200_000


class CellCache:
    """Predicts like ``model.predict`` (same values), remembering each cell's prediction."""

    def __init__(self, model: Any, thresholds: list[NDArray[np.float64]]) -> None:
        self.model = model
        self.thresholds = thresholds
        self.cells: dict[bytes, float] = {}

    @classmethod
    def of(cls, model: Any) -> CellCache | None:
        """Return a cache for a fitted numeric HistGradientBoosting model, else None."""
        if isinstance(model, TreeEnsemble):
            return cls(model, model.thresholds())
        predictors = getattr(model, "_predictors", None)
        width = getattr(model, "n_features_in_", None)
        if not predictors or width is None or getattr(model, "is_categorical_", None) is not None:
            return None
        found: list[set[float]] = [set() for _ in range(width)]
        for per_iteration in predictors:
            for predictor in per_iteration:
                nodes = predictor.nodes
                if nodes["is_categorical"].any():
                    return None
                inner = nodes[nodes["is_leaf"] == 0]
                for feature, threshold in zip(
                    inner["feature_idx"], inner["num_threshold"], strict=True
                ):
                    found[int(feature)].add(float(threshold))
        return cls(model, [np.array(sorted(values), dtype=float) for values in found])

    def predict(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return the model's predictions for the rows of ``x``."""
        if len(x) == 0:
            return np.empty(0, dtype=float)
        if np.isnan(x).any():
            return np.asarray(self.model.predict(x), dtype=float)
        codes = np.empty(x.shape, dtype=np.int16)
        for column, thresholds in enumerate(self.thresholds):
            codes[:, column] = np.searchsorted(thresholds, x[:, column], side="left")
        keys = [row.tobytes() for row in codes]
        out = np.empty(len(x), dtype=float)
        unseen: dict[bytes, list[int]] = {}
        for index, key in enumerate(keys):
            value = self.cells.get(key)
            if value is None:
                unseen.setdefault(key, []).append(index)
            else:
                out[index] = value
        if unseen:
            first = [rows[0] for rows in unseen.values()]
            predicted = np.asarray(self.model.predict(x[first]), dtype=float)
            if len(self.cells) + len(unseen) > MAX_CELLS:
                self.cells.clear()
            for (key, rows), value in zip(unseen.items(), predicted, strict=True):
                out[rows] = value
                self.cells[key] = float(value)
        return out
