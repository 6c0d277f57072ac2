"""Impact of a draft catalogue: evaluate the published and the draft knowledge base against
the same profiles (saved cases, rule cases) and count, per instrument, who gains and who loses
eligibility; run the rule cases against the draft.

Only statuses are compared here (eligible, unknown, ineligible, or absent when an instrument
is added or removed). Example profiles are named by a short hash, never by case id or answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from navigator.advice.advise import advise
from navigator.domain.answers import (
    Answers,
    AnswerValue,
    InvalidInput,
    check_value,
    make_answers,
    parse_answers,
)
from navigator.domain.vocabulary import FIELDS
from navigator.recommend import Navigator, evaluate
from navigator.rules.batch import columns, evaluate_batch
from navigator.rules.cases import LoadedCase, run_case
from navigator.rules.engine import evaluate_rule
from navigator.wizard.navigation import effective_answers

EXAMPLES = 3


@dataclass(frozen=True)
class Profile:
    """Answers to evaluate, with where they come from (kept out of reports)."""

    label: str
    answers: dict[str, Any]
    on: date


@dataclass
class Shift:
    """How one instrument's outcome moves between the published and the draft version."""

    instrument_id: str
    gained: int = 0  # eligible in the draft, not before
    lost: int = 0  # eligible before, not in the draft
    to_unknown: int = 0  # decided before, "more information needed" in the draft
    from_unknown: int = 0  # "more information needed" before, decided in the draft
    gained_examples: list[str] = field(default_factory=list)
    lost_examples: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether any profile's outcome moved."""
        return bool(self.gained or self.lost or self.to_unknown or self.from_unknown)


@dataclass
class AdviceShift:
    """How one instrument's place in the advice moves on the sampled cases: near misses (a
    small change away from fitting) and steps of the funding route."""

    instrument_id: str
    near_miss_added: int = 0
    near_miss_removed: int = 0
    route_added: int = 0
    route_removed: int = 0

    @property
    def changed(self) -> bool:
        """Whether the advice moved for anyone."""
        return bool(
            self.near_miss_added or self.near_miss_removed or self.route_added or self.route_removed
        )


def _advice_parts(navigator: Navigator, answers: Answers, on: date) -> tuple[set[str], set[str]]:
    advice = advise(navigator, effective_answers(answers), on)
    near = {i for i, found in advice.near_misses.items() if found}
    route = {step.instrument.id for step in advice.route.steps}
    return near, route


def advice_shifts(
    published: Navigator, draft: Navigator, parsed: list[Parsed], sample: int = 300
) -> tuple[int, tuple[AdviceShift, ...]]:
    """Near-miss and route changes on the first ``sample`` cases (full advice costs
    milliseconds a case, so a sample, not every case); the sample size and the changes."""
    found: dict[str, AdviceShift] = {}
    chosen = parsed[:sample]
    for item in chosen:
        near_before, route_before = _advice_parts(published, item.before, item.on)
        near_after, route_after = _advice_parts(draft, item.after, item.on)
        for instrument_id in near_before ^ near_after:
            shift = found.setdefault(instrument_id, AdviceShift(instrument_id))
            if instrument_id in near_after:
                shift.near_miss_added += 1
            else:
                shift.near_miss_removed += 1
        for instrument_id in route_before ^ route_after:
            shift = found.setdefault(instrument_id, AdviceShift(instrument_id))
            if instrument_id in route_after:
                shift.route_added += 1
            else:
                shift.route_removed += 1
    return len(chosen), tuple(sorted(found.values(), key=lambda s: s.instrument_id))


@dataclass(frozen=True)
class Impact:
    """The impact of a draft on a set of profiles and on the rule cases."""

    profiles: int
    skipped: int  # profiles that no longer parse (e.g. an answer option was removed)
    shifts: tuple[Shift, ...]
    failing_cases: tuple[str, ...]
    advice_sample: int = 0
    advice: tuple[AdviceShift, ...] = ()

    @property
    def changed(self) -> tuple[Shift, ...]:
        """Only the instruments whose outcome moved for someone."""
        return tuple(s for s in self.shifts if s.changed)


