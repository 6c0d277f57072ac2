"""Generate the synthetic, realistic profiles that the ranking judgments are made on.

Seeded, so the file is reproducible: ``python data/ranking/make_profiles.py`` rewrites
``data/ranking/profiles.jsonl``. Each archetype comes from the user groups and sectors in the
policy seeds (shared/reference/seeds-digest.md §3–§5); values vary within realistic ranges, and
some answers are left out, as real users skip questions. Nothing here is real usage data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from navigator.domain.vocabulary import PROVINCES as VOCABULARY_PROVINCES

SEED = 20261123
COUNT = 220
OUT = Path(__file__).with_name("profiles.jsonl")
PROVINCES = list(VOCABULARY_PROVINCES)
Profile = dict[str, Any]


def _company(rng: random.Random, fte: tuple[float, float], age: tuple[int, int]) -> Profile:
    employees = round(rng.uniform(*fte), 1)
    turnover = round(employees * rng.uniform(60_000, 180_000), -3)
    return {
        "role": "entrepreneur",
        "organisation_type": "private_company",
        "employees_fte": employees,
        "annual_turnover_eur": turnover,
        "balance_sheet_total_eur": round(turnover * rng.uniform(0.4, 1.2), -3),
        "part_of_larger_group": rng.random() < 0.1,
        "year_founded": 2026 - rng.randint(*age),
        "province": rng.choice(PROVINCES),
    }


def _project(
    rng: random.Random, stages: list[str], need: tuple[float, float], forms: list[str]
) -> Profile:
    stage = rng.choice(stages)
    trl = {
        "idea": 2,
        "research": 3,
        "proof_of_concept": 4,
        "prototype": 5,
        "pilot_demonstration": 7,
        "market_introduction": 8,
        "growth": 9,
    }[stage]
    need_eur = round(10 ** rng.uniform(*need), -3)
    return {
        "development_stage": stage,
        "trl": max(1, min(9, trl + rng.choice([-1, 0, 0, 1]))),
        "project_started": rng.random() < 0.25,
        "funding_need_eur": need_eur,
        "funding_forms": rng.sample(forms, rng.randint(1, len(forms))),
        "private_cofinancing_eur": round(need_eur * rng.choice([0, 0, 0.2, 0.5, 0.8]), -3),
        "investor_letter_of_intent": rng.random() < 0.3,
    }


def software_startup(rng: random.Random) -> Profile:
    return {
        **_company(rng, (1, 15), (0, 5)),
        **_project(
            rng,
            ["proof_of_concept", "prototype", "pilot_demonstration"],
            (4.7, 6.3),
            ["grant", "tax_credit", "loan", "equity"],
        ),
        "topsectors": ["htsm"] if rng.random() < 0.5 else [],
        "key_technologies": ["digital"],
        "mission_themes": rng.sample(
            ["health_care", "key_technologies", "security", "energy_sustainability"], 1
        ),
        "does_own_rd": True,
        "rd_staff_on_payroll": rng.random() < 0.8,
        "rd_hours_per_year": rng.randint(800, 12000),
        "innovation_focus": ["software"],
        "collaboration": rng.choice([["none"], ["knowledge_institution"], ["sme_partner"]]),
        "applies_as_consortium": False,
    }


def hardware_scale_up(rng: random.Random) -> Profile:
    return {
        **_company(rng, (20, 200), (5, 15)),
        **_project(
            rng,
            ["pilot_demonstration", "market_introduction", "growth"],
            (6, 7.3),
            ["equity", "loan", "grant", "guarantee"],
        ),
        "topsectors": ["htsm"],
        "key_technologies": rng.sample(
            ["photonics_light", "engineering_fabrication", "advanced_materials", "nano", "quantum"],
            2,
        ),
        "mission_themes": ["key_technologies"],
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "rd_hours_per_year": rng.randint(10000, 80000),
        "innovation_focus": ["product"],
        "received_instruments": rng.choice(
            [["wbso"], ["wbso", "seed-capital"], ["wbso", "innovatiekrediet"], []]
        ),
        "collaboration": rng.choice([["none"], ["knowledge_institution"], ["foreign_partner"]]),
        "international_ambition": True,
    }


def life_science_spin_off(rng: random.Random) -> Profile:
    base = _company(rng, (1, 12), (0, 4))
    return {
        **base,
        **_project(
            rng,
            ["research", "proof_of_concept", "prototype"],
            (5, 6.5),
            ["grant", "loan", "equity"],
        ),
        "topsectors": ["life_sciences_health"],
        "key_technologies": ["life_science"],
        "mission_themes": ["health_care"],
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "rd_hours_per_year": rng.randint(2000, 15000),
        "spin_off_of_knowledge_institution": True,
        "innovation_focus": ["product"],
        "collaboration": ["knowledge_institution"],
        "has_ip": rng.random() < 0.6,
    }


def agri_food_sme(rng: random.Random) -> Profile:
    return {
        **_company(rng, (10, 90), (6, 40)),
        **_project(
            rng,
            ["prototype", "pilot_demonstration", "market_introduction"],
            (4.7, 6),
            ["grant", "tax_credit", "loan"],
        ),
        "topsectors": rng.choice([["agri_food"], ["tuinbouw_uitgangsmaterialen"]]),
        "mission_themes": ["agriculture_water_food"],
        "key_technologies": rng.choice([[], ["engineering_fabrication"], ["digital"]]),
        "does_own_rd": rng.random() < 0.7,
        "innovation_focus": ["process"],
        "energy_or_climate_innovation": rng.random() < 0.4,
        "energy_saving_investment": rng.random() < 0.4,
        "environmental_investment": rng.random() < 0.3,
        "collaboration": rng.choice(
            [["none"], ["sme_partner"], ["knowledge_institution", "sme_partner"]]
        ),
    }


def energy_company(rng: random.Random) -> Profile:
    return {
        **_company(rng, (3, 120), (1, 20)),
        **_project(
            rng,
            ["prototype", "pilot_demonstration", "market_introduction"],
            (5.5, 7),
            ["grant", "loan", "equity", "tax_credit"],
        ),
        "topsectors": ["energie"],
        "mission_themes": ["energy_sustainability"],
        "key_technologies": rng.sample(
            ["chemical", "engineering_fabrication", "advanced_materials", "digital"], 1
        ),
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "energy_or_climate_innovation": True,
        "innovation_focus": rng.choice([["product"], ["process"]]),
        "applies_as_consortium": rng.random() < 0.4,
        "collaboration": rng.choice(
            [
                ["none"],
                ["knowledge_institution"],
                ["sme_partner", "large_company"],
                ["foreign_partner", "sme_partner"],
            ]
        ),
    }


def manufacturing_sme(rng: random.Random) -> Profile:
    return {
        **_company(rng, (40, 240), (15, 60)),
        **_project(
            rng,
            ["prototype", "market_introduction", "growth"],
            (5, 6.7),
            ["tax_credit", "loan", "grant", "guarantee"],
        ),
        "topsectors": ["htsm"],
        "key_technologies": ["engineering_fabrication"],
        "mission_themes": rng.choice([[], ["key_technologies"]]),
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "rd_hours_per_year": rng.randint(2000, 30000),
        "innovation_focus": ["process", "product"],
        "energy_saving_investment": rng.random() < 0.5,
        "environmental_investment": rng.random() < 0.3,
        "profit_from_own_innovation": rng.random() < 0.6,
        "received_instruments": rng.choice([["wbso"], []]),
        "collaboration": rng.choice([["none"], ["sme_partner"], ["large_company"]]),
    }


def large_company(rng: random.Random) -> Profile:
    base = _company(rng, (300, 3000), (20, 80))
    base["annual_turnover_eur"] = round(rng.uniform(60e6, 900e6), -5)
    return {
        **base,
        **_project(
            rng,
            ["research", "prototype", "pilot_demonstration"],
            (6, 7.5),
            ["grant", "tax_credit", "loan"],
        ),
        "topsectors": rng.sample(["chemie", "htsm", "energie", "water_maritiem", "logistiek"], 1),
        "mission_themes": rng.sample(["energy_sustainability", "key_technologies", "security"], 1),
        "key_technologies": rng.sample(["chemical", "advanced_materials", "digital"], 1),
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "rd_hours_per_year": rng.randint(50000, 500000),
        "applies_as_consortium": True,
        "collaboration": ["knowledge_institution", "sme_partner", "foreign_partner"],
        "profit_from_own_innovation": True,
        "has_ip": True,
        "received_instruments": ["wbso"],
    }


def researcher(rng: random.Random) -> Profile:
    kind = rng.choice(["university", "university", "umc", "university_of_applied_sciences", "to2"])
    return {
        "role": "researcher",
        "organisation_type": rng.choice(["none_yet", "none_yet", "knowledge_institution"]),
        "knowledge_institution_type": kind,
        "province": rng.choice(PROVINCES),
        **_project(rng, ["idea", "research", "proof_of_concept"], (4.3, 5.7), ["grant", "loan"]),
        "topsectors": rng.sample(
            ["life_sciences_health", "htsm", "energie", "agri_food", "chemie"], 1
        ),
        "key_technologies": rng.sample(
            ["life_science", "nano", "quantum", "photonics_light", "chemical", "digital"], 1
        ),
        "mission_themes": rng.sample(
            ["health_care", "energy_sustainability", "key_technologies", "agriculture_water_food"],
            1,
        ),
        "does_own_rd": True,
        "spin_off_of_knowledge_institution": True,
        "collaboration": rng.choice(
            [["knowledge_institution"], ["knowledge_institution", "sme_partner"], ["large_company"]]
        ),
    }


def solo_innovator(rng: random.Random) -> Profile:
    base = {
        "role": "entrepreneur",
        "organisation_type": "sole_proprietor",
        "employees_fte": rng.choice([0, 1]),
        "annual_turnover_eur": round(rng.uniform(20_000, 150_000), -3),
        "year_founded": 2026 - rng.randint(0, 12),
        "province": rng.choice(PROVINCES),
    }
    return {
        **base,
        **_project(
            rng,
            ["idea", "proof_of_concept", "prototype"],
            (4, 5.5),
            ["grant", "tax_credit", "loan"],
        ),
        "does_own_rd": True,
        "rd_staff_on_payroll": False,
        "rd_hours_per_year": rng.choice([300, 499, 500, 800, 1200]),
        "innovation_focus": rng.sample(["product", "software", "service"], 1),
        "collaboration": ["none"],
    }


def would_be_founder(rng: random.Random) -> Profile:
    return {
        "role": "entrepreneur",
        "organisation_type": "none_yet",
        "province": rng.choice(PROVINCES),
        **_project(rng, ["idea", "proof_of_concept"], (4, 5.5), ["grant", "loan", "equity"]),
        "does_own_rd": rng.random() < 0.7,
        "innovation_focus": rng.sample(["product", "software", "service", "social"], 1),
        "social_enterprise": rng.random() < 0.3,
        "collaboration": rng.choice([["none"], ["knowledge_institution"]]),
    }


def creative_startup(rng: random.Random) -> Profile:
    return {
        **_company(rng, (1, 10), (0, 6)),
        **_project(
            rng,
            ["proof_of_concept", "prototype", "market_introduction"],
            (4.3, 5.8),
            ["grant", "loan", "equity"],
        ),
        "topsectors": ["creatieve_industrie"],
        "key_technologies": rng.choice([["digital"], []]),
        "mission_themes": rng.choice([["societal_earning_capacity"], ["health_care"]]),
        "does_own_rd": rng.random() < 0.5,
        "innovation_focus": ["service", "business_model"],
        "social_enterprise": rng.random() < 0.4,
        "targets_public_sector_customer": rng.random() < 0.5,
        "collaboration": ["none"],
    }


def logistics_water_sme(rng: random.Random) -> Profile:
    return {
        **_company(rng, (8, 150), (3, 40)),
        **_project(
            rng,
            ["prototype", "pilot_demonstration", "market_introduction"],
            (5, 6.5),
            ["grant", "loan", "tax_credit"],
        ),
        "topsectors": rng.choice([["logistiek"], ["water_maritiem"]]),
        "mission_themes": rng.choice(
            [["energy_sustainability"], ["agriculture_water_food"], ["security"]]
        ),
        "key_technologies": ["digital"],
        "does_own_rd": True,
        "rd_staff_on_payroll": True,
        "innovation_focus": ["service", "software"],
        "international_ambition": rng.random() < 0.6,
        "targets_public_sector_customer": rng.random() < 0.5,
        "collaboration": rng.choice([["sme_partner"], ["public_body"], ["foreign_partner"]]),
    }


def fund_manager(rng: random.Random) -> Profile:
    return {
        "role": "fund_manager",
        "organisation_type": "investment_fund",
        "province": rng.choice(PROVINCES),
        "funding_need_eur": round(10 ** rng.uniform(6, 7.3), -4),
        "funding_forms": ["loan"],
    }


def public_procurer(rng: random.Random) -> Profile:
    return {
        "role": "public_procurer",
        "organisation_type": "public_body",
        "province": rng.choice(PROVINCES),
        "received_instruments": [],
    }


def sparse(rng: random.Random) -> Profile:
    full = rng.choice([software_startup, agri_food_sme, energy_company, life_science_spin_off])(rng)
    keep = rng.sample(sorted(full), k=rng.randint(3, 7))
    return {
        k: full[k]
        for k in keep
        if k != "year_founded" or full.get("organisation_type") != "none_yet"
    }


ARCHETYPES: list[tuple[Callable[[random.Random], Profile], int]] = [
    (software_startup, 30),
    (hardware_scale_up, 18),
    (life_science_spin_off, 18),
    (agri_food_sme, 16),
    (energy_company, 18),
    (manufacturing_sme, 16),
    (large_company, 10),
    (researcher, 20),
    (solo_innovator, 12),
    (would_be_founder, 12),
    (creative_startup, 10),
    (logistics_water_sme, 12),
    (fund_manager, 6),
    (public_procurer, 6),
    (sparse, 16),
]


def _clean(profile: Profile) -> Profile:
    if profile.get("collaboration") and "none" in profile["collaboration"]:
        profile["collaboration"] = ["none"]
    if profile.get("employees_fte") == 0:
        profile.pop("rd_staff_on_payroll", None)
    return profile


def main() -> None:
    """Write profiles.jsonl."""
    rng = random.Random(SEED)
    rows = []
    for make, count in ARCHETYPES:
        for index in range(count):
            rows.append(
                {
                    "profile_id": f"{make.__name__}-{index + 1:02d}",
                    "archetype": make.__name__,
                    "on": "2026-11-23",
                    "answers": _clean(make(rng)),
                }
            )
    assert len(rows) >= 200
    OUT.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} profiles to {OUT}")


if __name__ == "__main__":
    main()
