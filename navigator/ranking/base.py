"""The ranking interface: a ranker scores candidates; it never decides eligibility.

The recommendation service keeps the tiers (eligible, then unknown, then ineligible) and
asks the ranker only to order candidates within a tier, so no ranker, learned or not, can
move an instrument across tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from navigator.domain.answers import Answers
from navigator.domain.catalogue import Instrument
from navigator.domain.text import Text
from navigator.rules.engine import Evaluation


@dataclass(frozen=True)
class Candidate:
    """An instrument together with its evaluation for one profile."""

    instrument: Instrument
    evaluation: Evaluation


@dataclass(frozen=True)
class Score:
    """A relevance score in [0, 1] with the main reasons for it, in plain language."""

    value: float
    why: tuple[Text, ...] = ()


@dataclass(frozen=True)
class RankerInfo:
    """What the ranker is, for the API response and the model card."""

    name: str
    version: str
    description: str


class Ranker(Protocol):
    """Scores candidates for one profile; higher is more relevant."""

    def score(self, answers: Answers, candidates: Sequence[Candidate], on: date) -> list[Score]:
        """Return one score per candidate, in the same order."""
        ...

    def info(self) -> RankerInfo:
        """Describe the ranker."""
        ...
