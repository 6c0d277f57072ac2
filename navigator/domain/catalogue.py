"""The catalogue of instruments (``instruments.json``): strict schema and loader.

Every record carries its official source URL, the date its facts hold for ("facts as of")
and a review date. Facts that the fact sheet marks MODEL (unverified) or ⚠ (disputed or
possibly outdated) are flagged ``indicative`` and must be shown as such.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator

from navigator.domain.datafiles import DataFileError, format_validation_error
from navigator.domain.text import Strict, Text
from navigator.domain.vocabulary import FIELDS, PROVINCES

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL = r"^https?://\S+$"

Kind = Literal["subsidy", "tax", "loan", "equity", "guarantee", "procurement", "network"]
Quality = Literal["official", "secondary", "model"]
WindowStatus = Literal["open", "call", "closed", "ended"]
WindowMode = Literal["continuous", "first_come", "deadline", "tender", "per_call", "none"]
# How an eligible applicant gets it. Only an "entitlement" is granted to whoever meets the
# conditions (the tax schemes); everything else is decided per application by someone.
Award = Literal[
    "entitlement", "assessed", "committee", "competitive", "investment", "procurement", "advice"
]


def _member_of(field: str, exclude: tuple[str, ...] = ()) -> AfterValidator:
    """Restrict a string to the values of an answers-vocabulary field.

    The catalogue uses the vocabulary's own values (provinces, stages, themes), so a record can
    never name a value that no answer could match.
    """
    allowed = tuple(v for v in FIELDS[field].values if v not in exclude)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return AfterValidator(check)


Stage = Annotated[str, _member_of("development_stage")]
Region = Annotated[str, _member_of("province", exclude=("outside_nl",))]
Topsector = Annotated[str, _member_of("topsectors")]
Mission = Annotated[str, _member_of("mission_themes")]
KeyTechnology = Annotated[str, _member_of("key_technologies")]
REGIONS: tuple[str, ...] = PROVINCES
STAGES: tuple[str, ...] = FIELDS["development_stage"].values


class Fact(Strict):
    """Source quality of a fact; MODEL or disputed facts are indicative."""

    quality: Quality
    disputed: bool = False

    @property
    def indicative(self) -> bool:
        """Tell whether the fact must be shown as indicative, never as certain."""
        return self.quality == "model" or self.disputed


class Amount(Fact):
    """An amount, range or percentage, with the year it holds for."""

    label: Text
    min_eur: Annotated[float, Field(ge=0)] | None = None
    max_eur: Annotated[float, Field(ge=0)] | None = None
    percentage: Annotated[float, Field(gt=0, le=100)] | None = None
    year: Annotated[int, Field(ge=2000, le=2100)]
    note: Text | None = None
    # "award": what an applicant can get; "context": interest, fund-level or project-size figures.
    scope: Literal["award", "context"] = "award"

    @model_validator(mode="after")
    def _has_figure(self) -> Amount:
        if self.min_eur is None and self.max_eur is None and self.percentage is None:
            raise ValueError("an amount needs min_eur, max_eur or percentage")
        if self.min_eur is not None and self.max_eur is not None and self.min_eur > self.max_eur:
            raise ValueError("min_eur is above max_eur")
        # The label is what users read: it must state the figure, not only name it.
        if not (
            any(c.isdigit() for c in self.label.nl) and any(c.isdigit() for c in self.label.en)
        ):
            raise ValueError("an amount's label must state its figure in both languages")
        return self


class Application(Strict):
    """How one applies: directly, or via a named intermediary."""

    route: Literal["direct", "via"]
    via: Text | None = None
    how: Text
    url: Annotated[str, Field(pattern=URL)]

    @model_validator(mode="after")
    def _via_named(self) -> Application:
        if (self.route == "via") != (self.via is not None):
            raise ValueError("route 'via' needs the intermediary named in 'via', and only it")
        return self


class Deadline(Fact):
    """A dated deadline within an open window (e.g. WBSO's 20 December for January periods)."""

    due: date
    label: Text


class Round(Fact):
    """One dated application round or cut-off.

    ``opens`` is None for a cut-off of a window that is open until it (EIC, Eurostars): it
    then opens the day after the previous round closes. ``expected`` marks a round that has
    been announced but not yet confirmed.
    """

    opens: date | None = None
    closes: date | None = None
    label: Text
    expected: bool = False

    @model_validator(mode="after")
    def _dated(self) -> Round:
        if self.opens is None and self.closes is None:
            raise ValueError("a round needs opens, closes or both")
        if self.opens and self.closes and self.opens > self.closes:
            raise ValueError("round opens after it closes")
        return self


class Window(Fact):
    """When one can apply."""

    status: WindowStatus
    mode: WindowMode
    opens: date | None = None
    closes: date | None = None
    note: Text
    deadlines: list[Deadline] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self) -> Window:
        if self.opens and self.closes and self.opens > self.closes:
            raise ValueError("window opens after it closes")
        if self.status == "call" and self.closes is None:
            raise ValueError("a call needs a closing date")
        return self


