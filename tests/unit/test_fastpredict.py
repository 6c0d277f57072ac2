"""The cell cache predicts exactly what the model predicts, for fresh and for repeated cells."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from navigator.ranking.artefact import latest, load
from navigator.ranking.fastpredict import CellCache
from navigator.ranking.trees import load_trees, sidecar, write_sidecar


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


def test_the_trees_read_without_scikit_learn_predict_what_the_model_predicts() -> None:
    path = latest()
    assert path is not None
    model, meta = load(path)
    trees = load_trees(path.with_name(meta.model_file))
    assert trees is not None
    rng = np.random.default_rng(41)
    levels = np.array([0.0, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0])
    for _ in range(30):
        x = rng.choice(levels, size=(80, len(meta.feature_names)))
        x[:, [2, 10]] = rng.random((80, 2))
        assert np.array_equal(trees.predict(x), np.asarray(model.predict(x), dtype=float))
    cached = CellCache.of(trees)
    assert cached is not None
    assert np.array_equal(cached.predict(x), trees.predict(x))


def test_an_unreadable_artefact_gives_no_trees(tmp_path: Path) -> None:
    broken = tmp_path / "ranker.joblib"
    broken.write_bytes(b"not a model")
    assert load_trees(broken) is None


def test_serving_the_ranker_does_not_import_scikit_learn() -> None:
    code = (
        "import sys; from navigator.ranking.learned import load_ranker; r = load_ranker(); "
        "print(type(r).__name__, 'sklearn' in sys.modules, 'scipy' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert output.stdout.split() == ["LearnedRanker", "False", "False"], output.stderr


def test_exit_leaves_by_bit_masks_and_by_walking_the_trees_agree() -> None:
    path = latest()
    assert path is not None
    _, meta = load(path)
    trees = load_trees(path.with_name(meta.model_file))
    assert trees is not None and trees._exits is not None
    rng = np.random.default_rng(7)
    x = rng.choice(np.array([0.0, 0.25, 0.5, 0.75, 1.0, 2.0, -1.0]), size=(200, 14))
    x[:, 2] = rng.random(200)
    walked = trees.predict(np.vstack([x, np.full((1, 14), np.nan)]))  # NaN: walks the trees
    assert np.array_equal(trees.predict(x), walked[:-1])


def test_the_shipped_trees_file_is_made_from_the_shipped_model(tmp_path: Path) -> None:
    path = latest()
    assert path is not None
    model, meta = load(path)
    model_path = path.with_name(meta.model_file)
    assert sidecar(model_path).is_file()  # written by `navigator ranking train` (save)
    fast = load_trees(model_path, meta.model_sha256)
    read = load_trees(model_path)
    assert fast is not None and read is not None
    x = np.random.default_rng(5).random((300, len(meta.feature_names)))
    assert np.array_equal(fast.predict(x), np.asarray(model.predict(x), dtype=float))
    # made from another model file: not used, the artefact itself is read
    copy = tmp_path / model_path.name
    copy.write_bytes(model_path.read_bytes())
    write_sidecar(model, copy, "0" * 64)
    other = load_trees(copy, meta.model_sha256)
    assert other is not None and np.array_equal(other.predict(x), read.predict(x))
    sidecar(copy).write_bytes(b"broken")
    assert load_trees(copy, meta.model_sha256) is not None
