"""The learned ranker behind the ``Ranker`` interface, and loading it with a safe fallback.

It only scores candidates; the recommendation service keeps the tiers, so it can reorder
within "eligible" and within "unknown" but never change a status.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from navigator.domain.answers import Answers
from navigator.domain.text import Text
from navigator.ranking.artefact import ArtefactError, ModelMeta, checked, latest, load
from navigator.ranking.base import Candidate, Ranker, RankerInfo, Score
from navigator.ranking.deterministic import WHY, RuleRanker
from navigator.ranking.fastpredict import CellCache
from navigator.ranking.features import FEATURE_NAMES, extract
from navigator.ranking.trees import load_trees
from navigator.rules.engine import Status

log = logging.getLogger(__name__)

EXTRA_WHY = {
    "trl_fit": Text(
        nl="Het past bij de technologische rijpheid (TRL) van uw innovatie.",
        en="It fits the technology readiness (TRL) of your innovation.",
    ),
    "theme_overlap": Text(
        nl="Het is bedoeld voor het thema van uw innovatie.",
        en="It is meant for the theme of your innovation.",
    ),
    "cofinancing_fit": Text(
        nl="Uw private financiering past bij wat deze regeling vraagt.",
        en="Your private financing fits what this scheme asks for.",
    ),
    "deadline_near": Text(
        nl="De aanvraagtermijn sluit binnenkort.", en="The application window closes soon."
    ),
    "prerequisites_met": Text(
        nl="U heeft wat eraan vooraf moet gaan al ontvangen.",
        en="You already received what must come first.",
    ),
    "direct_route": Text(
        nl="U vraagt het zelf rechtstreeks aan.", en="You apply for it directly yourself."
    ),
}
REASONS = {**WHY, **EXTRA_WHY}


NEUTRAL = 0.5
MIN_LIFT = 0.05  # a reason must raise the predicted grade by at least this much
# A reason is only given when its sentence is true of the candidate: these features state a
# fact (the amount lies in the range, it is an entitlement, one can apply now), so they must
# hold fully; the others describe a degree and may be given from 0.75.
EXACT = frozenset({"form_match", "amount_fit", "entitlement", "window_open", "regional_match"})
THRESHOLDS = np.array([1.0 if name in EXACT else 0.75 for name in FEATURE_NAMES])


class LearnedRanker:
    """Scores with the trained model; explains a high rank by the features that lift it most."""

    def __init__(self, model: Any, meta: ModelMeta) -> None:
        self.model = model
        self.meta = meta
        cache = CellCache.of(model)
        self._predict = cache.predict if cache is not None else model.predict
        # A served request scores a few dozen rows: one thread is fastest, and OpenMP threads in
        # several web workers on the same cores spin against each other (seen as ~0 req/s
        # under gunicorn with two workers). Limit once per process; per call costs ~4 ms.
        threadpool_limits(limits=1, user_api="openmp")

    def score(self, answers: Answers, candidates: Sequence[Candidate], on: date) -> list[Score]:
        """Return a score in [0, 1] (the predicted grade / 3) per candidate, with its reasons.

        Reasons are given for eligible candidates only (the cards that show them); the model sees
        the candidates and their neutralised variants in a single batch.
        """
        if not candidates:
            return []
        rows = [extract(answers, c.instrument, c.evaluation, on) for c in candidates]
        x = np.array([[row[n] for n in FEATURE_NAMES] for row in rows], dtype=float)
        explain = [c.evaluation.status is Status.ELIGIBLE for c in candidates]
        cells = [
            (row, col)
            for col, name in enumerate(FEATURE_NAMES)
            if name in REASONS
            for row in np.flatnonzero((x[:, col] >= THRESHOLDS[col]) & np.array(explain))
        ]
        variants = x[[r for r, _ in cells]].copy() if cells else np.empty((0, x.shape[1]))
        for index, (_, col) in enumerate(cells):
            variants[index, col] = NEUTRAL
        predicted = np.asarray(self._predict(np.vstack([x, variants])), dtype=float)
        base, drops = (
            predicted[: len(x)],
            predicted[: len(x)][[r for r, _ in cells]] - predicted[len(x) :],
        )
        lifts = np.zeros_like(x)
        for (row, col), drop in zip(cells, drops, strict=True):
            lifts[row, col] = drop
        values = np.clip(base / 3.0, 0.0, 1.0)
        # only explained rows (eligible candidates) can have lifts; the others have no reasons
        return [
            Score(round(float(v), 4), self._why(lifts[i]) if explain[i] else ())
            for i, v in enumerate(values)
        ]

    @staticmethod
    def _why(lifts: Any) -> tuple[Text, ...]:
        order = np.argsort(-lifts)
        names = [FEATURE_NAMES[i] for i in order if lifts[i] >= MIN_LIFT]
        return tuple(REASONS[n] for n in names)[:3]

    def info(self) -> RankerInfo:
        """Describe the ranker."""
        return RankerInfo(
            "learned",
            self.meta.version,
            "monotone gradient boosting, see docs/model-card.md",
        )


def load_ranker(meta_path: Path | None = None, light: bool = True) -> Ranker:
    """Return the learned ranker, or the rule order with a logged warning when it cannot load.

    ``light``: serve from the trees read without scikit-learn (same predictions, no import of
    scikit-learn and scipy); False loads the scikit-learn model.
    """
    path = meta_path or latest()
    if path is None:
        log.warning("no learned ranker artefact found; using the rule order")
        return RuleRanker()
    try:
        model_path, meta = checked(path)
        # the trees alone, read without importing scikit-learn; the model itself otherwise
        model: Any = load_trees(model_path, meta.model_sha256) if light else None
        if model is None:
            model, meta = load(path)
    except ArtefactError as error:
        log.warning("learned ranker not used (%s); using the rule order", error)
        return RuleRanker()
    return LearnedRanker(model, meta)