class Prerequisite(Fact):
    """Another instrument that must (``required``) or usually does (``usual``) come first."""

    instrument: Annotated[str, Field(pattern=SLUG)]
    relation: Literal["required", "usual"]
    text: Text


class Source(Strict):
    """A page read when the record was (re-)checked, and what it was used for."""

    url: Annotated[str, Field(pattern=URL)]
    official: bool
    page_date: date | None = None
    used_for: Annotated[str, Field(min_length=3, max_length=600)]


StateAid = Literal["not_aid", "gber", "de_minimis", "other", "unknown"]


class Focus(Strict):
    """The themes a themed instrument is for (empty: open to every theme)."""

    topsectors: list[Topsector] = Field(default_factory=list)
    mission_themes: list[Mission] = Field(default_factory=list)
    key_technologies: list[KeyTechnology] = Field(default_factory=list)
    climate: bool = False


class Instrument(Strict):
    """One funding instrument, programme or routing organisation."""

    id: Annotated[str, Field(pattern=SLUG)]
    name: Text
    kind: Kind
    also: list[Kind] = Field(default_factory=list)
    award: Award
    body: Annotated[str, Field(min_length=2, max_length=40)]
    administered_by: Text
    description: Text
    amounts: list[Amount] = Field(default_factory=list)
    application: Application
    window: Window
    regions: list[Region] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    source_url: Annotated[str, Field(pattern=URL)]
    # Every page read at the last re-check (the record's facts cite the newest of them).
    sources: list[Source] = Field(default_factory=list)
    facts_as_of: date
    checked_on: date
    review_by: date
    indicative_facts: list[Text] = Field(default_factory=list)
    replaced_by: Annotated[str, Field(pattern=SLUG)] | None = None
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    state_aid: StateAid = "unknown"
    state_aid_quality: Quality = "model"
    focus: Focus = Field(default_factory=Focus)

    def amounts_on(self, on: date) -> list[Amount]:
        """Return the amounts of the latest year up to ``on`` (the earliest year if all are later).

        Figures are keyed by the year they hold for, so a profile evaluated on 2024-06-01 sees
        the 2024 figures and one evaluated on 2026-01-15 the 2026 figures.
        """
        key = (id(self), on.year)
        known = _AMOUNTS_ON.get(key)
        if known is not None and known[0] is self:  # a record is immutable: found once a year
            return list(known[1])
        years = sorted({a.year for a in self.amounts})
        past = [y for y in years if y <= on.year]
        year = past[-1] if past else (years[0] if years else None)
        found = [a for a in self.amounts if a.year == year]
        if len(_AMOUNTS_ON) >= 8192:
            _AMOUNTS_ON.clear()
        _AMOUNTS_ON[key] = (self, tuple(found))
        return found

    @property
    def national(self) -> bool:
        """Tell whether the instrument serves the whole country (no region list)."""
        return not self.regions

    @property
    def indicative(self) -> list[str]:
        """Describe, in English, which facts of this record are indicative."""
        found = [f"amount '{a.label.en}' ({a.year})" for a in self.amounts if a.indicative]
        if self.window.indicative:
            found.append("application window")
        return found + [t.en for t in self.indicative_facts]


_AMOUNTS_ON: dict[tuple[int, int], tuple[Instrument, tuple[Amount, ...]]] = {}


class Catalogue(Strict):
    """The whole catalogue: a version and its instruments."""

    catalogue_version: Annotated[str, Field(pattern=r"^\d{4}\.\d{2}\.\d+$")]
    instruments: list[Instrument] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        ids = [i.id for i in self.instruments]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"instrument ids repeat: {', '.join(repeated)}")
        for item in self.instruments:
            if item.replaced_by and item.replaced_by not in ids:
                raise ValueError(
                    f"{item.id}: replaced_by {item.replaced_by!r} is not in the catalogue"
                )
            for prerequisite in item.prerequisites:
                if prerequisite.instrument not in ids or prerequisite.instrument == item.id:
                    name = prerequisite.instrument
                    raise ValueError(f"{item.id}: prerequisite {name!r} is not another instrument")
        return self

    def get(self, instrument_id: str) -> Instrument | None:
        """Return the instrument with this id, if any."""
        return self.by_id.get(instrument_id)

    @cached_property
    def by_id(self) -> dict[str, Instrument]:
        """Return the instruments keyed by id."""
        return {i.id: i for i in self.instruments}


def _reject_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise DataFileError(f"duplicate key {repeated[0]!r}")
    return dict(pairs)


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate ``instruments.json``.

    Raises:
        DataFileError: listing every problem, one per line.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_reject_duplicate_keys)
        return Catalogue.model_validate(raw)
    except DataFileError as error:
        raise DataFileError(f"{path.name}: {error}") from None
    except json.JSONDecodeError as error:
        raise DataFileError(f"{path.name}: invalid JSON: {error}") from None
    except ValidationError as error:
        raise DataFileError("\n".join(format_validation_error(path.name, error))) from None
