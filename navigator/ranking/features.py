"""Turn (answers, instrument, evaluation) into named relevance features.

One pure function, shared by the deterministic ranker, training and serving of the learned
ranker. Every feature lies in [0, 1]; 0.5 means "cannot tell" (the answer is missing), so a
missing answer neither helps nor hurts.
"""

from __future__ import annotations

from datetime import date

from navigator.domain.answers import Answers, listed
from navigator.domain.availability import Availability, availability
from navigator.domain.catalogue import Instrument
from navigator.domain.preferences import amount_fit as compare_amount
from navigator.domain.preferences import forms_of
from navigator.rules.conditions import Outcome
from navigator.rules.engine import Evaluation

STAGES = (
    "idea",
    "research",
    "proof_of_concept",
    "prototype",
    "pilot_demonstration",
    "market_introduction",
    "growth",
)

WINDOW_SCORE = {"open": 1.0, "opens": 0.6, "closed": 0.3, "ended": 0.0}
# How sure an eligible applicant is to get it: a right, a check per application, a selection.
AWARD_SCORE = {
    "entitlement": 1.0,
    "assessed": 0.6,
    "committee": 0.3,
    "competitive": 0.3,
    "investment": 0.3,
    "procurement": 0.3,
    "advice": 0.3,
}

FEATURE_NAMES = (
    "form_match",
    "stage_match",
    "amount_fit",
    "window_open",
    "entitlement",
    "direct_route",
    "regional_match",
    "conditions_known",
    "trl_fit",
    "theme_overlap",
    "cofinancing_fit",
    "deadline_near",
    "prerequisites_met",
    "advice_only",
)

# The technology readiness levels a development stage usually spans.
STAGE_TRL = {
    "idea": (1, 2),
    "research": (2, 3),
    "proof_of_concept": (3, 4),
    "prototype": (4, 6),
    "pilot_demonstration": (6, 7),
    "market_introduction": (8, 9),
    "growth": (9, 9),
}
THEME_FIELDS = ("topsectors", "mission_themes", "key_technologies")

UNSURE = 0.5


def form_match(answers: Answers, instrument: Instrument) -> float:
    """Tell whether the instrument's kind is a funding form the applicant accepts."""
    accepted = answers.get("funding_forms")
    if accepted is None:
        return UNSURE
    return 1.0 if forms_of(instrument).intersection(accepted) else 0.0  # type: ignore[arg-type]


def stage_match(answers: Answers, instrument: Instrument) -> float:
    """Score the distance between the applicant's stage and the instrument's stages."""
    stage = answers.get("development_stage")
    if stage is None or not instrument.stages:
        return UNSURE
    if stage in instrument.stages:
        return 1.0
    position = STAGES.index(str(stage))
    distance = min(abs(position - STAGES.index(s)) for s in instrument.stages)
    return max(0.0, 1.0 - 0.4 * distance)


def amount_fit(answers: Answers, instrument: Instrument, on: date) -> float:
    """Score how well the amount sought fits the instrument's award ranges.

    1.0 only when the need lies within a range; a need above the maximum scores the share the
    instrument could cover, one below the minimum the reverse; an award that is only a
    percentage of costs scales with the project, so it fits as far as Navigator can tell (0.5).
    """
    fit = compare_amount(answers, instrument, on)
    if fit.fit == "in_range":
        return 1.0
    if fit.fit == "above_max" and fit.need and fit.high:
        return min(0.9, fit.high / fit.need)
    if fit.fit == "below_min" and fit.need is not None and fit.low:
        return min(0.9, fit.need / fit.low)
    return UNSURE


def regional_match(answers: Answers, instrument: Instrument) -> float:
    """Prefer a regional instrument of the applicant's own province over a national one."""
    if instrument.national:
        return UNSURE
    province = answers.get("province")
    if province is None:
        return UNSURE
    return 1.0 if province in instrument.regions else 0.0


