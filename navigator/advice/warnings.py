"""Cumulation and de-minimis warnings for the instruments on a route and those received.

The rules of combination are data (``rules/_combinations.yaml``); the de-minimis ceiling is a
dated parameter (``rules/_common.yaml``), so the ceiling of the evaluation date applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from navigator.advice.combinations import Combination
from navigator.domain.answers import Answers, listed
from navigator.domain.catalogue import Instrument
from navigator.domain.text import Text
from navigator.rules.loader import Rulebook

Level = Literal["stop", "caution", "tip"]
CAUTION_SHARE = 0.8  # warn from 80% of the de-minimis ceiling
DE_MINIMIS_SOURCE = (
    "https://eur-lex.europa.eu/legal-content/NL/TXT/HTML/?qid=1727744038119&uri=OJ%3AL_202302831"
)


@dataclass(frozen=True)
class Alert:
    """One warning about combining instruments or about state-aid room."""

    id: str
    level: Level
    instruments: tuple[str, ...]
    text: Text
    source_url: str
    quality: str


def _euro(amount: float, lang: str) -> str:
    return f"€ {amount:,.0f}".replace(",", "." if lang == "nl" else ",")


def combination_warnings(
    rules: Iterable[Combination], by_id: dict[str, Instrument], involved: set[str]
) -> list[Alert]:
    """Apply the combination rules to the instruments involved (route plus received)."""
    found: list[Alert] = []
    for rule in rules:
        if rule.kind == "cumulation_limit":
            matched = sorted(i for i in involved if by_id[i].state_aid == rule.state_aid)
            if len(matched) < 2:
                continue
        else:
            matched = sorted(set(rule.instruments) & involved)
            if len(matched) < 2:
                continue
        level: Level = "tip" if rule.kind == "combinable" else "caution"
        found.append(
            Alert(rule.id, level, tuple(matched), rule.text, rule.source_url, rule.quality)
        )
    return found


def _de_minimis_text(received: float, planned: float, ceiling: float, level: Level) -> Text:
    total = received + planned
    nl = {
        k: _euro(v, "nl")
        for k, v in (("r", received), ("p", planned), ("t", total), ("c", ceiling))
    }
    en = {
        k: _euro(v, "en")
        for k, v in (("r", received), ("p", planned), ("t", total), ("c", ceiling))
    }
    if level == "stop":
        return Text(
            nl=f"Met {nl['r']} ontvangen en {nl['p']} geplande de-minimissteun komt u op "
            f"{nl['t']}: boven het plafond van {nl['c']} over drie jaar.",
            en=f"With {en['r']} received and {en['p']} planned de-minimis aid you reach "
            f"{en['t']}: above the ceiling of {en['c']} over three years.",
        )
    share = f"{total / ceiling:.0%}"
    return Text(
        nl=f"Met {nl['t']} de-minimissteun zit u op {share} van het plafond van {nl['c']} "
        "over drie jaar; houd rekening met de ruimte die overblijft.",
        en=f"With {en['t']} of de-minimis aid you are at {share} of the ceiling of {en['c']} "
        "over three years; mind the room that is left.",
    )


def _largest_award(instrument: Instrument, on: date) -> float:
    awards = [a.max_eur or 0.0 for a in instrument.amounts_on(on) if a.scope == "award"]
    return max(awards, default=0.0)


def de_minimis_warnings(
    book: Rulebook, answers: Answers, route_ids: set[str], by_id: dict[str, Instrument], on: date
) -> list[Alert]:
    """Warn when received plus planned de-minimis aid nears or exceeds the ceiling of ``on``."""
    ceiling = book.common.parameters["de_minimis_ceiling_eur"].at(on)
    de_minimis = sorted(i for i in route_ids if by_id[i].state_aid == "de_minimis")
    received = answers.get("de_minimis_received_eur")
    if ceiling is None:
        return []
    if received is None:
        if not de_minimis:
            return []
        text = Text(
            nl="Deze regelingen zijn de-minimissteun; geef aan hoeveel de-minimissteun u de "
            "afgelopen drie jaar kreeg, zodat Navigator kan nagaan of u onder het plafond blijft.",
            en="These schemes are de-minimis aid; say how much de-minimis aid you received in the "
            "last three years, so that Navigator can check that you stay under the ceiling.",
        )
        return [
            Alert(
                "de-minimis-unknown",
                "caution",
                tuple(de_minimis),
                text,
                DE_MINIMIS_SOURCE,
                "official",
            )
        ]
    planned = sum(_largest_award(by_id[i], on) for i in de_minimis)
    total = float(received) + planned  # type: ignore[arg-type]
    if total < CAUTION_SHARE * ceiling:
        return []
    level: Level = "stop" if total > ceiling else "caution"
    text = _de_minimis_text(float(received), planned, ceiling, level)  # type: ignore[arg-type]
    return [
        Alert("de-minimis-ceiling", level, tuple(de_minimis), text, DE_MINIMIS_SOURCE, "official")
    ]


def warnings_for(
    book: Rulebook,
    rules: Iterable[Combination],
    by_id: dict[str, Instrument],
    answers: Answers,
    route_ids: set[str],
    eligible_ids: set[str],
    on: date,
) -> list[Alert]:
    """Return every warning for a route, stop-level first.

    Combination rules look at the route and what was received; the de-minimis check also
    counts de-minimis instruments that are eligible now but not on the route (advice vouchers).
    """
    received = set(listed(answers, "received_instruments"))
    involved = {i for i in route_ids | received if i in by_id}
    found = de_minimis_warnings(book, answers, route_ids | eligible_ids, by_id, on)
    found += combination_warnings(rules, by_id, involved)
    order = {"stop": 0, "caution": 1, "tip": 2}
    return sorted(found, key=lambda w: (order[w.level], w.id))