def pseudonym(label: str) -> str:
    """A short, stable name for an example profile that reveals nothing about it."""
    return "p-" + hashlib.sha256(label.encode()).hexdigest()[:8]


def _statuses(
    navigator: Navigator, answers: Answers, on: date, only: frozenset[str] | None
) -> dict[str, str]:
    if only is None:
        return {
            c.instrument.id: c.evaluation.status.value for c in evaluate(navigator, answers, on)
        }
    book = navigator.rulebook
    return {
        i: evaluate_rule(book, book.rules[i], answers, on).status.value
        for i in only
        if i in book.rules
    }


def _parse(navigator: Navigator, profile: Profile) -> Answers | None:
    """Answers as the app would evaluate them: a saved case keeps every value that is still
    valid (as when it is opened), and answers to questions no longer asked are dropped."""
    if profile.label.startswith("rule:"):
        try:
            return parse_answers(
                profile.answers, on=profile.on, known_ids=navigator.catalogue.by_id
            )
        except InvalidInput:
            return None
    values: dict[str, AnswerValue] = {}
    for name, value in profile.answers.items():
        spec = FIELDS.get(name)
        if spec is None or value is None:
            continue
        cleaned, error = check_value(
            spec, value, on=profile.on, known_ids=navigator.catalogue.by_id
        )
        if error is None and cleaned is not None:
            values[name] = cleaned
    return effective_answers(make_answers(values))


@dataclass(frozen=True)
class Parsed:
    """A profile's answers as each version reads them (they differ only when an answer names an
    instrument that one of the versions does not have)."""

    label: str
    on: date
    before: Answers
    after: Answers


def parse_profiles(
    published: Navigator, draft: Navigator, profiles: Iterable[Profile]
) -> tuple[list[Parsed], int]:
    """Read every profile for both versions; count those that no longer read."""
    parsed, skipped = [], 0
    same_ids = set(published.catalogue.by_id) == set(draft.catalogue.by_id)
    for profile in profiles:
        before = _parse(published, profile)
        after = before if same_ids else _parse(draft, profile)
        if before is None or after is None:
            skipped += 1
            continue
        parsed.append(Parsed(profile.label, profile.on, before, after))
    return parsed, skipped


ABSENT = 3  # an instrument one of the versions does not have


def _codes(navigator: Navigator, answers: Any, on: date, ids: list[str]) -> dict[str, Any]:
    present = [i for i in ids if i in navigator.rulebook.rules]
    return evaluate_batch(navigator.rulebook, answers, on, present)


def shifts(
    published: Navigator,
    draft: Navigator,
    parsed: list[Parsed],
    only: Iterable[str] | None = None,
) -> tuple[Shift, ...]:
    """Per instrument, how the outcomes move from the published version to the draft: both
    versions evaluated in batches (numpy), one batch per evaluation date."""
    ids = sorted(
        set(only)
        if only is not None
        else set(published.catalogue.by_id) | set(draft.catalogue.by_id)
    )
    found = {i: Shift(i) for i in ids}
    by_on: dict[date, list[int]] = {}
    for index, item in enumerate(parsed):
        by_on.setdefault(item.on, []).append(index)
    for on, indexes in sorted(by_on.items()):
        before_answers = [parsed[i].before for i in indexes]
        shared = all(parsed[i].after is parsed[i].before for i in indexes)
        before_input: Any = columns(before_answers)
        after_input: Any = before_input if shared else columns([parsed[i].after for i in indexes])
        before = _codes(published, before_input, on, ids)
        after = _codes(draft, after_input, on, ids)
        for instrument_id in ids:
            _count_batch(
                found[instrument_id],
                before,
                after,
                instrument_id,
                len(indexes),
                [parsed[i].label for i in indexes],
            )
    return tuple(found.values())


