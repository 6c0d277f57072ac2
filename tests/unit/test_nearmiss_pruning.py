"""Near-miss search tries only changes to fields of unmet conditions; the suggestions are exactly
those of the full search (the reference), over generated profiles and the whole catalogue."""

from __future__ import annotations

import random
from datetime import date

from bench.profiles import random_profile
from navigator.domain.answers import InvalidInput, parse_answers
from navigator.domain.consistency import contradictions
from navigator.recommend import Navigator
from navigator.rules.nearmiss import near_misses

ON = date(2026, 11, 23)


def _key(misses) -> list[tuple[str, list[tuple[str, object]]]]:
    return [(m.instrument_id, [(c.action.id, c.value) for c in m.changes]) for m in misses]


def test_pruned_near_misses_equal_the_full_search(rule_navigator: Navigator) -> None:
    book, ids = rule_navigator.rulebook, list(rule_navigator.catalogue.by_id)
    rng = random.Random(20261129)
    compared = found = 0
    while compared < 60:
        try:
            answers = parse_answers(random_profile(rng, ids), on=ON, known_ids=ids)
        except InvalidInput:
            continue
        if contradictions(answers):
            continue
        compared += 1
        for rule in book.rules.values():
            pruned = near_misses(book, rule, answers, ON, rule_navigator.actions)
            full = near_misses(book, rule, answers, ON, rule_navigator.actions, prune=False)
            assert _key(pruned) == _key(full), (rule.instrument, dict(answers))
            found += bool(full)
    assert found > 100  # the profiles exercise many suggestions
