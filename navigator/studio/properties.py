"""Catalogue-wide properties that follow from the official conditions, checked on a fixed
sample of company profiles: a company that grows older, larger or richer can only leave a
startup or SME scheme; a started project never gains a subsidy that requires applying first;
a company outside the Netherlands enters no Dutch or regional scheme; an ended scheme fits no
one after its end; tracks for funds, buyers and researchers say no once the role says
otherwise.

The test suite checks the same functions over profiles that hypothesis generates
(``tests/test_catalogue_properties.py``); the studio refuses to submit a draft that breaks
one of them on the sample.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from navigator.domain.answers import make_answers
from navigator.domain.vocabulary import FIELDS, PROVINCES
from navigator.recommend import Navigator
from navigator.rules.engine import Status, evaluate_rule, rule_status
from navigator.rules.schema import LIMITING_AUDIENCES, Rule

ON = date(2026, 6, 1)
EU_LEVEL = {"Europese Commissie"}
COMPANY_VALUES: dict[str, tuple[Any, ...]] = {
    "role": ("entrepreneur", "advisor"),
    "organisation_type": ("sole_proprietor", "partnership", "private_company"),
    "employees_fte": (1, 5, 12, 40, 120, 249),
    "annual_turnover_eur": (100_000, 2_000_000, 9_000_000, 30_000_000),
    "year_founded": tuple(range(2016, 2027)),
    "province": tuple(PROVINCES),
}
OPTIONAL = (
    "development_stage",
    "trl",
    "does_own_rd",
    "rd_staff_on_payroll",
    "rd_hours_per_year",
    "project_started",
    "collaboration",
    "applies_as_consortium",
    "spin_off_of_knowledge_institution",
    "funding_need_eur",
    "private_cofinancing_eur",
    "investor_letter_of_intent",
    "innovation_focus",
    "topsectors",
    "mission_themes",
    "key_technologies",
    "energy_or_climate_innovation",
    "international_ambition",
    "has_ip",
    "profit_from_own_innovation",
    "energy_saving_investment",
    "environmental_investment",
    "part_of_larger_group",
)
AMOUNTS = (0, 50_000, 150_000, 400_000, 1_500_000, 6_000_000)
Profile = dict[str, object]


def _optional_value(name: str, pick: random.Random) -> object:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return pick.random() < 0.5
    if spec.kind == "enum":
        return pick.choice(spec.values)
    if spec.kind == "enum_list":
        return tuple(pick.sample(list(spec.values), k=pick.randint(0, min(3, len(spec.values)))))
    if spec.kind == "int":
        return pick.randint(1, 9)
    return pick.choice(AMOUNTS)


def sample_companies(count: int = 40, seed: int = 2026) -> list[Profile]:
    """A fixed, varied sample of company profiles (the same on every run)."""
    pick = random.Random(seed)
    profiles = []
    for _ in range(count):
        profile: Profile = {name: pick.choice(values) for name, values in COMPANY_VALUES.items()}
        for name in OPTIONAL:
            if pick.random() < 0.5:
                profile[name] = _optional_value(name, pick)
        profiles.append(profile)
    return profiles


def statuses(navigator: Navigator, values: Profile, on: date = ON) -> dict[str, Status]:
    """Every rule's status for one profile."""
    answers = make_answers(values)  # type: ignore[arg-type]
    book = navigator.rulebook
    return {i: rule_status(book, rule, answers, on) for i, rule in book.rules.items()}


def limits_applicant(rule: Rule) -> bool:
    """Whether a track of the rule is for startups or SMEs only."""
    return any(set(track.audience) & LIMITING_AUDIENCES for track in rule.tracks)


def newly_eligible(before: dict[str, Status], after: dict[str, Status]) -> set[str]:
    """Instruments eligible after a change that were not before it."""
    return {
        i
        for i, status in after.items()
        if status is Status.ELIGIBLE and before.get(i) is not Status.ELIGIBLE
    }


def grows_out(navigator: Navigator, profile: Profile, years: int, factor: int) -> list[str]:
    """Growing out of the audience (past the SME limits and every starter age) never helps."""
    before = statuses(navigator, profile)
    grown = {
        **profile,
        "year_founded": int(profile["year_founded"]) - years,  # type: ignore[call-overload]
        "employees_fte": max(float(profile["employees_fte"]) * factor, 250),  # type: ignore[arg-type]
        "annual_turnover_eur": max(float(profile["annual_turnover_eur"]) * factor, 60_000_000),  # type: ignore[arg-type]
        "balance_sheet_total_eur": 100_000_000,
    }
    after = statuses(navigator, grown)
    limited = {i for i, rule in navigator.rulebook.rules.items() if limits_applicant(rule)}
    return [
        f"{i}: becomes eligible when the company grows out of the SME/startup audience"
        for i in sorted(newly_eligible(before, after) & limited)
    ]


