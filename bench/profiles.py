"""Varied, valid random profiles for benchmarks (seeded, so runs are comparable)."""

from __future__ import annotations

import random
from typing import Any

from navigator.domain.vocabulary import FIELDS


def random_profile(rng: random.Random, instrument_ids: list[str]) -> dict[str, Any]:
    """Answer a random subset of the fields with random valid values."""
    answers: dict[str, Any] = {}
    for name, spec in FIELDS.items():
        if rng.random() < 0.35:
            continue
        if spec.kind == "bool":
            answers[name] = rng.random() < 0.5
        elif spec.kind == "enum":
            answers[name] = rng.choice(spec.values)
        elif spec.kind == "int":
            answers[name] = rng.randint(1, 9) if name == "trl" else rng.randint(1990, 2026)
        elif spec.kind == "number":
            answers[name] = round(10 ** rng.uniform(0, 7), 2)
        elif spec.kind == "enum_list":
            answers[name] = rng.sample(spec.values, rng.randint(0, min(3, len(spec.values))))
        else:
            answers[name] = rng.sample(instrument_ids, rng.randint(0, 2))
    if answers.get("collaboration") and "none" in answers["collaboration"]:
        answers["collaboration"] = ["none"]
    return answers
