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
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator import paths
from navigator.domain.vocabulary import FIELDS
from navigator.recommend import Navigator, load_navigator
from navigator.studio import properties

# The same examples on every run (tests/conftest.py's profile), so a commit's verdict never
# changes by chance; NAVIGATOR_HYPOTHESIS=explore NAVIGATOR_PROPERTY_EXAMPLES=2000 searches with
# fresh random examples before a release (a failure found then becomes a rule case or a fix).
SETTINGS = settings(
    max_examples=int(os.environ.get("NAVIGATOR_PROPERTY_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


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
    return st.sampled_from(properties.AMOUNTS)


# The same company fields and values as the studio's fixed sample, drawn by hypothesis.
COMPANY_FIELDS = {
    name: st.sampled_from(values) for name, values in properties.COMPANY_VALUES.items()
}
companies = st.fixed_dictionaries(
    COMPANY_FIELDS, optional={name: _optional(name) for name in properties.OPTIONAL}
)


@SETTINGS
@given(profile=companies, years=st.integers(8, 60), factor=st.sampled_from((3, 10, 100)))
def test_an_older_larger_richer_company_never_enters_a_startup_or_sme_scheme(
    profile: dict[str, object], years: int, factor: int
) -> None:
    """Growing out of the audience (past the SME limits, past every starter age) never helps.

    Growth *within* the audience may: DHI asks for at least three people, so a one-person
    company that hires two more can become eligible; that is the scheme's own minimum.
    """
    assert properties.grows_out(live(), profile, years, factor) == []


@SETTINGS
@given(profile=companies)
def test_a_large_old_company_fits_no_startup_or_sme_track(profile: dict[str, object]) -> None:
    assert properties.large_old(live(), profile) == []


@SETTINGS
@given(profile=companies)
def test_a_started_project_never_gains_a_subsidy(profile: dict[str, object]) -> None:
    assert properties.started_project(live(), profile) == []


@SETTINGS
@given(profile=companies)
def test_a_company_outside_the_netherlands_never_enters_a_dutch_or_regional_scheme(
    profile: dict[str, object],
) -> None:
    assert properties.outside_nl(live(), profile) == []


@SETTINGS
@given(profile=companies, days=st.integers(1, 3000))
def test_an_ended_scheme_fits_no_one_after_its_end(profile: dict[str, object], days: int) -> None:
    assert properties.ended(live(), profile, days) == []


def test_every_ended_record_has_an_end_date_in_its_rule(navigator: Navigator) -> None:
    ended = [i.id for i in navigator.catalogue.instruments if i.window.status == "ended"]
    assert ended, "the catalogue keeps ended schemes to explain them"
    assert properties.ended_records_have_an_end(navigator) == []


def test_tracks_for_funds_buyers_and_researchers_say_no_once_the_role_says_otherwise(
    navigator: Navigator,
) -> None:
    """An entrepreneur is not unknown for a fund manager's tender: the role decides."""
    assert properties.role_tracks(navigator) == []


def test_the_studio_sample_passes_and_is_varied(navigator: Navigator) -> None:
    """The fixed sample the studio checks drafts with: the same every time, and varied."""
    sample = properties.sample_companies()
    assert sample == properties.sample_companies()
    assert len({p["province"] for p in sample}) >= 8 and any("project_started" in p for p in sample)
    assert properties.check_catalogue(navigator) == []
