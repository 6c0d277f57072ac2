"""Template filters: money, dates and bilingual data texts in the user's language."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_babel import format_date, format_decimal

from navigator.domain.text import Text


def euro(value: float | None) -> str:
    """Format an amount in whole euros in the user's locale."""
    if value is None:
        return ""
    return "€ " + format_decimal(round(value), format="#,##0")


def month_year(value: date) -> str:
    """Format a date as month and year ("januari 2026"): facts are dated to the month."""
    return format_date(value, "MMMM yyyy")


def long_date(value: date) -> str:
    """Format a date in full ("15 januari 2026")."""
    return format_date(value, "d MMMM yyyy")


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
