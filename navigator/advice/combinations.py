"""Rules of combination between instruments (``rules/_combinations.yaml``), with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from navigator.domain.catalogue import Quality, StateAid
from navigator.domain.datafiles import load_validated
from navigator.domain.text import Strict, Text

URL = r"^https?://\S+$"


class Combination(Strict):
    """A rule about combining instruments."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    kind: Literal["not_same_costs", "one_of", "combinable", "cumulation_limit"]
    instruments: list[str] = Field(default_factory=list)
    state_aid: StateAid | None = None
    quality: Quality
    source_url: Annotated[str, Field(pattern=URL)]
    text: Text

    @model_validator(mode="after")
    def _targets(self) -> Combination:
        if self.kind == "cumulation_limit":
            if self.state_aid is None or self.instruments:
                raise ValueError("a cumulation_limit names a state_aid basis, not instruments")
        elif len(self.instruments) < 2 or self.state_aid is not None:
            raise ValueError("a combination names at least two instruments")
        return self


class Combinations(Strict):
    """The file of combination rules."""

    combinations: list[Combination] = Field(min_length=1)


def load_combinations(path: Path) -> tuple[Combination, ...]:
    """Read ``rules/_combinations.yaml`` strictly."""
    return tuple(load_validated(path, Combinations).combinations)
