"""What the applicant asked for: accepted funding forms and the amount sought, against a record.

Plain functions shared by the results, the funding route, the API and the ranking features, so
"is this a loan?" and "is the amount in reach?" have one answer everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from navigator.domain.answers import Answers
from navigator.domain.catalogue import Instrument

KIND_TO_FORM = {
    "subsidy": "grant",
    "tax": "tax_credit",
    "loan": "loan",
    "equity": "equity",
    "guarantee": "guarantee",
    "procurement": "procurement_contract",
    "network": "advice_network",
}


def forms_of(instrument: Instrument) -> frozenset[str]:
    """Return the funding forms (answers vocabulary) an instrument provides."""
    return frozenset(KIND_TO_FORM[k] for k in (instrument.kind, *instrument.also))


def form_accepted(answers: Answers, instrument: Instrument) -> bool | None:
    """Tell whether the instrument comes in a form the applicant accepts (None: not asked).

    Advice and routing organisations are not funding: they are never set aside for a form.
    """
    accepted = answers.get("funding_forms")
    if accepted is None or instrument.kind == "network":
        return None
    return bool(forms_of(instrument).intersection(accepted))  # type: ignore[arg-type]


Fit = Literal["in_range", "above_max", "below_min", "share_of_costs", "unknown"]


@dataclass(frozen=True)
class AmountFit:
    """How the amount sought compares with what the instrument awards on a date."""

    fit: Fit
    need: float | None = None
    low: float | None = None
    high: float | None = None


Ranges = list[tuple[float, float | None]]
_AWARDS: dict[tuple[int, int], tuple[Instrument, Ranges, bool]] = {}


def _awards(instrument: Instrument, on: date) -> tuple[Ranges, bool]:
    """Return the award ranges that hold on ``on`` and whether an award is a percentage.

    They depend on the record and the year only: found once (records are immutable).
    """
    key = (id(instrument), on.year)
    known = _AWARDS.get(key)
    if known is None or known[0] is not instrument:
        awards = [a for a in instrument.amounts_on(on) if a.scope == "award"]
        ranges: Ranges = [(a.min_eur or 0.0, a.max_eur) for a in awards if a.max_eur]
        known = (instrument, ranges, any(a.percentage for a in awards))
        if len(_AWARDS) >= 8192:
            _AWARDS.clear()
        _AWARDS[key] = known
    return known[1], known[2]


def amount_fit(answers: Answers, instrument: Instrument, on: date) -> AmountFit:
    """Compare the need with the award ranges that hold on ``on``.

    Ranges are the record's ``award`` amounts with a maximum; an award that is only a
    percentage of costs scales with the project (``share_of_costs``), and so does every tax
    scheme, whose figures are brackets of costs or profit rather than a sum one receives.
    """
    need = answers.get("funding_need_eur")
    if need is None:
        return AmountFit("unknown")
    amount = float(need)  # type: ignore[arg-type]
    if instrument.kind == "tax":
        return AmountFit("share_of_costs", amount)
    ranges, percentage = _awards(instrument, on)
    if not ranges:
        if percentage:
            return AmountFit("share_of_costs", amount)
        return AmountFit("unknown", amount)
    low = min(r[0] for r in ranges)
    high = max(r[1] for r in ranges if r[1] is not None)
    if any(lo <= amount <= hi for lo, hi in ranges if hi is not None):
        return AmountFit("in_range", amount, low, high)
    return AmountFit("above_max" if amount > high else "below_min", amount, low, high)
