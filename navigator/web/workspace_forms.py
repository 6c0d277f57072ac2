"""Forms of the advisor workspace (fields, limits and messages; no views)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional, Regexp

from navigator.db.casework import OUTCOMES

OUTCOME_LABELS = {
    "intended": lazy_gettext("Intends to apply"),
    "applied": lazy_gettext("Applied"),
    "awarded": lazy_gettext("Awarded"),
    "rejected": lazy_gettext("Rejected"),
}


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class NewCaseForm(FlaskForm):
    """A new case for a client."""

    client_name = StringField(
        lazy_gettext("Client (company or person)"),
        validators=[DataRequired(lazy_gettext("Give the client's name.")), Length(max=200)],
    )
    kvk_number = StringField(
        lazy_gettext("KVK number (optional)"),
        description=lazy_gettext("8 digits, for example 12345678"),
        validators=[
            Optional(),
            Regexp(r"^\d{8}$", message=lazy_gettext("A KVK number has 8 digits.")),
        ],
    )
    contact = StringField(
        lazy_gettext("Contact (optional)"),
        description=lazy_gettext("A name, e-mail address or phone number"),
        validators=[Optional(), Length(max=200)],
    )


class TakeOverForm(FlaskForm):
    """A client's share code."""

    code = StringField(
        lazy_gettext("Share code from the client"),
        description=lazy_gettext("8 letters and digits, for example ABCD-EF23"),
        validators=[
            DataRequired(lazy_gettext("Give the client's share code.")),
            Regexp(
                r"^\s*[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}\s*$",
                message=lazy_gettext("A share code has 8 letters and digits."),
            ),
        ],
    )
    client_name = StringField(
        lazy_gettext("Client (company or person)"),
        validators=[DataRequired(lazy_gettext("Give the client's name.")), Length(max=200)],
    )


class NoteForm(FlaskForm):
    """A note on the case or one instrument."""

    instrument_id = SelectField(lazy_gettext("About"), validate_choice=False)
    text = TextAreaField(
        lazy_gettext("Note"),
        validators=[DataRequired(lazy_gettext("Write the note.")), Length(max=4000)],
    )


class OutcomeForm(FlaskForm):
    """What became of one instrument."""

    instrument_id = SelectField(lazy_gettext("Instrument"), validate_choice=False)
    status = SelectField(
        lazy_gettext("Outcome"),
        choices=choices(OUTCOME_LABELS.items()),
        validators=[AnyOf(OUTCOMES)],
    )
    on_date = DateField(
        lazy_gettext("On (optional)"),
        description=lazy_gettext("The date of the application or decision"),
        validators=[Optional()],
    )
    amount_eur = IntegerField(
        lazy_gettext("Amount awarded in euros (optional)"),
        validators=[
            Optional(),
            NumberRange(
                0, 10_000_000_000, lazy_gettext("Give an amount between 0 and 10 billion.")
            ),
        ],
    )
    reason = TextAreaField(
        lazy_gettext("Reason (for a rejection)"), validators=[Optional(), Length(max=2000)]
    )


class HandoverForm(FlaskForm):
    """Hand the case to another organisation."""

    organisation_id = SelectField(
        lazy_gettext("To organisation"), coerce=int, validate_choice=False
    )
    message = TextAreaField(
        lazy_gettext("Message for the receiving advisor"),
        validators=[DataRequired(lazy_gettext("Write a message.")), Length(max=4000)],
    )


class ConfirmForm(FlaskForm):
    """A button only (a POST with a CSRF token)."""
