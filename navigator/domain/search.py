"""Search and filter the catalogue (the public catalogue page and its CSV download)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from navigator.domain.catalogue import Catalogue, Instrument


@dataclass(frozen=True)
class Filters:
    """What the user filters on; empty strings mean "any"."""

    q: str = ""
    kind: str = ""
    body: str = ""
    region: str = ""
    stage: str = ""
    status: str = ""


def _matches_text(item: Instrument, q: str) -> bool:
    haystack = " ".join(
        [item.id, item.body, item.name.nl, item.name.en, item.description.nl, item.description.en]
    ).lower()
    return all(word in haystack for word in q.lower().split())


def matches(item: Instrument, filters: Filters) -> bool:
    """Tell whether an instrument passes every filter."""
    return (
        (not filters.q or _matches_text(item, filters.q))
        # the instrument's main kind: "loan" finds loans, not equity funds that also lend
        and (not filters.kind or filters.kind == item.kind)
        and (not filters.body or item.body == filters.body)
        and (not filters.region or item.national or filters.region in item.regions)
        and (not filters.stage or not item.stages or filters.stage in item.stages)
        and (not filters.status or item.window.status == filters.status)
    )


def search(catalogue: Catalogue, filters: Filters) -> list[Instrument]:
    """Return the instruments that pass the filters, by Dutch name."""
    found = [i for i in catalogue.instruments if matches(i, filters)]
    return sorted(found, key=lambda i: i.name.nl.lower())


def bodies(catalogue: Catalogue) -> list[str]:
    """Return the administering bodies, for the filter."""
    return sorted({i.body for i in catalogue.instruments})


CSV_COLUMNS = (
    "id",
    "name_nl",
    "name_en",
    "kind",
    "also",
    "award",
    "body",
    "regions",
    "stages",
    "window_status",
    "window_opens",
    "window_closes",
    "amounts_en",
    "indicative",
    "source_url",
    "facts_as_of",
    "checked_on",
    "review_by",
)


def _row(item: Instrument) -> list[str]:
    amounts = "; ".join(
        f"{a.label.en} ({a.year}{', indicative' if a.indicative else ''})" for a in item.amounts
    )
    return [
        item.id,
        item.name.nl,
        item.name.en,
        item.kind,
        " ".join(item.also),
        item.award,
        item.body,
        " ".join(item.regions) or "national",
        " ".join(item.stages),
        item.window.status,
        str(item.window.opens or ""),
        str(item.window.closes or ""),
        amounts,
        "; ".join(item.indicative),
        item.source_url,
        item.facts_as_of.isoformat(),
        item.checked_on.isoformat(),
        item.review_by.isoformat(),
    ]


def to_csv(catalogue: Catalogue, dutch: bool = False) -> str:
    """Return the catalogue as CSV (open data), one row per instrument.

    ``dutch``: the dialect a Dutch-locale spreadsheet opens correctly (semicolons and a UTF-8
    byte-order mark); otherwise the standard comma-separated form (RFC 4180).
    """
    buffer = io.StringIO()
    if dutch:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if dutch else ",")
    writer.writerow(CSV_COLUMNS)
    for item in catalogue.instruments:
        writer.writerow(_row(item))
    return buffer.getvalue()
