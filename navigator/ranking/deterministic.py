"""The rule-only relevance order: a fixed, documented weighted sum of the features.

score = 0.25 form_match + 0.15 stage_match + 0.15 amount_fit + 0.15 window_open
        + 0.15 entitlement + 0.05 direct_route + 0.05 regional_match + 0.05 conditions_known

The weights say: what the applicant is willing to take (a grant, a loan, equity) matters most;
then whether the instrument is meant for this stage and this amount, whether one can apply
now, and whether qualifying is enough to get it (a tax scheme) rather than winning a selection
(a tender, a call, an investor's decision); then small preferences for applying directly, for a
scheme of one's own province and for results that the answers fully decide. Ties are broken
by instrument id, so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from navigator.domain.answers import Answers
from navigator.domain.text import Text
from navigator.ranking.base import Candidate, RankerInfo, Score
from navigator.ranking.features import extract

WEIGHTS = {
    "form_match": 0.25,
    "stage_match": 0.15,
    "amount_fit": 0.15,
    "window_open": 0.15,
    "entitlement": 0.15,
    "direct_route": 0.05,
    "regional_match": 0.05,
    "conditions_known": 0.05,
}

WHY = {
    "form_match": Text(
        nl="Het is een vorm van financiering die u zoekt.",
        en="It is a form of funding you are looking for.",
    ),
    "stage_match": Text(
        nl="De regeling is bedoeld voor de fase waarin uw innovatie zit.",
        en="The scheme is meant for the stage your innovation is in.",
    ),
    "amount_fit": Text(
        nl="Het bedrag dat u zoekt valt binnen wat deze regeling geeft.",
        en="The amount you seek lies within what this scheme provides.",
    ),
    "window_open": Text(
        nl="U kunt nu aanvragen.",
        en="You can apply now.",
    ),
    "entitlement": Text(
        nl="Dit is een recht: wie aan de voorwaarden voldoet, krijgt het.",
        en="This is an entitlement: whoever meets the conditions gets it.",
    ),
    "regional_match": Text(
        nl="Het is een regeling voor uw provincie.",
        en="It is a scheme for your province.",
    ),
}


def explain(features: dict[str, float]) -> tuple[Text, ...]:
    """Name the strongest reasons, in weight order, among features that fully match."""
    strong = [name for name in WEIGHTS if name in WHY and features[name] >= 1.0]
    return tuple(WHY[name] for name in strong[:3])


class RuleRanker:
    """Deterministic ranker: the weighted feature sum documented in this module."""

    def score(self, answers: Answers, candidates: Sequence[Candidate], on: date) -> list[Score]:
        """Score each candidate with the fixed weights."""
        scores = []
        for candidate in candidates:
            features = extract(answers, candidate.instrument, candidate.evaluation, on)
            value = sum(WEIGHTS[name] * features[name] for name in WEIGHTS)
            scores.append(Score(round(value, 4), explain(features)))
        return scores

    def info(self) -> RankerInfo:
        """Describe the ranker."""
        return RankerInfo("rule-order", "1", "fixed weighted sum of relevance features")
