"""The answers vocabulary shared by the wizard, the JSON API and the CLI.

The field names and values are the contract of ``shared/reference/profile.md``: they may be
extended, never renamed or dropped. Every field is optional; an absent field means "not
answered", which the rules treat as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["enum", "bool", "number", "int", "enum_list", "id_list"]

PROVINCES = (
    "drenthe",
    "flevoland",
    "friesland",
    "gelderland",
    "groningen",
    "limburg",
    "noord-brabant",
    "noord-holland",
    "overijssel",
    "utrecht",
    "zeeland",
    "zuid-holland",
)

MONEY_MAX = 1e11  # €100 bn: above any real request; guards against absurd or overflowing input


@dataclass(frozen=True)
class FieldSpec:
    """Describe one answer field: its type, allowed values and bounds."""

    name: str
    kind: Kind
    description: str
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_list(self) -> bool:
        """Tell whether the field holds a list of values."""
        return self.kind in ("enum_list", "id_list")


def _enum(name: str, description: str, *values: str) -> FieldSpec:
    return FieldSpec(name, "enum", description, values)


def _flag(name: str, description: str) -> FieldSpec:
    return FieldSpec(name, "bool", description)


def _money(name: str, description: str) -> FieldSpec:
    return FieldSpec(name, "number", description, minimum=0, maximum=MONEY_MAX)


def _enum_list(name: str, description: str, *values: str) -> FieldSpec:
    return FieldSpec(name, "enum_list", description, values)


_SPECS = (
    _enum(
        "organisation_type",
        "Legal form of the applicant",
        "none_yet",
        "sole_proprietor",
        "partnership",
        "private_company",
        "foundation_or_association",
        "knowledge_institution",
        "investment_fund",
        "public_body",
    ),
    _enum(
        "knowledge_institution_type",
        "Kind of knowledge institution (applicant or researcher's employer)",
        "university",
        "university_of_applied_sciences",
        "umc",
        "to2",
        "other",
    ),
    _enum(
        "role",
        "Who is asking",
        "entrepreneur",
        "researcher",
        "fund_manager",
        "advisor",
        "public_procurer",
    ),
    _flag("applies_as_consortium", "Applies together with partners"),
    FieldSpec(
        "employees_fte",
        "number",
        "Staff in FTE, including linked enterprises",
        minimum=0,
        maximum=10_000_000,
    ),
    _money("annual_turnover_eur", "Annual turnover in euro"),
    _money("balance_sheet_total_eur", "Balance-sheet total in euro"),
    _flag("part_of_larger_group", "At least 25% owned by, or owning, another enterprise"),
    FieldSpec("year_founded", "int", "Year of KVK registration", minimum=1800),
    _enum("province", "Province of establishment", *PROVINCES, "outside_nl"),
    _enum_list(
        "topsectors",
        "Topsectors the work belongs to",
        "agri_food",
        "chemie",
        "creatieve_industrie",
        "energie",
        "htsm",
        "life_sciences_health",
        "logistiek",
        "tuinbouw_uitgangsmaterialen",
        "water_maritiem",
    ),
    _enum_list(
        "mission_themes",
        "Mission themes the innovation serves",
        "energy_sustainability",
        "agriculture_water_food",
        "health_care",
        "security",
        "key_technologies",
        "societal_earning_capacity",
        "circular_economy",
        "digitalisation",
    ),
    _enum_list(
        "key_technologies",
        "Key technologies used or developed",
        "chemical",
        "digital",
        "engineering_fabrication",
        "photonics_light",
        "advanced_materials",
        "quantum",
        "life_science",
        "nano",
    ),
    _enum(
        "development_stage",
        "Stage of the innovation",
        "idea",
        "research",
        "proof_of_concept",
        "prototype",
        "pilot_demonstration",
        "market_introduction",
        "growth",
    ),
    FieldSpec("trl", "int", "Technology readiness level", minimum=1, maximum=9),
    _flag("does_own_rd", "Develops technically new products, processes or software itself"),
    FieldSpec(
        "rd_hours_per_year",
        "number",
        "Expected R&D hours in the coming year",
        minimum=0,
        maximum=100_000_000,
    ),
    _flag("rd_staff_on_payroll", "R&D is done by employees on the payroll"),
    _flag("project_started", "The project to be funded has already started"),
    _enum_list(
        "collaboration",
        "Partners in the project",
        "knowledge_institution",
        "sme_partner",
        "large_company",
        "foreign_partner",
        "public_body",
        "none",
    ),
    _flag("spin_off_of_knowledge_institution", "Builds on research of a knowledge institution"),
    _money("funding_need_eur", "Amount sought for the coming step"),
    _enum_list(
        "funding_forms",
        "Forms of funding the applicant accepts",
        "grant",
        "tax_credit",
        "loan",
        "equity",
        "guarantee",
        "procurement_contract",
        "advice_network",
    ),
    _money("private_cofinancing_eur", "Private money committed or promised"),
    _flag("investor_letter_of_intent", "An investor has promised in writing to invest"),
    _enum_list(
        "innovation_focus",
        "What the innovation is",
        "product",
        "process",
        "service",
        "software",
        "social",
        "business_model",
    ),
    _flag("energy_or_climate_innovation", "The innovation reduces CO2 or saves energy"),
    _flag("international_ambition", "Plans to sell or develop abroad"),
    _flag("targets_public_sector_customer", "A government body is a likely customer"),
    _flag("social_enterprise", "Social enterprise (incl. BVm)"),
    _flag("has_ip", "Patent (application), plant breeder's right or similar"),
    _flag("profit_from_own_innovation", "Makes taxable profit from self-developed innovations"),
    _flag("energy_saving_investment", "Plans to buy energy-saving business assets"),
    _flag("environmental_investment", "Plans to buy environment-friendly business assets"),
    FieldSpec("received_instruments", "id_list", "Instrument ids of support received before"),
    _money("de_minimis_received_eur", "De-minimis aid received in the last three years"),
)

FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in _SPECS}
FIELD_ORDER: tuple[str, ...] = tuple(FIELDS)