def _count_batch(
    shift: Shift,
    before: dict[str, Any],
    after: dict[str, Any],
    instrument_id: str,
    size: int,
    labels: list[str],
) -> None:
    absent = np.full(size, ABSENT, dtype=np.int8)
    b = before.get(instrument_id, absent)
    a = after.get(instrument_id, absent)
    changed = b != a
    gained = changed & (a == 0)
    lost = changed & (b == 0) & ~gained
    to_unknown = changed & (a == 1) & ~gained & ~lost
    from_unknown = changed & (b == 1) & ~gained & ~lost & ~to_unknown
    shift.gained += int(gained.sum())
    shift.lost += int(lost.sum())
    shift.to_unknown += int(to_unknown.sum())
    shift.from_unknown += int(from_unknown.sum())
    for mask, examples in ((gained, shift.gained_examples), (lost, shift.lost_examples)):
        for index in np.flatnonzero(mask)[: EXAMPLES - len(examples)]:
            examples.append(pseudonym(labels[int(index)]))


def impact(
    published: Navigator,
    draft: Navigator,
    profiles: Iterable[Profile],
    rule_cases: Iterable[LoadedCase] = (),
    only: Iterable[str] | None = None,
    advice_sample: int = 0,
) -> Impact:
    """Compare the two versions on every profile; run the rule cases against the draft.

    ``only``: the instruments whose record or rule changed (from the diff), when nothing they
    share changed; the others give the same outcome in both versions and are not evaluated.
    ``advice_sample``: on how many cases near-miss and route changes are also compared.
    """
    parsed, skipped = parse_profiles(published, draft, profiles)
    found = shifts(published, draft, parsed, only)
    failing = tuple(
        f"{case.instrument}[{case.index}]: {problem}"
        for case in rule_cases
        for problem in run_case(draft.rulebook, case)
    )
    sampled, moved = advice_shifts(published, draft, parsed, advice_sample)
    return Impact(len(parsed), skipped, found, failing, sampled, moved)


def impact_one_by_one(
    published: Navigator,
    draft: Navigator,
    profiles: Iterable[Profile],
    only: Iterable[str] | None = None,
) -> tuple[Shift, ...]:
    """The same shifts, each profile evaluated by the engine on its own: the reference that the
    batch path is tested against."""
    chosen = frozenset(only) if only is not None else None
    ids = sorted(
        chosen
        if chosen is not None
        else set(published.catalogue.by_id) | set(draft.catalogue.by_id)
    )
    found = {i: Shift(i) for i in ids}
    parsed, _ = parse_profiles(published, draft, profiles)
    for item in parsed:
        before = _statuses(published, item.before, item.on, chosen)
        after = _statuses(draft, item.after, item.on, chosen)
        for instrument_id in ids:
            _count(
                found[instrument_id],
                before.get(instrument_id),
                after.get(instrument_id),
                item.label,
            )
    return tuple(found.values())


def _count(shift: Shift, before: str | None, after: str | None, label: str) -> None:
    if before == after:
        return
    if after == "eligible":
        shift.gained += 1
        if len(shift.gained_examples) < EXAMPLES:
            shift.gained_examples.append(pseudonym(label))
    elif before == "eligible":
        shift.lost += 1
        if len(shift.lost_examples) < EXAMPLES:
            shift.lost_examples.append(pseudonym(label))
    elif after == "unknown":
        shift.to_unknown += 1
    elif before == "unknown":
        shift.from_unknown += 1


def rule_case_profiles(cases: Iterable[LoadedCase]) -> list[Profile]:
    """The rule cases' answers as profiles: every instrument, not only the one they test."""
    return [Profile(f"rule:{c.instrument}[{c.index}]", c.case.answers, c.case.on) for c in cases]
