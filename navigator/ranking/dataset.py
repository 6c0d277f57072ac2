"""Training rows for the learned ranker: judged profiles plus outcome feedback.

A row is one (profile, instrument) pair with its features, its graded relevance (0–3), the
profile it belongs to (the group for cross-validation) and its eligibility tier. Features are
computed here with the same pure function that serving uses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from navigator.domain.answers import InvalidInput, parse_answers
from navigator.ranking.deterministic import RuleRanker
from navigator.ranking.features import FEATURE_NAMES, extract
from navigator.recommend import Navigator, evaluate
from navigator.rules.engine import Status

VERDICT_GRADES = {"awarded": 3, "applied": 3, "relevant": 2, "not_relevant": 0}
# An outcome an advisor confirmed (advisor workspace) counts this many times a self-report.
SOURCE_WEIGHTS = {"self": 1.0, "advisor": 3.0}


@dataclass(frozen=True)
class Row:
    """One judged candidate."""

    group: str
    instrument_id: str
    tier: int
    grade: int
    features: tuple[float, ...]
    rule_score: float
    # How much the row counts in the final fit: advisor-confirmed outcomes above self-reports.
    weight: float = 1.0


@dataclass(frozen=True)
class Dataset:
    """All rows and a fingerprint of the data they come from."""

    rows: tuple[Row, ...]
    fingerprint: str
    # feedback rows that could not be used, with the reason (never a crash)
    skipped: tuple[str, ...] = ()

    @property
    def groups(self) -> list[str]:
        """Return the distinct groups (profiles) in order of appearance."""
        return list(dict.fromkeys(r.group for r in self.rows))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _rows_for(
    navigator: Navigator, group: str, raw_answers: dict[str, Any], on: date, grades: dict[str, int]
) -> list[Row]:
    answers = parse_answers(raw_answers, on=on, known_ids=navigator.catalogue.by_id)
    candidates = [c for c in evaluate(navigator, answers, on) if c.instrument.id in grades]
    scores = RuleRanker().score(answers, candidates, on)  # the baseline, whatever is served
    rows = []
    for candidate, score in zip(candidates, scores, strict=True):
        status = candidate.evaluation.status
        if status is Status.INELIGIBLE:
            continue  # the rules changed since the judgment: the ranker never orders these
        features = extract(answers, candidate.instrument, candidate.evaluation, on)
        tier = 0 if status is Status.ELIGIBLE else 1
        grade = grades[candidate.instrument.id]
        rows.append(
            Row(
                group,
                candidate.instrument.id,
                tier,
                grade,
                tuple(features[n] for n in FEATURE_NAMES),
                score.value,
            )
        )
    return rows


def build_dataset(
    navigator: Navigator,
    profiles: Iterable[dict[str, Any]],
    judgments: Iterable[dict[str, Any]],
    feedback: Iterable[dict[str, Any]] = (),
) -> Dataset:
    """Join profiles with their judgments (and feedback rows) into training rows.

    Args:
        navigator: the loaded domain (rules decide the tiers, the rule ranker the baseline).
        profiles: ``{"profile_id", "answers", "on"}`` records.
        judgments: ``{"profile_id", "instrument_id", "grade"}`` records.
        feedback: exported feedback rows (``navigator ranking export-feedback``).
    """
    grades: dict[str, dict[str, int]] = {}
    for judgment in judgments:
        grades.setdefault(judgment["profile_id"], {})[judgment["instrument_id"]] = int(
            judgment["grade"]
        )
    rows: list[Row] = []
    digest = hashlib.sha256()
    for profile in profiles:
        key = profile["profile_id"]
        digest.update(
            json.dumps([profile, sorted(grades.get(key, {}).items())], sort_keys=True).encode()
        )
        on = date.fromisoformat(profile["on"])
        rows += _rows_for(navigator, key, profile["answers"], on, grades.get(key, {}))
    usable, skipped = _usable_feedback(navigator, feedback)
    by_case: dict[str, list[dict[str, Any]]] = {}
    for item in usable:
        by_case.setdefault(item["case_id"], []).append(item)
    for case_id, items in sorted(by_case.items()):
        digest.update(json.dumps(items, sort_keys=True).encode())
        latest = items[-1]
        case_grades = {i["instrument_id"]: VERDICT_GRADES[i["verdict"]] for i in items}
        weights = {
            i["instrument_id"]: SOURCE_WEIGHTS.get(str(i.get("source", "self")), 1.0) for i in items
        }
        on = date.fromisoformat(latest["evaluated_on"])
        rows += [
            replace(row, weight=weights[row.instrument_id])
            for row in _rows_for(
                navigator, f"feedback:{case_id}", latest["answers"], on, case_grades
            )
        ]
    return Dataset(tuple(rows), digest.hexdigest(), tuple(skipped))


def _usable_feedback(
    navigator: Navigator, feedback: Iterable[Any]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Keep the feedback rows that can be read; describe every other one instead of failing."""
    usable, skipped = [], []
    for number, item in enumerate(feedback, start=1):
        try:
            if not isinstance(item, dict) or not isinstance(item.get("case_id"), str):
                raise ValueError("not a feedback row")
            if item.get("verdict") not in VERDICT_GRADES:
                raise ValueError(f"unknown verdict {item.get('verdict')!r}")
            if item.get("instrument_id") not in navigator.catalogue.by_id:
                raise ValueError(f"unknown instrument {item.get('instrument_id')!r}")
            on = date.fromisoformat(str(item.get("evaluated_on")))
            if not date(2020, 1, 1) <= on <= date(2100, 1, 1):
                raise ValueError(f"evaluation date {on} out of range")
            parse_answers(item.get("answers"), on=on, known_ids=navigator.catalogue.by_id)
        except (ValueError, TypeError, InvalidInput) as error:
            skipped.append(f"row {number}: {error}")
            continue
        usable.append(item)
    return usable, skipped


def feedback_rows(feedback: Iterable[Any]) -> list[dict[str, Any]]:
    """Turn stored feedback into exportable training rows (one per verdict)."""
    return [
        {
            "case_id": f.case_id,
            "instrument_id": f.instrument_id,
            "verdict": f.verdict,
            "grade": VERDICT_GRADES[f.verdict],
            "answers": f.answers,
            "evaluated_on": f.evaluated_on,
            "catalogue_version": f.catalogue_version,
            # self-reported verdicts stay apart from outcomes an advisor confirmed
            "source": getattr(f, "source", "self"),
        }
        for f in feedback
    ]
