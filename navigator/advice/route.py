"""The funding route: which instruments to use now, as the next step, and later.

- **now**: instruments the answers make eligible today, prerequisites first;
- **next**: instruments one or two actionable changes away (a verified near miss), and those
  that fit at the next development stage;
- **later**: instruments that fit two or three stages further on, assuming the earlier steps
  were taken (their support received) and, from market introduction on, profit from the
  innovation.

When the answers are too sparse to decide, instruments that could still fit (unknown) fill the
phases by the stages they are meant for, marked "to check", so an almost empty profile still
gets a typical route. Each phase is kept short (the most relevant first), instruments in a form
of funding the applicant rejected are left out, and prerequisites (catalogue data, not code)
come before the steps that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from navigator.domain.answers import Answers, listed, make_answers
from navigator.domain.availability import Availability, availability
from navigator.domain.catalogue import Instrument
from navigator.domain.text import Text
from navigator.ranking.features import STAGES, form_match
from navigator.rules.engine import Evaluation, Status
from navigator.rules.nearmiss import NearMiss

Phase = Literal["now", "next", "later"]
PHASES: tuple[Phase, ...] = ("now", "next", "later")
CAPS: dict[Phase, int] = {"now": 6, "next": 6, "later": 5}
# How strong the reason to place a step is: fits now; one step away, or opening on a known date;
# fits but closed with no next round known, or still to be checked.
EVIDENCE = {"eligible": 0, "near_miss": 1, "projected": 1, "opens": 1, "waiting": 2, "to_check": 2}

STAGE_NAMES = {
    "idea": Text(nl="idee", en="idea"),
    "research": Text(nl="onderzoek", en="research"),
    "proof_of_concept": Text(nl="proof of concept", en="proof of concept"),
    "prototype": Text(nl="prototype", en="prototype"),
    "pilot_demonstration": Text(nl="pilot of demonstratie", en="pilot or demonstration"),
    "market_introduction": Text(nl="marktintroductie", en="market introduction"),
    "growth": Text(nl="groei en opschaling", en="growth and scale-up"),
}
TO_CHECK = Text(
    nl="Nog te controleren: beantwoord de open vragen.",
    en="To be checked: answer the open questions.",
)
PROFIT_FROM = STAGES.index("market_introduction")


@dataclass(frozen=True)
class RouteStep:
    """One instrument on the route, with why it is placed there."""

    instrument: Instrument
    phase: Phase
    status: Status
    evidence: str
    after: tuple[str, ...] = ()
    near_miss: NearMiss | None = None
    note: Text | None = None


@dataclass(frozen=True)
class FundingRoute:
    """The route over the three phases; each phase in the order to take the steps."""

    steps: tuple[RouteStep, ...] = field(default_factory=tuple)

    def phase(self, phase: Phase) -> list[RouteStep]:
        """Return the steps of one phase."""
        return [s for s in self.steps if s.phase == phase]

    @property
    def ids(self) -> set[str]:
        """Return the instrument ids on the route."""
        return {s.instrument.id for s in self.steps}


@dataclass(frozen=True)
class RouteInputs:
    """What the planner needs from the engine and the ranker."""

    by_id: dict[str, Instrument]
    evaluations: dict[str, Evaluation]
    near_misses: dict[str, list[NearMiss]]
    evaluate_at: Callable[[Answers], dict[str, Status]]
    near_miss_at: Callable[[str, Answers], NearMiss | None]
    score: Callable[[str], float]
    one_of: tuple[frozenset[str], ...] = ()
    # whether one can apply, per instrument, as the recommendation decided it (rounds, the
    # rule's end, ways in through funds that invest all year)
    availability: dict[str, Availability] = field(default_factory=dict)


def _stage_index(answers: Answers) -> int | None:
    stage = answers.get("development_stage")
    return STAGES.index(str(stage)) if stage is not None else None


def project(answers: Answers, steps_ahead: int, on: date, received: set[str]) -> Answers | None:
    """Return the answers as they will be ``steps_ahead`` development stages later.

    By then the earlier steps' support is received, a founder has set up a BV, the project of
    that stage has not started, and from market introduction on the innovation makes profit.
    Returns None when there is no later stage.
    """
    index = _stage_index(answers)
    if index is None or index + steps_ahead >= len(STAGES):
        return None
    values = dict(answers)
    values["development_stage"] = STAGES[index + steps_ahead]
    if "trl" in values:
        values["trl"] = min(9, int(values["trl"]) + 2 * steps_ahead)  # type: ignore[arg-type]
    if values.get("organisation_type") == "none_yet":
        values["organisation_type"] = "private_company"
        values["year_founded"] = on.year
    values["project_started"] = False
    values["received_instruments"] = tuple(
        sorted(received | set(listed(answers, "received_instruments")))
    )
    if index + steps_ahead >= PROFIT_FROM and values.get("organisation_type") == "private_company":
        values["profit_from_own_innovation"] = True
    return make_answers(values)


def _stage_note(answers: Answers) -> Text:
    stage = STAGE_NAMES[str(answers["development_stage"])]
    return Text(
        nl=f"Zodra uw innovatie in de fase ‘{stage.nl}’ is.",
        en=f"Once your innovation is at the '{stage.en}' stage.",
    )


def _not_yet_open(state: Availability, on: date) -> tuple[str, Text] | None:
    """Say why a fitting instrument cannot be applied for now or in the coming months."""
    if state.applicable_soon(on):
        return None
    if state.state == "opens" and state.opens_on is not None:
        expected = " (verwacht)" if state.expected else ""
        expected_en = " (expected)" if state.expected else ""
        return "opens", Text(
            nl=f"Past, maar opent pas op {state.opens_on:%d-%m-%Y}{expected}.",
            en=f"Fits, but opens only on {state.opens_on:%Y-%m-%d}{expected_en}.",
        )
    return "waiting", Text(
        nl="Past, maar is nu gesloten; de volgende ronde is nog niet bekend.",
        en="Fits, but is closed now; the next round is not known yet.",
    )


@dataclass
class _Planner:
    inputs: RouteInputs
    answers: Answers
    on: date
    placed: dict[str, RouteStep] = field(default_factory=dict)

    def place(self, step: RouteStep) -> None:
        instrument = step.instrument
        state = self.inputs.availability.get(instrument.id) or availability(instrument, self.on)
        if step.phase == "now":
            waiting = _not_yet_open(state, self.on)
            if waiting is not None:  # "now" holds only what one can apply for soon
                evidence, note = waiting
                step = replace(step, phase="next", evidence=evidence, note=note)
        usable = instrument.kind != "network" and state.state != "ended"
        wanted = form_match(self.answers, instrument) > 0.0
        if (
            usable
            and wanted
            and instrument.id not in self.placed
            and instrument.id not in self.received
        ):
            self.placed[instrument.id] = step

    @property
    def received(self) -> set[str]:
        return set(listed(self.answers, "received_instruments"))


def plan_route(inputs: RouteInputs, answers: Answers, on: date) -> FundingRoute:
    """Build the route for ``answers`` on ``on``."""
    planner = _Planner(inputs, answers, on)
    by_id = inputs.by_id
    for key, evaluation in inputs.evaluations.items():
        if evaluation.status is Status.ELIGIBLE:
            planner.place(RouteStep(by_id[key], "now", evaluation.status, "eligible"))
    for key, misses in inputs.near_misses.items():
        usable = [
            m for m in misses if len(m.changes) <= 2 and all(c.action.on_route for c in m.changes)
        ]
        if usable:
            status = inputs.evaluations[key].status
            planner.place(RouteStep(by_id[key], "next", status, "near_miss", near_miss=usable[0]))
    for steps_ahead, phase in ((1, "next"), (2, "later"), (3, "later")):
        _place_projected(planner, steps_ahead, phase, on)  # type: ignore[arg-type]
    _place_unknown_by_stage(planner)
    return _finish(planner)


def _place_projected(planner: _Planner, steps_ahead: int, phase: Phase, on: date) -> None:
    earlier = {k for k, s in planner.placed.items() if PHASES.index(s.phase) < PHASES.index(phase)}
    projected = project(planner.answers, steps_ahead, on, earlier)
    if projected is None:
        return
    note = _stage_note(projected)
    for key, status in planner.inputs.evaluate_at(projected).items():
        instrument = planner.inputs.by_id[key]
        if status is Status.ELIGIBLE:
            planner.place(RouteStep(instrument, phase, status, "projected", note=note))
        elif status is Status.INELIGIBLE and key not in planner.placed:
            miss = planner.inputs.near_miss_at(key, projected)
            if miss is not None and len(miss.changes) == 1 and miss.changes[0].action.on_route:
                today = planner.inputs.evaluations[key].status
                planner.place(
                    RouteStep(instrument, phase, today, "projected", near_miss=miss, note=note)
                )


def _place_unknown_by_stage(planner: _Planner) -> None:
    current = _stage_index(planner.answers)
    for key, evaluation in planner.inputs.evaluations.items():
        instrument = planner.inputs.by_id[key]
        if evaluation.status is not Status.UNKNOWN or not instrument.stages:
            continue
        if instrument.regions and planner.answers.get("province") is None:
            continue  # a regional scheme is only worth checking once the province is known
        first = min(STAGES.index(s) for s in instrument.stages)
        last = max(STAGES.index(s) for s in instrument.stages)
        if current is not None and last < current:
            continue  # meant for a stage already passed
        distance = first - (current if current is not None else 0)
        phase: Phase = "now" if distance <= 1 else "next" if distance <= 3 else "later"
        planner.place(RouteStep(instrument, phase, evaluation.status, "to_check", note=TO_CHECK))


def _keep(planner: _Planner) -> list[RouteStep]:
    """Keep the strongest, most relevant steps of each phase; one track of a one-of group."""
    score = planner.inputs.score
    kept: list[RouteStep] = []
    taken: set[str] = set()
    for phase in PHASES:
        steps = [s for s in planner.placed.values() if s.phase == phase]
        steps.sort(key=lambda s: (EVIDENCE[s.evidence], -score(s.instrument.id), s.instrument.id))
        chosen: list[RouteStep] = []
        for step in steps:
            group = next((g for g in planner.inputs.one_of if step.instrument.id in g), frozenset())
            if group & taken or len(chosen) == CAPS[phase]:
                continue
            chosen.append(step)
            taken.add(step.instrument.id)
        kept += chosen
    return kept


def _prerequisites_on_route(step: RouteStep, on_route: dict[str, RouteStep]) -> tuple[str, ...]:
    wanted = [p.instrument for p in step.instrument.prerequisites]
    return tuple(i for i in wanted if i in on_route and i != step.instrument.id)


def _finish(planner: _Planner) -> FundingRoute:
    kept = {s.instrument.id: s for s in _keep(planner)}
    changed = True
    while changed:  # a step moves to the phase of a prerequisite that comes later
        changed = False
        for key, step in list(kept.items()):
            needed = [kept[i] for i in _prerequisites_on_route(step, kept)]
            latest = max((PHASES.index(s.phase) for s in needed), default=0)
            if latest > PHASES.index(step.phase):
                kept[key] = replace(step, phase=PHASES[latest])
                changed = True
    steps: list[RouteStep] = []
    for phase in PHASES:
        in_phase = [
            replace(s, after=_prerequisites_on_route(s, kept))
            for s in kept.values()
            if s.phase == phase
        ]
        steps += _order(in_phase, planner.inputs.score)
    return FundingRoute(tuple(steps))


def _order(steps: list[RouteStep], score: Callable[[str], float]) -> list[RouteStep]:
    """Put prerequisites before the steps that need them, else by relevance."""
    remaining = sorted(steps, key=lambda s: (EVIDENCE[s.evidence], -score(s.instrument.id)))
    ordered: list[RouteStep] = []
    while remaining:
        ids = {s.instrument.id for s in remaining}
        ready = next((s for s in remaining if not set(s.after) & ids), remaining[0])
        ordered.append(ready)
        remaining.remove(ready)
    return ordered