def entitlement(instrument: Instrument, evaluation: Evaluation) -> float:
    """Score how sure an eligible applicant is to get it, from the record's ``award``.

    Only a true entitlement (the tax schemes) is granted to whoever qualifies; a check per
    application scores in between; committees, calls, investors and buyers select.
    """
    if evaluation.route == "via":
        return AWARD_SCORE["investment"]
    return AWARD_SCORE[instrument.award]


def conditions_known(evaluation: Evaluation) -> float:
    """Return the share of conditions that the answers decide."""
    if not evaluation.reasons:
        return 1.0
    unknown = sum(r.outcome is Outcome.UNKNOWN for r in evaluation.reasons)
    return 1.0 - unknown / len(evaluation.reasons)


def trl_fit(answers: Answers, instrument: Instrument) -> float:
    """Score the applicant's TRL against the TRLs of the instrument's stages."""
    trl = answers.get("trl")
    if trl is None or not instrument.stages:
        return UNSURE
    low = min(STAGE_TRL[s][0] for s in instrument.stages)
    high = max(STAGE_TRL[s][1] for s in instrument.stages)
    level = int(trl)  # type: ignore[arg-type]
    distance = low - level if level < low else level - high if level > high else 0
    return max(0.0, 1.0 - 0.35 * distance)


def theme_overlap(answers: Answers, instrument: Instrument) -> float:
    """Score a themed instrument (energy, biotech, …) against the applicant's themes."""
    focus = instrument.focus
    wanted = {t for name in THEME_FIELDS for t in getattr(focus, name)}
    if not wanted and not focus.climate:
        return UNSURE  # a generic instrument
    given = {t for name in THEME_FIELDS for t in listed(answers, name)}
    climate = answers.get("energy_or_climate_innovation")
    if not given and climate is None:
        return UNSURE
    hit = bool(wanted & given) or (focus.climate and climate is True)
    return 1.0 if hit else 0.0


def cofinancing_fit(answers: Answers, instrument: Instrument) -> float:
    """Score committed private money against what loans and investments ask (half or more)."""
    if instrument.kind not in ("loan", "equity", "guarantee"):
        return UNSURE
    need, private = answers.get("funding_need_eur"), answers.get("private_cofinancing_eur")
    if answers.get("investor_letter_of_intent") is True:
        return 1.0
    if need is None or private is None or not need:
        return UNSURE
    return min(1.0, 2.0 * float(private) / float(need))  # type: ignore[arg-type]


def deadline_near(state: Availability, on: date) -> float:
    """Score urgency: a round closing within two months scores high, an unknown date between."""
    if state.state in ("closed", "ended"):
        return 0.0
    if state.state == "opens" or state.closes_on is None:
        return UNSURE
    days = (state.closes_on - on).days
    return 1.0 if days <= 60 else 0.75 if days <= 180 else UNSURE


def prerequisites_met(answers: Answers, instrument: Instrument) -> float:
    """Return the share of the instrument's prerequisites already received (0.5: none needed)."""
    if not instrument.prerequisites:
        return UNSURE
    received = set(listed(answers, "received_instruments"))
    return sum(p.instrument in received for p in instrument.prerequisites) / len(
        instrument.prerequisites
    )


def extract(
    answers: Answers, instrument: Instrument, evaluation: Evaluation, on: date
) -> dict[str, float]:
    """Return the named features of one candidate, in ``FEATURE_NAMES`` order."""
    window = availability(instrument, on)
    return {
        "form_match": form_match(answers, instrument),
        "stage_match": stage_match(answers, instrument),
        "amount_fit": amount_fit(answers, instrument, on),
        "window_open": WINDOW_SCORE[window.state],
        "entitlement": entitlement(instrument, evaluation),
        "direct_route": 1.0 if evaluation.route == "apply" else 0.0,
        "regional_match": regional_match(answers, instrument),
        "conditions_known": conditions_known(evaluation),
        "trl_fit": trl_fit(answers, instrument),
        "theme_overlap": theme_overlap(answers, instrument),
        "cofinancing_fit": cofinancing_fit(answers, instrument),
        "deadline_near": deadline_near(window, on),
        "prerequisites_met": prerequisites_met(answers, instrument),
        "advice_only": 1.0 if instrument.kind == "network" else 0.0,
    }
