"""The choices of "support received before": instruments grouped by kind, without routing
organisations and without schemes that ended more than three years ago. No Flask.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from navigator.domain.catalogue import Instrument
from navigator.recommend import Navigator

# The kinds in the order the page groups them; "network" (RVO, KVK, TKIs, field labs: ways in,
# not support received) is left out.
KINDS = ("subsidy", "tax", "loan", "equity", "guarantee", "procurement")
ENDED_LONG_AGO_YEARS = 3


def _ended_long_ago(navigator: Navigator, instrument: Instrument, on: date) -> bool:
    ended = navigator.rulebook.rules[instrument.id].valid_until
    if ended is None:
        return False
    try:
        limit = on.replace(year=on.year - ENDED_LONG_AGO_YEARS)
    except ValueError:  # 29 February
        limit = on.replace(year=on.year - ENDED_LONG_AGO_YEARS, day=28)
    return ended < limit


def history_choices(
    navigator: Navigator, on: date, keep: Collection[str] = ()
) -> list[tuple[str, list[Instrument]]]:
    """Return (kind, instruments) in ``KINDS`` order, each group in catalogue order.

    Instruments in ``keep`` (already chosen) stay, whatever their kind or end date, so that a
    saved answer is never dropped silently.
    """
    groups: dict[str, list[Instrument]] = {kind: [] for kind in KINDS}
    for item in navigator.catalogue.instruments:
        chosen = item.id in keep
        if not chosen and (item.kind not in KINDS or _ended_long_ago(navigator, item, on)):
            continue
        groups.setdefault(item.kind, []).append(item)
    return [(kind, items) for kind, items in groups.items() if items]
