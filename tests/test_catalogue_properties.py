"""Metamorphic properties of the whole catalogue, over generated company profiles.

Each property follows from the official conditions, not from any one rule's cases: a company
that grows older, larger or richer can only leave a startup or SME scheme; a project that has
started can only lose a subsidy that requires applying first; a company outside the Netherlands
cannot enter a Dutch or regional scheme; an ended scheme fits no one. These would have caught
the systematic errors of catalogue 2026.11.3 (startup funds for 40-year-old manufacturers,
DEI+ for started projects, the Groeifonds among the fits).
"""

from __future__ import annotations

import os
from datetime import date
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator import paths
from navigator.domain.answers import make_answers
from navigator.domain.vocabulary import FIELDS, PROVINCES
from navigator.recommend import Navigator, load_navigator
from navigator.rules.engine import Status, evaluate_rule, rule_status
from navigator.rules.schema import LIMITING_AUDIENCES, Rule

ON = date(2026, 6, 1)
# The same examples on every run (tests/conftest.py's profile), so a commit's verdict never
# changes by chance; NAVIGATOR_HYPOTHESIS=explore NAVIGATOR_PROPERTY_EXAMPLES=2000 searches with
# fresh random examples before a release (a failure found then becomes a rule case or a fix).
SETTINGS = settings(
    max_examples=int(os.environ.get("NAVIGATOR_PROPERTY_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
EU_LEVEL = {"Europese Commissie"}


@cache
def live() -> Navigator:
    """The repository's catalogue and rules (not a fixture: hypothesis prints its arguments)."""
    return load_navigator(paths.catalogue_path(), paths.rules_dir())


def _optional(name: str) -> st.SearchStrategy[object]:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    if spec.kind == "enum_list":
        return st.lists(st.sampled_from(spec.values), unique=True, max_size=3).map(tuple)
    if spec.kind == "int":
        return st.integers(1, 9)
    return st.sampled_from((0, 50_000, 150_000, 400_000, 1_500_000, 6_000_000))


COMPANY_FIELDS = {
    "role": st.sampled_from(("entrepreneur", "advisor")),
    "organisation_type": st.sampled_from(("sole_proprietor", "partnership", "private_company")),
    "employees_fte": st.sampled_from((1, 5, 12, 40, 120, 249)),
    "annual_turnover_eur": st.sampled_from((100_000, 2_000_000, 9_000_000, 30_000_000)),
    "year_founded": st.integers(2016, 2026),
    "province": st.sampled_from(PROVINCES),
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
companies = st.fixed_dictionaries(
    COMPANY_FIELDS, optional={name: _optional(name) for name in OPTIONAL}
)


def _statuses(navigator: Navigator, values: dict[str, object]) -> dict[str, Status]:
    answers = make_answers(values)
    book = navigator.rulebook
    return {i: rule_status(book, rule, answers, ON) for i, rule in book.rules.items()}


def _limits_applicant(rule: Rule) -> bool:
    return any(set(track.audience) & LIMITING_AUDIENCES for track in rule.tracks)


def _newly_eligible(before: dict[str, Status], after: dict[str, Status]) -> set[str]:
    return {
        i
        for i, status in after.items()
        if status is Status.ELIGIBLE and before[i] is not Status.ELIGIBLE
    }


@SETTINGS
@given(profile=companies, years=st.integers(8, 60), factor=st.sampled_from((3, 10, 100)))
def test_an_older_larger_richer_company_never_enters_a_startup_or_sme_scheme(
    profile: dict[str, object], years: int, factor: int
) -> None:
    """Growing out of the audience (past the SME limits, past every starter age) never helps.

    Growth *within* the audience may: DHI asks for at least three people, so a one-person
    company that hires two more can become eligible; that is the scheme's own minimum.
    """
    navigator = live()
    before = _statuses(navigator, profile)
    fte = float(profile["employees_fte"]) * factor  # type: ignore[arg-type]
    turnover = float(profile["annual_turnover_eur"]) * factor  # type: ignore[arg-type]
    grown = {
        **profile,
        "year_founded": int(profile["year_founded"]) - years,  # type: ignore[call-overload]
        "employees_fte": max(fte, 250),
        "annual_turnover_eur": max(turnover, 60_000_000),
        "balance_sheet_total_eur": 100_000_000,
    }
    after = _statuses(navigator, grown)
    limited = {i for i, rule in navigator.rulebook.rules.items() if _limits_applicant(rule)}
    assert _newly_eligible(before, after) & limited == set()


@SETTINGS
@given(profile=companies)
def test_a_large_old_company_fits_no_startup_or_sme_track(profile: dict[str, object]) -> None:
    navigator = live()
    large_old = {
        **profile,
        "year_founded": 1960,
        "employees_fte": 5000,
        "annual_turnover_eur": 900_000_000,
        "balance_sheet_total_eur": 700_000_000,
    }
    answers = make_answers(large_old)
    book = navigator.rulebook
    for rule in book.rules.values():
        evaluation = evaluate_rule(book, rule, answers, ON)
        if evaluation.status is Status.ELIGIBLE:
            track = next(t for t in rule.tracks if t.id == evaluation.track)
            assert not set(track.audience) & LIMITING_AUDIENCES, (rule.instrument, track.id)


@SETTINGS
@given(profile=companies)
def test_a_started_project_never_gains_a_subsidy(profile: dict[str, object]) -> None:
    navigator = live()
    before = _statuses(navigator, {**profile, "project_started": False})
    after = _statuses(navigator, {**profile, "project_started": True})
    assert _newly_eligible(before, after) == set()
    for instrument, rule in navigator.rulebook.rules.items():
        exempt = any(not track.incentive_effect for track in rule.tracks)
        if rule.incentive_effect and not exempt:
            assert after[instrument] is Status.INELIGIBLE, instrument


@SETTINGS
@given(profile=companies)
def test_a_company_outside_the_netherlands_never_enters_a_dutch_or_regional_scheme(
    profile: dict[str, object],
) -> None:
    navigator = live()
    before = _statuses(navigator, profile)
    after = _statuses(navigator, {**profile, "province": "outside_nl"})
    # Public procurement is open to bidders from other EU countries by law, so it is left out.
    dutch = {
        i.id
        for i in navigator.catalogue.instruments
        if i.body not in EU_LEVEL and i.award != "procurement"
    }
    assert _newly_eligible(before, after) & dutch == set()
    assert {i for i in dutch if after[i] is Status.ELIGIBLE} == set()


@SETTINGS
@given(profile=companies, days=st.integers(1, 3000))
def test_an_ended_scheme_fits_no_one_after_its_end(profile: dict[str, object], days: int) -> None:
    navigator = live()
    from datetime import timedelta

    answers = make_answers(profile)
    book = navigator.rulebook
    for rule in book.rules.values():
        if rule.valid_until is not None:
            later = rule.valid_until + timedelta(days=days)
            assert rule_status(book, rule, answers, later) is Status.INELIGIBLE, rule.instrument


def test_every_ended_record_has_an_end_date_in_its_rule(navigator: Navigator) -> None:
    ended = [i.id for i in navigator.catalogue.instruments if i.window.status == "ended"]
    assert ended, "the catalogue keeps ended schemes to explain them"
    assert [i for i in ended if navigator.rulebook.rules[i].valid_until is None] == []


def test_tracks_for_funds_buyers_and_researchers_say_no_once_the_role_says_otherwise(
    navigator: Navigator,
) -> None:
    """An entrepreneur is not unknown for a fund manager's tender: the role decides."""
    answers = make_answers({"role": "entrepreneur"})
    book = navigator.rulebook
    for rule in book.rules.values():
        for track in rule.tracks:
            if {"fund_manager", "public_buyer", "researcher"} & set(track.audience):
                single = rule.model_copy(update={"tracks": [track]})
                status = rule_status(book, single, answers, ON)
                assert status is Status.INELIGIBLE, (rule.instrument, track.id)
