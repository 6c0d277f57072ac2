"""Numbers typed in the wizard, in Dutch or English notation."""

from __future__ import annotations

import pytest

from navigator.web.forms import parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("5", 5),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("250.000", 250000),
        ("250,000", 250000),
        ("€ 250.000", 250000),
        ("1.250.000,50", 1250000.5),
        ("1,250,000.50", 1250000.5),
        ("250 000", 250000),
        ("0", 0),
        ("-3", -3),
    ],
)
def test_numbers_in_either_notation(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["vijf", "", "1,2,3", "5 fte", "1e9", "--5", "Infinity"])
def test_text_that_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
