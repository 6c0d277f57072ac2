"""Turn (answers, instrument, evaluation) into named relevance features.

One pure function, shared by the deterministic ranker, training and serving of the learned
ranker. Every feature lies in [0, 1]; 0.5 means "cannot tell" (the answer is missing), so a
missing answer neither helps nor hurts.
"""

from __future__ import annotations

from datetime import date

from navigator.domain.answers import Answers, listed
from navigator.domain.catalogue import Instrument
from navigator.rules.conditions import Outcome
from navigator.rules.engine import Evaluation

KIND_TO_FORM = {
    "subsidy": "grant",
    "tax": "tax_credit",
    "loan": "loan",
    "equity": "equity",
    "guarantee": "guarantee",
    "procurement": "procurement_contract",
    "network": "advice_network",
}

STAGES = (
    "idea",
    "research",
    "proof_of_concept",
    "prototype",
    "pilot_demonstration",
    "market_introduction",
    "growth",
)

WINDOW_SCORE = {"open": 1.0, "call": 1.0, "closed": 0.3, "ended": 0.0}

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
    forms = {KIND_TO_FORM[k] for k in (instrument.kind, *instrument.also)}
    return 1.0 if forms.intersection(accepted) else 0.0  # type: ignore[arg-type]


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

    An award that is only a percentage of costs scales with the project, so it fits any need
    as far as Navigator can tell (0.5), never worse.
    """
    need = answers.get("funding_need_eur")
    awards = [a for a in instrument.amounts_on(on) if a.scope == "award"]
    ranges = [(a.min_eur or 0.0, a.max_eur) for a in awards if a.max_eur]
    if need is None or not ranges:
        return UNSURE
    need = float(need)  # type: ignore[arg-type]
    best = UNSURE if any(a.max_eur is None and a.percentage for a in awards) else 0.0
    for low, high in ranges:
        assert high is not None
        if low <= need <= high:
            return 1.0
        ratio = high / need if need > high else need / low if low else 0.0
        best = max(best, ratio)
    return best


def regional_match(answers: Answers, instrument: Instrument) -> float:
    """Prefer a regional instrument of the applicant's own province over a national one."""
    if instrument.national:
        return UNSURE
    province = answers.get("province")
    if province is None:
        return UNSURE
    return 1.0 if province in instrument.regions else 0.0


def entitlement(instrument: Instrument, evaluation: Evaluation) -> float:
    """Score how sure an eligible applicant is to get it: a right, a queue, or a selection.

    Tax schemes and first-come-first-served budgets are granted to whoever qualifies; tenders,
    calls with a deadline and investment decisions select among applicants.
    """
    if evaluation.route == "via" or instrument.kind in ("equity", "network"):
        return 0.3
    if instrument.kind == "tax" or instrument.window.mode in ("continuous", "first_come"):
        return 1.0
    return 0.3


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


def deadline_near(instrument: Instrument, on: date) -> float:
    """Score urgency: a call closing within two months scores high, an unknown date in between."""
    window = instrument.window
    if window.status in ("closed", "ended"):
        return 0.0
    if window.closes is None or window.closes < on:
        return UNSURE
    days = (window.closes - on).days
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
    return {
        "form_match": form_match(answers, instrument),
        "stage_match": stage_match(answers, instrument),
        "amount_fit": amount_fit(answers, instrument, on),
        "window_open": WINDOW_SCORE[instrument.window.status],
        "entitlement": entitlement(instrument, evaluation),
        "direct_route": 1.0 if evaluation.route == "apply" else 0.0,
        "regional_match": regional_match(answers, instrument),
        "conditions_known": conditions_known(evaluation),
        "trl_fit": trl_fit(answers, instrument),
        "theme_overlap": theme_overlap(answers, instrument),
        "cofinancing_fit": cofinancing_fit(answers, instrument),
        "deadline_near": deadline_near(instrument, on),
        "prerequisites_met": prerequisites_met(answers, instrument),
        "advice_only": 1.0 if instrument.kind == "network" else 0.0,
    }
