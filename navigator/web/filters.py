"""Template filters: money, dates and bilingual data texts in the user's language."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from flask import Flask
from flask_babel import format_date, format_decimal, get_locale

from navigator.domain.text import Text


def euro(value: float | None) -> str:
    """Format an amount in whole euros in the user's locale."""
    if value is None:
        return ""
    return "€ " + format_decimal(round(value), format="#,##0")


def month_year(value: date) -> str:
    """Format a date as month and year ("januari 2026"): facts are dated to the month."""
    return _dated(value, "MMMM yyyy", str(get_locale()))


def long_date(value: date) -> str:
    """Format a date in full ("15 januari 2026")."""
    return _dated(value, "d MMMM yyyy", str(get_locale()))


@lru_cache(maxsize=4096)
def _dated(value: date, pattern: str, locale: str) -> str:
    # a page shows about a hundred dates, most of them repeated; babel takes ~20 us for each
    return format_date(value, pattern)


def text(value: Text | None, lang: str) -> str:
    """Pick the user's language from a bilingual data text."""
    return value.get(lang) if value is not None else ""


def diff_value(value: object) -> str:
    """A changed value in a catalogue diff, as JSON (no value: a dash)."""
    import json

    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def register(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(euro)
    app.add_template_filter(month_year)
    app.add_template_filter(long_date)
    app.add_template_filter(diff_value)
    app.add_template_filter(text)
