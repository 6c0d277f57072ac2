"""The recommendation service: evaluate every rule, keep the tiers, let the ranker order within.

Plain Python, shared by the web app, the JSON API and the CLI.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from navigator.advice.combinations import Combination, load_combinations
from navigator.domain.answers import Answers
from navigator.domain.availability import Availability, availability
from navigator.domain.catalogue import Catalogue, load_catalogue
from navigator.domain.datafiles import DataFileError
from navigator.domain.preferences import form_accepted
from navigator.ranking.base import Candidate, Ranker, Score
from navigator.ranking.deterministic import RuleRanker
from navigator.rules.engine import Evaluation, Status, closeness, evaluate_rule
from navigator.rules.loader import Rulebook, load_rulebook
from navigator.rules.nearmiss import Action, load_actions

TIERS = (Status.ELIGIBLE, Status.UNKNOWN, Status.INELIGIBLE)


@dataclass(frozen=True)
class Navigator:
    """The loaded domain: catalogue, rules, actionable changes, combination rules and ranker."""

    catalogue: Catalogue
    rulebook: Rulebook
    ranker: Ranker
    actions: tuple[Action, ...] = ()
    combinations: tuple[Combination, ...] = ()
    digest: str = ""

    @property
    def version(self) -> str:
        """Return the catalogue version."""
        return self.catalogue.catalogue_version


@dataclass(frozen=True)
class Result:
    """One instrument in a recommendation, with its place and score."""

    candidate: Candidate
    rank: int
    score: Score
    availability: Availability
    form_accepted: bool | None = None

    @property
    def evaluation(self) -> Evaluation:
        """Return the rule evaluation."""
        return self.candidate.evaluation

    @property
    def group(self) -> str:
        """Return where the result belongs on a results page (see ``GROUPS``)."""
        status = self.evaluation.status
        if self.availability.state == "ended":
            return "ended"
        if status is not Status.ELIGIBLE:
            return status.value
        if self.candidate.instrument.kind == "network":
            return "advice"
        if self.form_accepted is False:
            return "other_form"
        return {"open": "open", "opens": "opens"}.get(self.availability.state, "closed")


# Results-page groups in display order. "open", "opens" and "closed" are the fits (eligible,
# in an accepted form); "other_form" fits but is not a form the applicant accepts; "ended"
# explains why a known scheme is not offered.
GROUPS = ("open", "opens", "closed", "other_form", "advice", "unknown", "ineligible", "ended")
FIT_GROUPS = ("open", "opens", "closed")


@dataclass(frozen=True)
class Recommendation:
    """All instruments for one profile on one date, eligible first."""

    catalogue_version: str
    evaluated_on: date
    answers: Answers
    results: tuple[Result, ...]

    def tier(self, status: Status) -> list[Result]:
        """Return the results with one status, in rank order."""
        return [r for r in self.results if r.evaluation.status is status]

    def grouped(self) -> dict[str, list[Result]]:
        """Return the results per group of ``GROUPS``, in rank order."""
        groups: dict[str, list[Result]] = {name: [] for name in GROUPS}
        for result in self.results:
            groups[result.group].append(result)
        return groups

    def fits(self) -> list[Result]:
        """Return the fits: eligible, not ended, in a form the applicant accepts, by rank."""
        return [r for r in self.results if r.group in FIT_GROUPS]


def load_navigator(
    catalogue_path: Path, rules_dir: Path, ranker: Ranker | None = None
) -> Navigator:
    """Load catalogue and rules and check that they describe the same instruments.

    Raises:
        DataFileError: when a file is invalid or catalogue and rules disagree.
    """
    catalogue = load_catalogue(catalogue_path)
    rulebook = load_rulebook(rules_dir)
    actions = load_actions(rules_dir / "_actions.yaml")
    combinations = load_combinations(rules_dir / "_combinations.yaml")
    errors = check_ids(catalogue, rulebook)
    known = set(catalogue.by_id)
    errors += [
        f"_combinations.yaml: {c.id}: unknown instrument {i!r}"
        for c in combinations
        for i in c.instruments
        if i not in known
    ]
    if errors:
        raise DataFileError("\n".join(errors))
    digest = data_digest(catalogue_path, rules_dir)
    return Navigator(catalogue, rulebook, ranker or RuleRanker(), actions, combinations, digest)


def data_digest(catalogue_path: Path, rules_dir: Path) -> str:
    """Return a SHA-256 over the catalogue and every rule file: the version of the rules."""
    digest = hashlib.sha256(catalogue_path.read_bytes())
    for path in sorted(rules_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def check_ids(catalogue: Catalogue, rulebook: Rulebook) -> list[str]:
    """List instruments that have a record but no rule, or a rule but no record."""
    records, rules = set(catalogue.by_id), set(rulebook.rules)
    return [f"instruments.json: {i} has no rule file" for i in sorted(records - rules)] + [
        f"rules/{i}.yaml: no instrument {i!r} in instruments.json" for i in sorted(rules - records)
    ]


def evaluate(navigator: Navigator, answers: Answers, on: date) -> list[Candidate]:
    """Evaluate every instrument of the catalogue, in catalogue order."""
    book = navigator.rulebook
    return [
        Candidate(item, evaluate_rule(book, book.rules[item.id], answers, on))
        for item in navigator.catalogue.instruments
    ]


def recommend(navigator: Navigator, answers: Answers, on: date) -> Recommendation:
    """Evaluate, then order: eligible by score, unknown by score, ineligible closest first.

    Args:
        navigator: the loaded domain.
        answers: validated answers.
        on: the evaluation date (the engine never reads the clock).

    Returns:
        The recommendation with ranks 1..n over all instruments.
    """
    candidates = evaluate(navigator, answers, on)
    scores = navigator.ranker.score(answers, candidates, on)
    scored = list(zip(candidates, scores, strict=True))
    ordered: list[tuple[Candidate, Score]] = []
    for status in TIERS:
        tier = [pair for pair in scored if pair[0].evaluation.status is status]
        ordered += sorted(tier, key=lambda pair: _order_key(status, *pair))
    results = tuple(
        Result(
            c,
            rank,
            s,
            candidate_availability(navigator, c, on),
            form_accepted(answers, c.instrument),
        )
        for rank, (c, s) in enumerate(ordered, start=1)
    )
    return Recommendation(navigator.version, on, answers, results)


def candidate_availability(navigator: Navigator, candidate: Candidate, on: date) -> Availability:
    """Return the window state that matters for this candidate's way in.

    A way in through funds that invest all year is open whenever the scheme has not ended, even
    when the record's window (the funds' own tender at RVO) is closed.
    """
    rule = navigator.rulebook.rules[candidate.instrument.id]
    state = availability(candidate.instrument, on, rule.valid_until)
    if candidate.evaluation.open_all_year and state.state in ("opens", "closed"):
        return Availability("open")
    return state


def _order_key(status: Status, candidate: Candidate, score: Score) -> tuple[object, ...]:
    if status is Status.INELIGIBLE:
        return (*closeness(candidate.evaluation.reasons), -score.value, candidate.instrument.id)
    return (-score.value, candidate.instrument.id)
