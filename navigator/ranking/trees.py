"""Predict with the shipped gradient-boosted trees without importing scikit-learn.

Importing scikit-learn (and scipy) takes most of a second: a cost the CLI and every web worker
paid before answering anything. Serving needs only the trees: each node's feature, threshold,
children and value. ``load_trees`` reads them from the artefact with stand-ins for the
scikit-learn classes (nothing of scikit-learn runs or is imported), and ``TreeEnsemble.predict``
adds the trees' leaf values in the order scikit-learn adds them, so predictions are the same
floating-point numbers (the tests compare them with the model's own on many rows).

Only what this module recognises is read this way (one-output regression with the squared
error, numeric splits); for anything else ``load_trees`` returns None and the caller loads the
model with scikit-learn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray


class _StandIn:
    """An object of a scikit-learn class, as its pickled state (no behaviour)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, tuple) and len(state) == 2:  # (state, slot state)
            state = {**(state[0] or {}), **(state[1] or {})}
        if isinstance(state, dict):
            self.__dict__.update(state)
        else:
            self.state = state


_STAND_INS: dict[tuple[str, str], type[_StandIn]] = {}


def _stand_in(module: str, name: str) -> type[_StandIn]:
    key = (module, name)
    if key not in _STAND_INS:
        _STAND_INS[key] = type(name, (_StandIn,), {"__module__": "navigator.stand_in." + module})
    return _STAND_INS[key]