def large_old(navigator: Navigator, profile: Profile) -> list[str]:
    """A large, old company fits no startup or SME track."""
    values: Profile = {
        **profile,
        "year_founded": 1960,
        "employees_fte": 5000,
        "annual_turnover_eur": 900_000_000,
        "balance_sheet_total_eur": 700_000_000,
    }
    answers = make_answers(values)  # type: ignore[arg-type]
    book = navigator.rulebook
    found = []
    for rule in book.rules.values():
        evaluation = evaluate_rule(book, rule, answers, ON)
        if evaluation.status is Status.ELIGIBLE:
            track = next(t for t in rule.tracks if t.id == evaluation.track)
            if set(track.audience) & LIMITING_AUDIENCES:
                found.append(
                    f"{rule.instrument}: track {track.id} fits a 5,000-FTE company of 1960"
                )
    return found


def started_project(navigator: Navigator, profile: Profile) -> list[str]:
    """A started project never gains a subsidy; one that requires applying first says no."""
    before = statuses(navigator, {**profile, "project_started": False})
    after = statuses(navigator, {**profile, "project_started": True})
    found = [
        f"{i}: becomes eligible once the project has started"
        for i in sorted(newly_eligible(before, after))
    ]
    for instrument, rule in navigator.rulebook.rules.items():
        exempt = any(not track.incentive_effect for track in rule.tracks)
        if rule.incentive_effect and not exempt and after[instrument] is not Status.INELIGIBLE:
            found.append(
                f"{instrument}: requires applying first, but a started project is not refused"
            )
    return found


def outside_nl(navigator: Navigator, profile: Profile) -> list[str]:
    """A company outside the Netherlands enters no Dutch or regional scheme (procurement is
    open to bidders from other EU countries by law)."""
    before = statuses(navigator, profile)
    after = statuses(navigator, {**profile, "province": "outside_nl"})
    dutch = {
        i.id
        for i in navigator.catalogue.instruments
        if i.body not in EU_LEVEL and i.award != "procurement"
    }
    wrong = (newly_eligible(before, after) & dutch) | {
        i for i in dutch if after[i] is Status.ELIGIBLE
    }
    return [f"{i}: fits a company established outside the Netherlands" for i in sorted(wrong)]


def ended(navigator: Navigator, profile: Profile, days: int) -> list[str]:
    """An ended scheme fits no one after its end."""
    answers = make_answers(profile)  # type: ignore[arg-type]
    book = navigator.rulebook
    return [
        f"{rule.instrument}: still fits {days} days after it ended"
        for rule in book.rules.values()
        if rule.valid_until is not None
        and rule_status(book, rule, answers, rule.valid_until + timedelta(days=days))
        is not Status.INELIGIBLE
    ]


def ended_records_have_an_end(navigator: Navigator) -> list[str]:
    """Every record shown as ended has an end date in its rule."""
    return [
        f"{i.id}: the record says ended, the rule has no valid_until"
        for i in navigator.catalogue.instruments
        if i.window.status == "ended" and navigator.rulebook.rules[i.id].valid_until is None
    ]


def role_tracks(navigator: Navigator) -> list[str]:
    """An entrepreneur is not unknown for a fund manager's, buyer's or researcher's track."""
    answers = make_answers({"role": "entrepreneur"})
    book = navigator.rulebook
    found = []
    for rule in book.rules.values():
        for track in rule.tracks:
            if {"fund_manager", "public_buyer", "researcher"} & set(track.audience):
                single = rule.model_copy(update={"tracks": [track]})
                if rule_status(book, single, answers, ON) is not Status.INELIGIBLE:
                    found.append(
                        f"{rule.instrument}: track {track.id} does not say no to an entrepreneur"
                    )
    return found


def check_catalogue(navigator: Navigator, count: int = 24) -> list[str]:
    """Every property over the fixed sample; the violations, each once."""
    found: list[str] = ended_records_have_an_end(navigator) + role_tracks(navigator)
    for number, profile in enumerate(sample_companies(count)):
        found += grows_out(navigator, profile, 8 + number % 50, (3, 10, 100)[number % 3])
        found += large_old(navigator, profile)
        found += started_project(navigator, profile)
        found += outside_nl(navigator, profile)
        found += ended(navigator, profile, 1 + number * 97 % 3000)
    return list(dict.fromkeys(found))
