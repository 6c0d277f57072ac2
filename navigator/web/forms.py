"""One Flask-WTF form per wizard step, built from the answers vocabulary.

Every field is optional (an empty answer means "not answered"). Numbers accept Dutch and
English notation ("2,5", "250.000", "€ 250 000"). Messages follow the GOV.UK pattern: they
say what to do, in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from navigator.domain.vocabulary import FIELDS, FieldSpec
from navigator.wizard.questions import QUESTIONS
from navigator.wizard.steps import Step

NONE_OF_THESE = "__none__"
LISTS_WITH_NONE = ("topsectors", "mission_themes", "key_technologies", "received_instruments")
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


class CheckboxesField(SelectMultipleField):
    """Checkboxes for a list answer."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def parse_number(text: str) -> float:
    """Parse a number typed in Dutch or English notation.

    Raises:
        ValueError: when the text is not a number.
    """
    cleaned = re.sub(r"[\s€_]", "", text).replace("\u00a0", "")
    if _GROUPED.match(cleaned):
        cleaned = re.sub(r"[.,]", "", cleaned)
    elif "," in cleaned and "." in cleaned:
        thousands, decimal = (".", ",") if cleaned.rfind(",") > cleaned.rfind(".") else (",", ".")
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    return float(cleaned)


class NumberInRange:
    """Validate a number field against its vocabulary bounds and keep the parsed value."""

    def __init__(self, spec: FieldSpec, noun: str, max_year: int | None = None) -> None:
        self.spec = spec
        self.noun = noun
        self.max_year = max_year

    def __call__(self, form: FlaskForm, field: Field) -> None:
        """Parse and check the typed text; store the number on ``field.number``."""
        noun = gettext(self.noun)
        try:
            number = parse_number(field.data or "")
        except ValueError:
            example = _example(self.spec.name)
            raise StopValidation(
                gettext("Enter %(noun)s as a number, like %(example)s", noun=noun, example=example)
            ) from None
        if self.spec.kind == "int" and not number.is_integer():
            raise ValidationError(gettext("Enter %(noun)s as a whole number", noun=noun))
        low, high = self.spec.minimum, self.spec.maximum
        if self.max_year is not None:
            high = self.max_year
        if low is not None and number < low:
            raise ValidationError(_range_message(noun, low, high, below=True))
        if high is not None and number > high:
            raise ValidationError(_range_message(noun, low, high, below=False))
        field.number = int(number) if self.spec.kind == "int" else number


def _shown(value: float) -> str:
    """Format a bound as people write it (1.000.000 in Dutch, 1,000,000 in English)."""
    from flask_babel import format_decimal

    return str(format_decimal(value, format="#,##0.##"))


def _example(name: str) -> str:
    """Return an example that fits the field (a year for a year, an amount for money)."""
    if name == "year_founded":
        return "2019"
    if name.endswith("_eur"):
        return _shown(250_000)
    if name == "trl":
        return "4"
    if name == "rd_hours_per_year":
        return _shown(1_200)
    return "5"


def _range_message(noun: str, low: float | None, high: float | None, below: bool) -> str:
    """Name the limit that was crossed (and the whole range when it is a short one)."""
    if high is not None and low is not None and high < 1e4:
        return gettext(
            "Enter a number from %(low)s to %(high)s for %(noun)s",
            low=_shown(low),
            high=_shown(high),
            noun=noun,
        )
    if below:
        return gettext("Enter %(low)s or more for %(noun)s", low=_shown(low or 0), noun=noun)
    return gettext("Enter at most %(high)s for %(noun)s", high=_shown(high or 0), noun=noun)


def _options(name: str) -> list[SelectChoice]:
    question = QUESTIONS[name]
    return [SelectChoice(value, lazy_gettext(label)) for value, label in question.options.items()]


class NoneIsAlone:
    """Reject 'none of these' combined with other choices."""

    def __call__(self, form: FlaskForm, field: Field) -> None:
        """Check the combination."""
        chosen = field.data or []
        if (NONE_OF_THESE in chosen or "none" in chosen) and len(chosen) > 1:
            raise ValidationError(
                gettext("Select 'none' on its own, or only the options that apply")
            )


def make_field(
    name: str, instrument_options: Sequence[tuple[str, str]], this_year: int, advisor: bool = False
) -> Field:
    """Return the unbound WTForms field for one answers field (addressed to an advisor's
    client when ``advisor``).
    """
    spec = FIELDS[name]
    question = QUESTIONS[name]
    label = lazy_gettext(question.label_for(advisor))
    hint = question.hint_for(advisor)
    description = lazy_gettext(hint) if hint else ""
    if spec.kind in ("enum", "bool"):
        return RadioField(
            label, choices=_options(name), validators=[Optional()], description=description
        )
    if spec.kind in ("number", "int"):
        max_year = this_year if name == "year_founded" else None
        validator = NumberInRange(spec, question.noun, max_year)
        return StringField(label, validators=[Optional(), validator], description=description)
    if spec.kind == "id_list":
        options = [SelectChoice(value, label) for value, label in instrument_options]
    else:
        options = _options(name)
    if name in LISTS_WITH_NONE:
        options.append(SelectChoice(NONE_OF_THESE, lazy_gettext("None of these")))
    return CheckboxesField(
        label, choices=options, validators=[NoneIsAlone()], description=description
    )


def build_form(
    step: Step,
    instrument_options: Sequence[tuple[str, str]],
    this_year: int,
    advisor: bool = False,
) -> type[FlaskForm]:
    """Return a form class for one step (fields in the step's order)."""
    attrs = {name: make_field(name, instrument_options, this_year, advisor) for name in step.fields}
    return type(f"{step.id.title().replace('-', '')}Form", (FlaskForm,), attrs)