class TreeEnsemble:
    """The trees of a fitted histogram gradient-boosting regressor, flattened."""

    def __init__(self, baseline: float, trees: list[NDArray[Any]]) -> None:
        self.baseline = baseline
        offsets = np.cumsum([0] + [len(t) for t in trees[:-1]])
        nodes = np.concatenate(trees)
        shift = np.repeat(offsets, [len(t) for t in trees])
        self.roots = offsets.astype(np.intp)
        self.leaf = nodes["is_leaf"].astype(bool)
        self.feature = nodes["feature_idx"].astype(np.intp)
        self.threshold = nodes["num_threshold"].astype(float)
        self.missing_left = nodes["missing_go_to_left"].astype(bool)
        self.left = (nodes["left"] + shift).astype(np.intp)
        self.right = (nodes["right"] + shift).astype(np.intp)
        self.value = nodes["value"].astype(float)
        self.depth = int(nodes["depth"].max())
        self._exits = _ExitLeaves(self) if _leaves_fit(self) else None

    def thresholds(self) -> list[NDArray[np.float64]]:
        """Return, per feature, the sorted thresholds the trees split it at."""
        inner = ~self.leaf
        width = int(self.feature[inner].max()) + 1 if inner.any() else 0
        return [
            np.unique(self.threshold[inner & (self.feature == column)]) for column in range(width)
        ]

    def predict(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return the predictions for the rows of ``x`` (as scikit-learn computes them)."""
        if self._exits is not None and not np.isnan(x).any():
            return self._sum(self._exits.values(x))
        rows, trees = len(x), len(self.roots)
        node = np.tile(self.roots, rows)  # (row, tree) pairs, row by row
        row = np.repeat(np.arange(rows), trees)
        active = np.flatnonzero(~self.leaf[node])  # the pairs not at a leaf yet
        while active.size:
            current = node[active]
            value = x[row[active], self.feature[current]]
            left = np.where(
                np.isnan(value), self.missing_left[current], value <= self.threshold[current]
            )
            reached = np.where(left, self.left[current], self.right[current])
            node[active] = reached
            active = active[~self.leaf[reached]]
        return self._sum(self.value[node.reshape(rows, trees)])

    def _sum(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        # baseline, then each tree's value in order: scikit-learn's sums, term by term
        terms = np.empty((len(values), len(self.roots) + 1))
        terms[:, 0] = self.baseline
        terms[:, 1:] = values
        return np.cumsum(terms, axis=1)[:, -1]


ALL_LEAVES = np.uint64(0xFFFFFFFFFFFFFFFF)  # one bit per leaf, at most 64 leaves per tree


def _leaves_fit(ensemble: TreeEnsemble) -> bool:
    ends = [*ensemble.roots[1:], len(ensemble.leaf)]
    return all(
        int(ensemble.leaf[start:end].sum()) <= 64
        for start, end in zip(ensemble.roots, ends, strict=True)
    )


class _ExitLeaves:
    """Every tree's exit leaf for many rows at once, by bit masks (the QuickScorer method).

    Number each tree's leaves from left to right. A row that goes right at a node can never end
    in that node's left subtree: the node's mask clears those leaves' bits. A row's exit leaf is
    the leftmost leaf whose bit survives the masks of all the nodes where it goes right. A row
    goes right where ``value > threshold``; with a feature's thresholds sorted, those are the
    nodes whose threshold lies below the row's value, so the masks are combined in advance per
    feature and per "number of thresholds below the value". Exact: no arithmetic on values.
    """

    def __init__(self, ensemble: TreeEnsemble) -> None:
        trees = len(ensemble.roots)
        tree_of = np.repeat(np.arange(trees), np.diff([*ensemble.roots, len(ensemble.leaf)]))
        position = np.zeros(len(ensemble.leaf), dtype=np.intp)  # a leaf's number in its tree
        below: list[list[int]] = [[] for _ in ensemble.leaf]  # the leaf numbers under a node
        leaf_values = np.zeros((trees, 64))
        for tree, root in enumerate(ensemble.roots):
            count = 0
            stack, order = [int(root)], []
            while stack:  # depth first, left before right: leaves in left-to-right order
                node = stack.pop()
                order.append(node)
                if ensemble.leaf[node]:
                    position[node] = count
                    leaf_values[tree, count] = ensemble.value[node]
                    count += 1
                else:
                    stack += [int(ensemble.right[node]), int(ensemble.left[node])]
            for node in reversed(order):  # children before parents
                below[node] = (
                    [int(position[node])]
                    if ensemble.leaf[node]
                    else below[ensemble.left[node]] + below[ensemble.right[node]]
                )
        self.thresholds = ensemble.thresholds()
        self.masks: list[NDArray[np.uint64]] = []
        for column, thresholds in enumerate(self.thresholds):
            table = np.full((len(thresholds) + 1, trees), ALL_LEAVES, dtype=np.uint64)
            nodes = np.flatnonzero(~ensemble.leaf & (ensemble.feature == column))
            steps = np.searchsorted(thresholds, ensemble.threshold[nodes])
            for step in range(len(thresholds)):
                table[step + 1] = table[step]
                for node in nodes[steps == step]:
                    cleared = sum(1 << leaf for leaf in below[ensemble.left[node]])
                    table[step + 1, tree_of[node]] &= ALL_LEAVES ^ np.uint64(cleared)
            self.masks.append(table)
        self.leaf_values = leaf_values
        self.trees = np.arange(trees)

    def values(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return each row's leaf value in each tree, shape (rows, trees); no NaN in ``x``."""
        alive = np.full((len(x), len(self.trees)), ALL_LEAVES)
        for column, (thresholds, table) in enumerate(zip(self.thresholds, self.masks, strict=True)):
            alive &= table[np.searchsorted(thresholds, x[:, column], side="left")]
        lowest = alive & (~alive + np.uint64(1))  # the leftmost surviving leaf's bit
        exit_leaf = np.log2(lowest.astype(np.float64)).astype(np.intp)  # exact: powers of two
        return self.leaf_values[self.trees, exit_leaf]


def sidecar(model_path: Path) -> Path:
    """Return the trees file written next to a model file (``ranker-1.0.0.trees.npz``)."""
    return model_path.with_suffix(".trees.npz")


def write_sidecar(model: Any, model_path: Path, digest: str) -> Path | None:
    """Write the model's trees as plain arrays next to the model file; None when the model is
    not one this module reads.

    Reading them back is a ``numpy.load`` (no joblib, no unpickling): a worker or the CLI starts
    about 0.2 s sooner. The file names the SHA-256 of the model file it was made from and
    is used only while that matches.
    """
    parts = _parts(model)
    if parts is None:
        return None
    baseline, trees = parts
    path = sidecar(model_path)
    with path.open("wb") as handle:
        np.savez_compressed(
            handle,
            nodes=np.concatenate(trees),
            sizes=np.array([len(t) for t in trees]),
            baseline=np.array(baseline),
            source_sha256=np.array(digest),
        )
    return path


def load_trees(path: Path, sha256: str | None = None) -> TreeEnsemble | None:
    """Read the trees of a joblib artefact without scikit-learn; None when not recognised.

    ``sha256``: the model file's checked digest; the trees file next to it is read instead when
    it was made from exactly that file.
    """
    if sha256 is not None and sidecar(path).is_file():
        try:
            with np.load(sidecar(path), allow_pickle=False) as data:
                if str(data["source_sha256"]) == sha256:
                    trees = np.split(data["nodes"], np.cumsum(data["sizes"])[:-1])
                    return TreeEnsemble(float(data["baseline"]), trees)
        except (OSError, ValueError, KeyError):
            pass  # unreadable: read the artefact itself
    from joblib import numpy_pickle

    class _Unpickler(numpy_pickle.NumpyUnpickler):  # type: ignore[misc]
        def find_class(self, module: str, name: str) -> Any:
            if module.split(".")[0] == "sklearn":
                return _stand_in(module, name)
            return super().find_class(module, name)

    try:
        with (
            path.open("rb") as handle,
            numpy_pickle._validate_fileobject_and_memmap(handle, str(path), None) as (stream, _),
        ):
            model = _Unpickler(str(path), stream, True).load()
        return _ensemble(model)
    except Exception:  # anything unexpected: the caller loads the model with scikit-learn
        return None


def _ensemble(model: Any) -> TreeEnsemble | None:
    parts = _parts(model)
    return None if parts is None else TreeEnsemble(*parts)


def _parts(model: Any) -> tuple[float, list[NDArray[Any]]] | None:
    """Return the baseline and each tree's nodes of a model this module can read, else None."""
    kind = type(model).__name__
    loss = type(getattr(model, "_loss", None)).__name__
    predictors = getattr(model, "_predictors", None)
    if (
        kind != "HistGradientBoostingRegressor"
        or loss != "HalfSquaredError"
        or getattr(model, "_preprocessor", None) is not None
        or getattr(model, "is_categorical_", None) is not None
        or not predictors
        or any(len(per_iteration) != 1 for per_iteration in predictors)
    ):
        return None
    trees = [per_iteration[0].nodes for per_iteration in predictors]
    if any(t["is_categorical"].any() for t in trees):
        return None
    baseline = np.asarray(model._baseline_prediction, dtype=float)
    if baseline.size != 1:
        return None
    return float(baseline.ravel()[0]), trees
