"""Catalogue-wide checks: data validates, ids agree, every rule is tested, every rule input is
asked by the wizard, and the record dates are consistent.

Whether a record is past its review date depends on the day one asks; that is the release gate
``navigator catalogue freshness``, tested on fixed dates in tests/unit/test_freshness.py."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from navigator import paths
from navigator.domain.vocabulary import FIELDS
from navigator.domain.vocabulary import PROVINCES as VOCABULARY_PROVINCES
from navigator.recommend import Navigator, check_ids
from navigator.rules.cases import load_all_cases
from navigator.wizard.steps import STEP_OF_FIELD

# The instrument ids fixed by shared/reference/profile.md for the foundation.
FOUNDATION_IDS = {
    "wbso",
    "innovatiebox",
    "innovatiekrediet",
    "vff",
    "mit-haalbaarheid",
    "mit-rd-samenwerking",
    "pps-toeslag",
    "seed-capital",
    "deep-tech-fonds",
    "take-off-1",
    "take-off-2",
    "eurostars",
    "eic-accelerator",
}


# Every id fixed by shared/reference/profile.md.
FIXED_IDS = FOUNDATION_IDS | {
    "eia",
    "mia-vamil",
    "seed-business-angel",
    "ttt",
    "dei-plus",
    "mooi",
    "dhi",
    "global-stars",
    "sde-plus-plus",
    "sbir",
    "innovatiepartnerschap",
    "startup-in-residence",
    "eic-pathfinder",
    "horizon-europe",
    "interreg",
    "edih",
    "invest-nl",
    "dutch-future-fund",
    "qredits",
    "bmkb",
    "go-regeling",
    "groeifaciliteit",
    "nationaal-groeifonds",
    "biotech-booster",
    "tno-mkb",
    "trade-and-innovate",
}
PROVINCES = set(VOCABULARY_PROVINCES)
ROUTING_ORGANISATIONS = {"rvo", "kvk", "tki", "tno-mkb", "edih", "fieldlabs", "techleap"}


def test_every_fixed_id_is_present(navigator: Navigator) -> None:
    assert sorted(FIXED_IDS - set(navigator.catalogue.by_id)) == []


def test_the_rom_funds_cover_all_twelve_provinces(navigator: Navigator) -> None:
    roms = [i for i in navigator.catalogue.instruments if i.id.startswith("rom-")]
    assert all(rom.regions for rom in roms), "a ROM record lists the provinces it serves"
    assert {p for rom in roms for p in rom.regions} == PROVINCES


def test_efro_programmes_and_regional_vff_are_regional(navigator: Navigator) -> None:
    efro = [i for i in navigator.catalogue.instruments if i.id.startswith("efro-")]
    assert len(efro) == 4 and {p for i in efro for p in i.regions} == PROVINCES
    assert "utrecht" in navigator.catalogue.by_id["vff-regionaal-utrecht"].regions


def test_routing_organisations_are_present(navigator: Navigator) -> None:
    assert set(navigator.catalogue.by_id) >= ROUTING_ORGANISATIONS
    assert any(i.id.startswith("rom-") for i in navigator.catalogue.instruments)


def test_ended_and_renamed_schemes_are_kept_with_their_dates(navigator: Navigator) -> None:
    ended = navigator.catalogue.by_id["corona-overbruggingslening"]
    assert ended.window.status == "ended"
    assert navigator.rulebook.rules[ended.id].valid_until is not None
    assert "PPS-toeslag" in navigator.catalogue.by_id["pps-toeslag"].name.nl


def test_catalogue_and_rules_describe_the_same_instruments(navigator: Navigator) -> None:
    assert check_ids(navigator.catalogue, navigator.rulebook) == []


def test_foundation_instruments_are_present(navigator: Navigator) -> None:
    assert set(navigator.catalogue.by_id) >= FOUNDATION_IDS


def _case_kinds() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for loaded in load_all_cases(paths.rule_cases_dir()):
        kinds[loaded.instrument].add(loaded.case.expect.status)
        kinds[loaded.instrument].update(loaded.case.tags)
    return kinds


@pytest.mark.parametrize("needed", ["eligible", "ineligible", "boundary"])
def test_every_rule_has_an_eligible_an_ineligible_and_a_boundary_case(
    navigator: Navigator, needed: str
) -> None:
    kinds = _case_kinds()
    lacking = sorted(i for i in navigator.rulebook.rules if needed not in kinds.get(i, set()))
    assert lacking == [], f"rules without a {needed} case"


def test_every_case_file_belongs_to_a_rule(navigator: Navigator) -> None:
    assert set(_case_kinds()) <= set(navigator.rulebook.rules)


def test_every_field_a_rule_reads_is_asked_by_the_wizard(navigator: Navigator) -> None:
    read = {
        f
        for rule in navigator.rulebook.rules.values()
        for f in navigator.rulebook.fields_read(rule)
    }
    assert read <= set(FIELDS)
    assert sorted(read - set(STEP_OF_FIELD)) == []


def test_records_are_not_checked_after_their_catalogue_version_or_dated_after_checking(
    navigator: Navigator,
) -> None:
    """Facts hold as of a date before checking; checking precedes the version's month end."""
    year, month, _ = (int(part) for part in navigator.version.split("."))
    first_of_next_month = date(year + month // 12, month % 12 + 1, 1)
    for item in navigator.catalogue.instruments:
        assert item.facts_as_of <= item.checked_on < first_of_next_month, item.id
        assert item.checked_on < item.review_by, item.id


def test_indicative_facts_are_listed_for_model_and_disputed_figures(navigator: Navigator) -> None:
    for item in navigator.catalogue.instruments:
        flagged = [a for a in item.amounts if a.quality == "model" or a.disputed]
        assert all(a.indicative for a in flagged)
        assert len(item.indicative) >= len(flagged)


def _who_profiles() -> list[dict[str, object]]:
    """Every concrete applicant: each role and legal form, with or without own R&D.

    Role and legal form are always given, so a question only an applicant who skipped them
    would see does not count as reachable.
    """
    from itertools import product

    roles = FIELDS["role"].values
    types = FIELDS["organisation_type"].values
    profiles = []
    for role, kind, rd in product(roles, types, (None, True, False)):
        values = {"role": role, "organisation_type": kind, "does_own_rd": rd}
        profiles.append({k: v for k, v in values.items() if v is not None})
    return profiles


def test_every_rule_input_is_asked_of_someone_the_rule_can_apply_to(navigator: Navigator) -> None:
    """For each track, an applicant the track does not exclude sees every question it reads."""
    from functools import partial

    from navigator.domain.answers import make_answers
    from navigator.rules.conditions import Env, Outcome
    from navigator.rules.loader import parameter_value
    from navigator.wizard.navigation import active_steps

    book = navigator.rulebook
    on = date(2026, 6, 1)
    unreachable = []
    for rule in book.rules.values():
        for track in rule.tracks:
            reached: set[str] = set()
            for profile in _who_profiles():
                answers = make_answers(profile)
                env = Env(answers, on, partial(parameter_value, book, rule), book.predicate_nodes)
                if any(c.test.evaluate(env).outcome is Outcome.NOT_MET for c in track.conditions):
                    continue
                reached |= {f for step in active_steps(answers) for f in step.fields}
            read = {f for c in track.conditions for f in _fields(book, c.test)}
            unreachable += [f"{rule.instrument}/{track.id}: {f}" for f in sorted(read - reached)]
    assert unreachable == []


def _fields(book, node) -> frozenset[str]:
    from navigator.rules.loader import _walk

    return _walk([node], book, lambda n: n.fields())
