"""The cell cache predicts exactly what the model predicts, for fresh and for repeated cells."""

from __future__ import annotations

import numpy as np

from navigator.ranking.artefact import latest, load
from navigator.ranking.fastpredict import CellCache


def test_cached_predictions_equal_the_model_bit_for_bit() -> None:
    path = latest()
    assert path is not None
    model, _ = load(path)
    cache = CellCache.of(model)
    assert cache is not None
    rng = np.random.default_rng(14)
    levels = np.array([0.0, 0.3, 0.5, 0.6, 0.75, 1.0])
    for _ in range(40):
        x = rng.choice(levels, size=(60, len(cache.thresholds)))
        x[:, 2] = rng.random(60)  # a continuous feature as well
        assert np.array_equal(cache.predict(x), np.asarray(model.predict(x), dtype=float))
    assert cache.cells  # cells were remembered and reused
    assert np.array_equal(cache.predict(x[:0]), np.empty(0))


def test_a_model_without_trees_is_not_cached() -> None:
    assert CellCache.of(object()) is None
