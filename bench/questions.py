"""How many questions the adaptive wizard asks, against today's fixed order, for the same result.

Profiles: the journey personas in tests/data; seeded random valid profiles (every role and legal
form, about one answer in seven "I don't know", consistent by the wizard's checks); and, with
``--judged``, the 220 realistic judged profiles of data/ranking/profiles.jsonl (also per
archetype). For each, the full questionnaire's result is the recommendation on the answers the
fixed order keeps; the adaptive walk answers its pages from the same profile. "The same result"
means every offered instrument (fit or advice) has the same results-page group and track (way
in); the group follows from the status.

Columns: questions asked until the walk stops; questions until the first page after which the
result is already the full one (not yet *known* to be: later answers could still have changed
it); and "certify", an estimate of the fewest questions any order needs to *certify* the full
result. "Certify" is the size of the smallest of two irreducible certifying sets: starting from
the questions the adaptive walk asked, and from all the fixed order asked, each non-routing
question is dropped in turn (last asked first) when, with only the kept questions asked
(answered from the profile, or "I don't know" where the profile has no value), the adaptive
wizard would still ask nothing more (``next_page`` is None: every instrument that could be
offered is decided or waits only on questions already asked) and the result equals the full one.
It counts the routing questions asked. It knows the answers in advance, so no order that must
ask before it knows can be expected to reach it; and it is irreducible, not proven minimum, so
the true minimum may lie a little lower.

Usage: .venv/bin/python bench/questions.py [--profiles 300] [--seed N] [--judged]
Not a test: it prints figures (tests/unit/test_adaptive.py asserts equality on a smaller set).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.profiles import random_profile  # noqa: E402
from navigator import paths  # noqa: E402
from navigator.domain.answers import Answers, make_answers, parse_answers  # noqa: E402
from navigator.domain.consistency import clashing_checks  # noqa: E402
from navigator.recommend import FIT_GROUPS, Navigator, load_navigator, recommend  # noqa: E402
from navigator.wizard.adaptive import (  # noqa: E402
    ROUTING_FIELDS,
    Walk,
    fixed_walk,
    open_questions,
    routing_page,
    walk,
)
from navigator.wizard.navigation import effective_answers  # noqa: E402

ON = date(2026, 1, 15)
OFFERED = (*FIT_GROUPS, "advice")


def percentile(values: list[int], share: float) -> int:
    """Return the value below which ``share`` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def personas() -> dict[str, Answers]:
    """Return the journey personas of tests/data, by file name."""
    found = {}
    for path in sorted((ROOT / "tests" / "data").glob("journey-*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))["answers"]
        found[path.stem] = parse_answers(raw, on=ON, known_ids=_ids())
    return found


def _ids() -> list[str]:
    return [
        i.id
        for i in load_navigator(paths.catalogue_path(), paths.rules_dir()).catalogue.instruments
    ]


def generated(count: int, ids: list[str], seed: int = 20261129) -> Iterator[Answers]:
    """Yield ``count`` valid, consistent profiles, as the fixed order would keep them."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        raw: dict[str, Any] = random_profile(rng, ids)
        # Someone going through the whole wizard answers most questions.
        for name in list(raw):
            if rng.random() < 0.15:
                del raw[name]
        raw["role"] = rng.choice(["entrepreneur"] * 4 + ["researcher", "advisor", "fund_manager"])
        answers = parse_answers(raw, on=ON, known_ids=ids)
        if clashing_checks(answers):
            continue
        made += 1
        yield effective_answers(answers)


def judged(ids: list[str]) -> Iterator[tuple[str, Answers]]:
    """Yield the judged profiles of data/ranking/profiles.jsonl with their archetype."""
    path = ROOT / "data" / "ranking" / "profiles.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield (
            row["archetype"],
            effective_answers(parse_answers(row["answers"], on=ON, known_ids=ids)),
        )


def result(navigator: Navigator, answers: Answers) -> dict[str, tuple[str, str]]:
    """Return what the results page offers: each fit or advice instrument, its group and track."""
    rec = recommend(navigator, answers, ON)
    return {
        r.candidate.instrument.id: (r.group, r.evaluation.track)
        for r in rec.results
        if r.group in OFFERED
    }


@dataclass(frozen=True)
class Comparison:
    """Questions asked by each order, questions until the full result, and what differs."""

    fixed_asked: int
    fixed_to_result: int
    adaptive_asked: int
    adaptive_to_result: int
    certify: int
    differ: list[str]


def _to_result(navigator: Navigator, journey: Walk, full: dict[str, tuple[str, str]]) -> int:
    """Return the questions asked by the first page after which the result is the full one."""
    if result(navigator, make_answers({})) == full:
        return 0
    for answers, asked in journey.pages:
        if result(navigator, effective_answers(answers)) == full:
            return asked
    return journey.questions


def _certified(
    navigator: Navigator, profile: Answers, asked: Sequence[str], full: dict[str, tuple[str, str]]
) -> bool:
    """Tell whether asking just ``asked`` settles the full result and leaves nothing to ask."""
    answers = make_answers({name: profile[name] for name in asked if name in profile})
    # What makes next_page None, without choosing a next question.
    if open_questions(navigator, answers, asked, ON) or routing_page(answers, asked):
        return False
    return result(navigator, effective_answers(answers)) == full


def certifying(
    navigator: Navigator, profile: Answers, asked: Sequence[str], full: dict[str, tuple[str, str]]
) -> list[str]:
    """Return an irreducible subset of ``asked`` (which must certify) that still certifies."""
    kept = list(asked)
    for name in reversed(asked):
        if name in ROUTING_FIELDS:
            continue
        trial = [f for f in kept if f != name]
        if _certified(navigator, profile, trial, full):
            kept = trial
    return kept


def compare(navigator: Navigator, profile: Answers) -> Comparison:
    """Walk both orders for one profile (as the fixed order keeps it) and compare."""
    full = result(navigator, profile)
    adaptive = walk(navigator, profile, ON)
    fixed = fixed_walk(profile)
    short = result(navigator, effective_answers(adaptive.answers))
    differ = sorted(i for i in full.keys() | short.keys() if full.get(i) != short.get(i))
    sets = [certifying(navigator, profile, adaptive.asked, full)] if not differ else []
    if _certified(navigator, profile, fixed.asked, full):
        sets.append(certifying(navigator, profile, fixed.asked, full))
    return Comparison(
        fixed.questions,
        _to_result(navigator, fixed, full),
        adaptive.questions,
        _to_result(navigator, adaptive, full),
        min((len(kept) for kept in sets), default=fixed.questions),
        differ,
    )


def _line(label: str, values: list[int]) -> str:
    median, p90 = statistics.median(values), percentile(values, 0.9)
    return f"  {label:<42} median {median:>4g}   p90 {p90:>3}"


def report(title: str, rows: list[Comparison]) -> None:
    """Print median and p90 of each count, and every differing result."""
    for row in rows:
        if row.differ:
            print("differs:", row.differ)
    print(f"{len(rows)} {title}; questions")
    print(_line("fixed order, asked in all", [r.fixed_asked for r in rows]))
    print(_line("fixed order, until the full result", [r.fixed_to_result for r in rows]))
    print(_line("adaptive, asked until it stops", [r.adaptive_asked for r in rows]))
    print(_line("adaptive, until the full result", [r.adaptive_to_result for r in rows]))
    print(_line("certify (estimated fewest, knowing answers)", [r.certify for r in rows]))
    print(f"profiles whose adaptive result differs: {sum(bool(r.differ) for r in rows)}")


def by_archetype(rows: list[tuple[str, Comparison]]) -> None:
    """Print, per archetype, the median questions: fixed, adaptive, until the result, certify."""
    groups: dict[str, list[Comparison]] = defaultdict(list)
    for archetype, row in rows:
        groups[archetype].append(row)
    head = ("n", "fixed", "adaptive", "p90", "result", "certify")
    print(f"  {'archetype (medians)':<24}" + "".join(f"{h:>9}" for h in head))
    for archetype, group in groups.items():
        asked = [r.adaptive_asked for r in group]
        fixed = statistics.median([r.fixed_asked for r in group])
        print(
            f"  {archetype:<24} {len(group):>8} {fixed:>8g}"
            f" {statistics.median(asked):>8g} {percentile(asked, 0.9):>8}"
            f" {statistics.median([r.adaptive_to_result for r in group]):>8g}"
            f" {statistics.median([r.certify for r in group]):>8g}"
        )


def main() -> None:
    """Print median and p90 questions, fixed against adaptive, and every differing result."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--judged", action="store_true", help="also the judged profiles")
    args = parser.parse_args()
    navigator = load_navigator(paths.catalogue_path(), paths.rules_dir())
    ids = [i.id for i in navigator.catalogue.instruments]
    for name, profile in personas().items():
        c = compare(navigator, effective_answers(profile))
        print(
            f"{name}: fixed asks {c.fixed_asked} (full result after {c.fixed_to_result}), "
            f"adaptive asks {c.adaptive_asked} (full result after {c.adaptive_to_result}), "
            f"certify {c.certify}, differing results: {c.differ or 'none'}"
        )
    rows = [compare(navigator, profile) for profile in generated(args.profiles, ids, args.seed)]
    report("generated profiles", rows)
    if args.judged:
        labelled = [(a, compare(navigator, profile)) for a, profile in judged(ids)]
        report("judged profiles (data/ranking/profiles.jsonl)", [row for _, row in labelled])
        by_archetype(labelled)


if __name__ == "__main__":
    main()
