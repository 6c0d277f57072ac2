"""The wizard's pages: one topic each, in order, each active only when earlier answers make it
relevant. Pure data plus predicates over answers; no Flask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from navigator.domain.answers import Answers
from navigator.wizard.questions import N_

Predicate = Callable[[Answers], bool]

NO_COMPANY = ("none_yet", "knowledge_institution", "public_body")
NOT_AN_INNOVATOR = ("fund_manager", "public_procurer")


def always(answers: Answers) -> bool:
    """Ask this page in every journey."""
    del answers
    return True


def _role_not(*roles: str) -> Predicate:
    return lambda answers: answers.get("role") not in roles


def _org_not(*types: str) -> Predicate:
    return lambda answers: answers.get("organisation_type") not in types


def _all(*predicates: Predicate) -> Predicate:
    return lambda answers: all(p(answers) for p in predicates)


def is_knowledge_side(answers: Answers) -> bool:
    """Ask for the institution type of knowledge institutions and of researchers."""
    return (
        answers.get("organisation_type") == "knowledge_institution"
        or answers.get("role") == "researcher"
    )


def may_do_rd(answers: Answers) -> bool:
    """Ask R&D details unless the applicant said it does no R&D of its own."""
    return answers.get("does_own_rd") is not False and _role_not(*NOT_AN_INNOVATOR)(answers)


def may_pay_corporate_tax(answers: Answers) -> bool:
    """Ask about innovation profit only of (possible) corporate-tax payers."""
    return answers.get("organisation_type") in (None, "private_company")


@dataclass(frozen=True)
class Step:
    """One question page."""

    id: str
    title: str
    fields: tuple[str, ...]
    is_active: Predicate = always


_innovator = _role_not(*NOT_AN_INNOVATOR)
_enterprise = _all(_org_not(*NO_COMPANY, "investment_fund"), _role_not("public_procurer"))

STEPS: tuple[Step, ...] = (
    Step("role", N_("About you"), ("role",)),
    Step("organisation", N_("Your organisation"), ("organisation_type",)),
    Step(
        "institution",
        N_("Knowledge institution"),
        ("knowledge_institution_type",),
        is_knowledge_side,
    ),
    Step(
        "size",
        N_("Size of the enterprise"),
        ("employees_fte", "annual_turnover_eur", "balance_sheet_total_eur", "part_of_larger_group"),
        _enterprise,
    ),
    Step("founded", N_("Registration"), ("year_founded",), _enterprise),
    Step("location", N_("Location"), ("province",)),
    Step(
        "themes",
        N_("Sectors and themes"),
        ("topsectors", "mission_themes", "key_technologies"),
        _innovator,
    ),
    Step("stage", N_("Stage of the innovation"), ("development_stage", "trl"), _innovator),
    Step("rd", N_("Research and development"), ("does_own_rd",), _innovator),
    Step(
        "rd-details", N_("Your R&D work"), ("rd_hours_per_year", "rd_staff_on_payroll"), may_do_rd
    ),
    Step(
        "project",
        N_("The project"),
        ("project_started", "funding_need_eur", "funding_forms"),
        _innovator,
    ),
    Step(
        "collaboration",
        N_("Collaboration"),
        ("applies_as_consortium", "collaboration", "spin_off_of_knowledge_institution"),
        _innovator,
    ),
    Step(
        "financing",
        N_("Private financing"),
        ("private_cofinancing_eur", "investor_letter_of_intent"),
        _innovator,
    ),
    Step(
        "innovation",
        N_("The innovation"),
        ("innovation_focus", "energy_or_climate_innovation", "has_ip"),
        _innovator,
    ),
    Step("profit", N_("Innovation profit"), ("profit_from_own_innovation",), may_pay_corporate_tax),
    Step(
        "investments",
        N_("Investments"),
        ("energy_saving_investment", "environmental_investment"),
        _enterprise,
    ),
    Step(
        "market",
        N_("Market"),
        ("international_ambition", "targets_public_sector_customer", "social_enterprise"),
        _innovator,
    ),
    Step(
        "history",
        N_("Support received before"),
        ("received_instruments", "de_minimis_received_eur"),
    ),
)

STEP_BY_ID: dict[str, Step] = {step.id: step for step in STEPS}
STEP_OF_FIELD: dict[str, Step] = {name: step for step in STEPS for name in step.fields}
