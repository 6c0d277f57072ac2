"""The compiled, incremental and batch paths give exactly what the interpreted engine gives.

Over generated valid, consistent profiles (what the API accepts) and dates around every date in
the rules, the compiled engine must return the reference's statuses, reasons and missing
fields; near-miss search (which re-evaluates only the conditions a change touches) the
reference's suggestions; the batch evaluation the reference's statuses; and the full advice
(learned ranks with cached predictions, near misses, the route with its incremental projections)
what the advice built on the interpreted engine and the model's own predictions gives.

CI runs a bounded number of examples; ``NAVIGATOR_EQUALITY_EXAMPLES=10000`` runs more by hand
(with ``NAVIGATOR_HYPOTHESIS=explore`` for fresh examples).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator import paths
from navigator.advice.advise import Advice, _near_misses, advise
from navigator.advice.route import RouteInputs, plan_route
from navigator.domain.answers import Answers, make_answers, parse_answers
from navigator.domain.consistency import contradictions
from navigator.domain.vocabulary import FIELDS
from navigator.ranking.artefact import latest, load
from navigator.ranking.learned import LearnedRanker, load_ranker
from navigator.recommend import Navigator, load_navigator, recommend
from navigator.rules import reference
from navigator.rules.batch import STATUSES, evaluate_batch
from navigator.rules.conditions import Compare, Node, Value, WithinYears
from navigator.rules.engine import evaluate_rule, rule_status
from navigator.rules.loader import Rulebook
from navigator.rules.nearmiss import NearMiss, near_misses
from tests.conftest import DATA

EXAMPLES = int(os.environ.get("NAVIGATOR_EQUALITY_EXAMPLES", "0"))
ENGINE_EXAMPLES = EXAMPLES or 120
ADVICE_EXAMPLES = EXAMPLES or 60

NAVIGATOR = load_navigator(paths.catalogue_path(), paths.rules_dir(), load_ranker())
BOOK = NAVIGATOR.rulebook
IDS = sorted(NAVIGATOR.catalogue.by_id)


def _dates(book: Rulebook) -> list[date]:
    """Every date the rules name, a day either side, and a few ordinary days."""
    named: set[date] = {date(2026, 1, 15), date(2026, 11, 23), date(2021, 6, 1)}
    parameters = [*book.common.parameters.values()]
    for rule in book.rules.values():
        named |= {rule.valid_from, *([rule.valid_until] if rule.valid_until else [])}
        parameters += rule.parameters.values()
        for track in rule.tracks:
            named |= {d for d in (track.valid_from, track.valid_until) if d}
            for condition in track.conditions:
                named |= {d for d in (condition.valid_from, condition.valid_until) if d}
    named |= {v.valid_from for p in parameters for v in p.values}
    return sorted({d + timedelta(days=k) for d in named for k in (-1, 0, 1)})


def _bounds(book: Rulebook) -> list[float]:
    """Every number a condition compares with, and its neighbours."""
    found: set[float] = set()

    def add(value: Value) -> None:
        if value.literal is not None:
            found.add(value.literal)

    nodes: list[Node] = [*book.predicate_nodes.values()]
    nodes += [c.test for r in book.rules.values() for t in r.tracks for c in t.conditions]
    nodes += [a.test for a in book.common.audiences.values()]
    while nodes:
        node = nodes.pop()
        if isinstance(node, Compare):
            add(node.bound)
        if isinstance(node, WithinYears):
            add(node.years)
        nodes += list(getattr(node, "parts", ()))
        if hasattr(node, "part"):
            nodes.append(node.part)
    parameters = [*book.common.parameters.values()]
    parameters += [p for r in book.rules.values() for p in r.parameters.values()]
    found |= {v.value for p in parameters for v in p.values}
    return sorted({max(0.0, b + d) for b in found for d in (-1.0, 0.0, 1.0)})


DATES = _dates(BOOK)
BOUNDS = _bounds(BOOK)


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = FIELDS[name]
    low, high = spec.minimum or 0.0, spec.maximum
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    if spec.kind == "int":
        top = int(high) if high is not None else 2026
        if name == "year_founded":
            return st.integers(1950, 2019) | st.sampled_from(range(2019, 2027))
        return st.integers(int(low), top)
    if spec.kind == "number":
        near = [b for b in BOUNDS if b >= low and (high is None or b <= high)]
        top = high if high is not None else 1e9
        return st.sampled_from(near) | st.floats(low, top, allow_nan=False)
    if spec.kind == "enum_list":
        values = st.lists(st.sampled_from(spec.values), unique=True, max_size=3)
        return values.map(lambda v: ("none",) if "none" in v else tuple(v))
    return st.lists(st.sampled_from(IDS), unique=True, max_size=3).map(tuple)


def _consistent(raw: dict[str, Any]) -> Answers:
    """Drop the answers a contradiction names until none is left (the API would refuse them)."""
    answers = make_answers(raw)
    while problems := contradictions(answers):
        answers = make_answers({k: v for k, v in answers.items() if k != problems[0].field})
    return answers


def _year_fits(answers: Answers, on: date) -> Answers:
    founded = answers.get("year_founded")
    if isinstance(founded, int) and founded > on.year:  # the API refuses a later year
        return make_answers({k: v for k, v in answers.items() if k != "year_founded"})
    return answers


def _journey(name: str) -> dict[str, Any]:
    raw = json.loads((DATA / f"journey-{name}.json").read_text(encoding="utf-8"))["answers"]
    return dict(parse_answers(raw, on=date(2026, 1, 15), known_ids=IDS))


JOURNEYS = [_journey(n) for n in ("software-bv", "manufacturer", "researcher", "scale-up")]


def _varied(base: dict[str, Any], drop: list[str], changes: dict[str, Any]) -> dict[str, Any]:
    return {**{k: v for k, v in base.items() if k not in drop}, **changes}


# Random answers (mostly unknown or ineligible) and variations of realistic journeys (which
# reach eligible instruments and near misses).
random_answers = st.fixed_dictionaries({}, optional={name: _value(name) for name in FIELDS})
journey_answers = st.builds(
    _varied,
    st.sampled_from(JOURNEYS),
    st.lists(st.sampled_from(sorted(FIELDS)), max_size=6),
    st.fixed_dictionaries({}, optional={name: _value(name) for name in FIELDS}).map(
        lambda d: dict(list(d.items())[:4])
    ),
)
profiles = (random_answers | journey_answers).map(_consistent)
on_dates = st.sampled_from([date(2026, 1, 15), date(2026, 11, 23)]) | st.sampled_from(DATES)
cases = st.tuples(profiles, on_dates).map(lambda c: (_year_fits(*c), c[1]))


def _key(misses: list[NearMiss]) -> list[tuple[str, list[tuple[str, object]]]]:
    return [(m.instrument_id, [(c.action.id, c.value) for c in m.changes]) for m in misses]


@settings(max_examples=ENGINE_EXAMPLES, deadline=None)
@given(case=cases)
def test_compiled_incremental_and_batch_paths_equal_the_interpreted_engine(
    case: tuple[Answers, date],
) -> None:
    answers, on = case
    batch = evaluate_batch(BOOK, [answers], on)
    for key, rule in BOOK.rules.items():
        expected = reference.evaluate_rule(BOOK, rule, answers, on)
        assert evaluate_rule(BOOK, rule, answers, on) == expected, key
        assert rule_status(BOOK, rule, answers, on) is expected.status, key
        assert reference.rule_status(BOOK, rule, answers, on) is expected.status, key
        assert STATUSES[batch[key][0]] is expected.status, key
        for most in (3, 1):
            found = near_misses(BOOK, rule, answers, on, NAVIGATOR.actions, max_changes=most)
            wanted = reference.near_misses(BOOK, rule, answers, on, NAVIGATOR.actions, most)
            assert _key(found) == _key(wanted), (key, most)


def test_a_batch_of_many_cases_equals_the_interpreted_engine() -> None:
    examples: list[tuple[Answers, date]] = []

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def collect(case: tuple[Answers, date]) -> None:
        examples.append(case)

    collect()
    for on in (date(2026, 1, 15), date(2021, 6, 1), DATES[0], DATES[-1]):
        batch = evaluate_batch(BOOK, [a for a, _ in examples], on)
        for key, rule in BOOK.rules.items():
            expected = [
                STATUSES.index(reference.rule_status(BOOK, rule, a, on)) for a, _ in examples
            ]
            assert batch[key].tolist() == expected, (key, on)


def _reference_advice(navigator: Navigator, answers: Answers, on: date) -> Advice:
    """The advice as built before compilation: interpreted engine, model's own predictions."""
    book = navigator.rulebook
    with patch("navigator.recommend.evaluate_rule", reference.evaluate_rule):
        recommendation = recommend(navigator, answers, on)
    with patch("navigator.advice.advise.near_misses", _reference_near_misses):
        misses = _near_misses(navigator, recommendation)
    evaluations = {r.evaluation.instrument_id: r.evaluation for r in recommendation.results}
    scores = {r.evaluation.instrument_id: r.score.value for r in recommendation.results}

    def evaluate_at(projected: Answers) -> dict[str, Any]:
        return {k: reference.rule_status(book, r, projected, on) for k, r in book.rules.items()}

    def near_miss_at(key: str, projected: Answers) -> NearMiss | None:
        found = reference.near_misses(book, book.rules[key], projected, on, navigator.actions, 1)
        return found[0] if found else None

    one_of = tuple(frozenset(c.instruments) for c in navigator.combinations if c.kind == "one_of")
    states = {r.evaluation.instrument_id: r.availability for r in recommendation.results}
    inputs = RouteInputs(
        navigator.catalogue.by_id,
        evaluations,
        misses,
        evaluate_at,
        near_miss_at,
        scores.__getitem__,
        one_of,
        states,
    )
    route = plan_route(inputs, answers, on)
    return Advice(recommendation, misses, route, [], [], [], "")


