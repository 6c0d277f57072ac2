"""The strict schema of rule files (``rules/<instrument>.yaml``) and of ``rules/_common.yaml``.

Unknown keys are rejected, dates must be ISO dates, ids are slugs and every condition is
parsed by ``navigator.rules.conditions`` at load time, so a typo in a field name or an enum
value fails when the rules are loaded, not when a user happens to hit it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from navigator.domain.text import Strict, Text
from navigator.rules.conditions import Node, parse_condition

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
NAME = r"^[a-z][a-z0-9_]*$"
URL = r"^https?://\S+$"

# Whom a track is for: tested on the applicant (the company, researcher, fund or buyer), never
# on the project. Definitions live in ``rules/_common.yaml`` under ``audiences``.
AudienceName = Literal[
    "starter",
    "sme",
    "small_enterprise",
    "enterprise",
    "researcher",
    "fund_manager",
    "public_buyer",
]
# Audiences that limit the applicant's age or size: a company that grows older or larger can
# only leave them, never enter them (checked by the catalogue-wide metamorphic tests).
LIMITING_AUDIENCES: frozenset[str] = frozenset({"starter", "sme", "small_enterprise"})

Test = Annotated[
    Node,
    BeforeValidator(parse_condition),
    WithJsonSchema({"type": "object", "description": "a condition (see docs/rules.md)"}),
]


class DataModel(Strict):
    """Strict model that may hold parsed condition nodes."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, arbitrary_types_allowed=True
    )


class DatedValue(DataModel):
    """A parameter value that holds from a date until the next value's date."""

    valid_from: date = Field(alias="from")
    value: float


class Parameter(DataModel):
    """A number that changes over time (a threshold, a ceiling, a percentage)."""

    description: Text
    source_url: Annotated[str, Field(pattern=URL)]
    values: list[DatedValue] = Field(min_length=1)
    indicative: bool = False

    @field_validator("values")
    @classmethod
    def _ascending(cls, values: list[DatedValue]) -> list[DatedValue]:
        dates = [v.valid_from for v in values]
        if dates != sorted(set(dates)):
            raise ValueError("values must be in ascending date order, each date once")
        return values

    def at(self, on: date) -> float | None:
        """Return the value in force on ``on``, or None before the first value."""
        current = None
        for item in self.values:
            if item.valid_from <= on:
                current = item.value
        return current


class Condition(DataModel):
    """One eligibility condition with the reason shown to the user."""

    id: Annotated[str, Field(pattern=NAME)]
    test: Test
    text: Text
    source_url: Annotated[str | None, Field(pattern=URL)] = None
    valid_from: date | None = None
    valid_until: date | None = None

    def in_force(self, on: date) -> bool:
        """Tell whether the condition applies on ``on``."""
        starts = self.valid_from is None or self.valid_from <= on
        return starts and (self.valid_until is None or on <= self.valid_until)


class Track(DataModel):
    """One way to reach the instrument: who applies, directly or via an intermediary."""

    id: Annotated[str, Field(pattern=NAME)]
    label: Text
    route: Literal["apply", "via"]
    via: Text | None = None
    # Whom this way is for; the loader puts one condition per audience before the track's own.
    audience: list[AudienceName] = Field(default_factory=list)
    # False: this track is exempt from the rule's incentive-effect test (e.g. a fund's tender).
    incentive_effect: bool = True
    # True for a way in through intermediaries that take applications all year (the funds a
    # scheme backs), whatever the record's window, which then describes the funds' own tender.
    open_all_year: bool = False
    conditions: list[Condition] = Field(default_factory=list)
    valid_from: date | None = None
    valid_until: date | None = None

    def in_force(self, on: date) -> bool:
        """Tell whether this way to the instrument is open on ``on``."""
        starts = self.valid_from is None or self.valid_from <= on
        return starts and (self.valid_until is None or on <= self.valid_until)

    @model_validator(mode="after")
    def _via_named(self) -> Track:
        if (self.route == "via") != (self.via is not None):
            raise ValueError("a 'via' track must name its intermediary in 'via', and only it")
        if not self.conditions and not self.audience:
            raise ValueError(f"track {self.id!r} needs an audience or at least one condition")
        ids = [c.id for c in self.conditions]
        if len(ids) != len(set(ids)):
            raise ValueError(f"condition ids repeat in track {self.id!r}")
        return self


class Rule(DataModel):
    """The eligibility rule of one instrument."""

    instrument: Annotated[str, Field(pattern=SLUG)]
    source_url: Annotated[str, Field(pattern=URL)]
    valid_from: date
    valid_until: date | None = None
    # The scheme's own words on whom it is for, and where they are published.
    audience_text: Text | None = None
    audience_source_url: Annotated[str | None, Field(pattern=URL)] = None
    # Apply before the project starts (GBER art. 6 or the scheme's own rules): the loader adds
    # the ``project_not_started`` test to every track that does not opt out.
    incentive_effect: bool = False
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    tracks: list[Track] = Field(min_length=1)
    not_checked: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        ids = [t.id for t in self.tracks]
        if len(ids) != len(set(ids)):
            raise ValueError("track ids repeat")
        return self

    def in_force(self, on: date) -> bool:
        """Tell whether the rule applies on ``on``."""
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def nodes(self) -> list[Node]:
        """Return every top-level condition node of every track."""
        return [c.test for t in self.tracks for c in t.conditions]


class Predicate(DataModel):
    """A named, reusable condition such as the EU SME test."""

    text: Text
    source_url: Annotated[str, Field(pattern=URL)]
    test: Test


class Audience(DataModel):
    """Whom a track is for, as a test of the applicant with the text that explains it.

    The text may name a parameter as ``{param:name}``; the loader inserts its value. Without
    a source of its own (a starter's age limit is each scheme's), the rule's source is cited.
    """

    text: Text
    source_url: Annotated[str | None, Field(pattern=URL)] = None
    test: Test


class Common(DataModel):
    """Parameters, predicates and audiences shared by all rules (``rules/_common.yaml``)."""

    parameters: dict[str, Parameter] = Field(default_factory=dict)
    predicates: dict[str, Predicate] = Field(default_factory=dict)
    audiences: dict[AudienceName, Audience] = Field(default_factory=dict)


def rule_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a rule file, for editors."""
    return Rule.model_json_schema(by_alias=True)
