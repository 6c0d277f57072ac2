"""Answers that contradict each other: each check names the field to correct and says why.

The API answers 400 with these errors, the CLI exits 2, and the wizard shows them on the
question page (or links to the earlier page that must change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from navigator.domain.answers import Answers, FieldError

# A founder who has not registered at KVK cannot employ staff; one FTE is the founder.
MAX_FTE_BEFORE_REGISTRATION = 1


def N_(message: str) -> str:  # noqa: N802 - gettext no-op marker; the wizard translates
    """Mark a message for extraction."""
    return message


@dataclass(frozen=True)
class Check:
    """One consistency rule: when ``clash`` holds, ``field`` must change.

    ``message`` is the API's; ``explain`` is the wizard's sentence (translated there).
    """

    field: str
    clash: Callable[[Answers], bool]
    message: str
    explain: str


def _number(answers: Answers, name: str) -> float | None:
    value = answers.get(name)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _not_registered(answers: Answers) -> bool:
    return answers.get("organisation_type") == "none_yet"


CHECKS = (
    Check(
        "employees_fte",
        lambda a: (
            _not_registered(a) and (_number(a, "employees_fte") or 0) > MAX_FTE_BEFORE_REGISTRATION
        ),
        "cannot be above 1 FTE for an organisation that is not registered at KVK yet "
        "(organisation_type is none_yet)",
        N_(
            "An organisation that is not registered at KVK yet cannot have staff: enter at most "
            "1 FTE, or choose the legal form it has"
        ),
    ),
    Check(
        "year_founded",
        lambda a: _not_registered(a) and a.get("year_founded") is not None,
        "cannot be given for an organisation that is not registered at KVK yet "
        "(organisation_type is none_yet)",
        N_(
            "An organisation that is not registered at KVK yet has no year of registration: "
            "remove the year, or choose the legal form it has"
        ),
    ),
    Check(
        "knowledge_institution_type",
        lambda a: (
            a.get("knowledge_institution_type") is not None
            and a.get("organisation_type") not in (None, "knowledge_institution")
            and a.get("role") not in (None, "researcher")
            and a.get("spin_off_of_knowledge_institution") is not True
        ),
        "only applies to a knowledge institution, a researcher employed by one, or a spin-off "
        "company (spin_off_of_knowledge_institution true) that builds on one",
        N_(
            "The kind of knowledge institution only applies to a knowledge institution, a "
            "researcher or a spin-off: remove it, or change who you are"
        ),
    ),
    Check(
        "rd_hours_per_year",
        lambda a: a.get("does_own_rd") is False and (_number(a, "rd_hours_per_year") or 0) > 0,
        "cannot be more than 0 when does_own_rd is false (no R&D of your own)",
        N_("You said you do no R&D of your own: enter 0 R&D hours, or change that answer"),
    ),
    Check(
        "rd_staff_on_payroll",
        lambda a: (
            a.get("rd_staff_on_payroll") is True
            and (a.get("does_own_rd") is False or _number(a, "employees_fte") == 0)
        ),
        "cannot be true without R&D of your own and staff (does_own_rd, employees_fte)",
        N_(
            "R&D staff on the payroll needs R&D of your own and staff: change this answer, the "
            "R&D answer or the number of FTE"
        ),
    ),
)


def contradictions(answers: Answers) -> list[FieldError]:
    """Return one error per contradiction, naming the field to correct."""
    return [FieldError(check.field, check.message) for check in CHECKS if check.clash(answers)]


def clashing_checks(answers: Answers) -> list[Check]:
    """Return the checks that fail (the wizard shows their ``explain`` text)."""
    return [check for check in CHECKS if check.clash(answers)]