def _reference_near_misses(*args: Any, current: Any = None, **kwargs: Any) -> list[NearMiss]:
    return reference.near_misses(*args, **kwargs)


@pytest.fixture(scope="module")
def uncached() -> Navigator:
    """The same domain whose ranker asks the model for every row (no cell cache)."""
    path = latest()
    assert path is not None
    model, meta = load(path)  # scikit-learn's own model and predictions
    plain = LearnedRanker(model, meta)
    plain._predict = model.predict  # type: ignore[method-assign]
    return replace(NAVIGATOR, ranker=plain)


def _summary(advice: Advice) -> dict[str, Any]:
    results = advice.recommendation.results
    return {
        "ranks": [(r.rank, r.candidate.instrument.id, r.score) for r in results],
        "evaluations": [r.evaluation for r in results],
        "near_misses": {k: _key(v) for k, v in advice.near_misses.items()},
        "route": [
            (s.instrument.id, s.phase, s.status, s.evidence, s.after, s.note, _miss(s.near_miss))
            for s in advice.route.steps
        ],
    }


def _miss(miss: NearMiss | None) -> object:
    return _key([miss]) if miss else None


@settings(
    max_examples=ADVICE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=cases)
def test_the_fast_advice_equals_the_advice_of_the_interpreted_engine(
    uncached: Navigator, case: tuple[Answers, date]
) -> None:
    answers, on = case
    fast: Callable[[], Advice] = lambda: advise(NAVIGATOR, answers, on)  # noqa: E731
    assert _summary(fast()) == _summary(_reference_advice(uncached, answers, on))


def test_a_large_batch_is_evaluated_in_chunks_with_the_same_result(monkeypatch) -> None:
    from navigator.rules import batch as batch_module

    on = date(2026, 1, 15)
    profiles = [_consistent(j) for j in JOURNEYS] * 3 + [make_answers({})]
    whole = evaluate_batch(BOOK, batch_module.columns(profiles), on)
    monkeypatch.setattr(batch_module, "CHUNK", 5)
    chunked = evaluate_batch(BOOK, profiles, on)
    assert {k: v.tolist() for k, v in chunked.items()} == {k: v.tolist() for k, v in whole.items()}
    for key, rule in BOOK.rules.items():
        wanted = [STATUSES.index(rule_status(BOOK, rule, a, on)) for a in profiles]
        assert whole[key].tolist() == wanted, key
    counts = batch_module.status_counts(whole)
    assert all(sum(c.values()) == len(profiles) for c in counts.values())
    assert sum(c[STATUSES[0]] for c in counts.values()) > 0  # the journeys reach eligibility
