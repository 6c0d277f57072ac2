"""The question text of every answers field: label, hint and option labels.

Texts are English message ids marked with ``N_`` so that ``pybabel`` extracts them; the web
layer translates them (Dutch is the default language). No Flask is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from navigator.domain.vocabulary import FIELDS


def N_(message: str) -> str:  # noqa: N802 - the conventional name of a gettext no-op marker
    """Mark a message for extraction without translating it now."""
    return message


YES_NO = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("I don't know")}


@dataclass(frozen=True)
class Question:
    """How the wizard asks one field."""

    label: str
    hint: str = ""
    noun: str = ""
    options: dict[str, str] = field(default_factory=dict)
    suffix: str = ""
    # Addressed to an advisor's client ("How many people work at your client?"); empty: as above.
    client_label: str = ""
    client_hint: str = ""

    def label_for(self, advisor: bool) -> str:
        """Return the label, addressed to the client when an advisor answers."""
        return self.client_label if advisor and self.client_label else self.label

    def hint_for(self, advisor: bool) -> str:
        """Return the hint, addressed to the client when an advisor answers."""
        return self.client_hint if advisor and self.client_hint else self.hint


QUESTIONS: dict[str, Question] = {
    "role": Question(
        N_("What describes you best?"),
        options={
            "entrepreneur": N_("Entrepreneur or founder (also if you have not registered yet)"),
            "researcher": N_("Researcher at a university, hogeschool, UMC or TO2 institute"),
            "fund_manager": N_("Manager of an investment fund or group of business angels"),
            "advisor": N_("Advisor helping a client (for example at a ROM, KVK or RVO)"),
            "public_procurer": N_("Buyer at a government body"),
        },
    ),
    "organisation_type": Question(
        N_("What is the legal form of the organisation that would apply?"),
        N_("For an advisor: the legal form of your client."),
        options={
            "none_yet": N_("Not registered at KVK yet"),
            "sole_proprietor": N_("Sole proprietorship (eenmanszaak)"),
            "partnership": N_("Partnership (vof, maatschap, cv)"),
            "private_company": N_("Private or public limited company (bv, nv)"),
            "foundation_or_association": N_("Foundation, association or cooperative"),
            "knowledge_institution": N_("Knowledge institution"),
            "investment_fund": N_("Investment fund"),
            "public_body": N_("Government body"),
        },
        client_label=N_("What is the legal form of your client's organisation?"),
        client_hint=N_("The legal form of the organisation that would apply."),
    ),
    "knowledge_institution_type": Question(
        N_("What kind of knowledge institution is it?"),
        N_("The institution that applies, or where you work as a researcher."),
        options={
            "university": N_("University"),
            "university_of_applied_sciences": N_("University of applied sciences (hogeschool)"),
            "umc": N_("University medical centre (UMC)"),
            "to2": N_("TO2 institute (such as TNO, Wageningen Research, Deltares, MARIN, NLR)"),
            "other": N_("Other"),
        },
    ),
    "applies_as_consortium": Question(
        N_("Will you apply together with partners, as a consortium?"),
        options=YES_NO,
        client_label=N_("Will your client apply together with partners, as a consortium?"),
    ),
    "employees_fte": Question(
        N_("How many people work there, in FTE?"),
        N_("Include linked enterprises (25 percent ownership or more). For example 5 or 2,5."),
        N_("the number of FTE"),
        suffix=N_("FTE"),
        client_label=N_("How many people work at your client, in FTE?"),
    ),
    "annual_turnover_eur": Question(
        N_("What is the annual turnover?"),
        N_("In euros, including linked enterprises. For example 450000."),
        N_("the annual turnover"),
        client_label=N_("What is your client's annual turnover?"),
    ),
    "balance_sheet_total_eur": Question(
        N_("What is the balance-sheet total?"),
        N_("In euros, including linked enterprises."),
        N_("the balance-sheet total"),
        client_label=N_("What is your client's balance-sheet total?"),
    ),
    "part_of_larger_group": Question(
        N_(
            "Is the enterprise owned for 25 percent or more by another enterprise, or does it own 25 percent or more of one?"
        ),
        options=YES_NO,
        client_label=N_(
            "Is your client owned for 25 percent or more by another enterprise, or does it own 25 percent or more of one?"
        ),
    ),
    "year_founded": Question(
        N_("In which year was it registered at KVK?"),
        N_("For example 2021."),
        N_("the year of registration"),
        client_label=N_("In which year was your client registered at KVK?"),
    ),
    "province": Question(
        N_("In which province is it established?"),
        options={
            "drenthe": "Drenthe",
            "flevoland": "Flevoland",
            "friesland": "Friesland",
            "gelderland": "Gelderland",
            "groningen": "Groningen",
            "limburg": "Limburg",
            "noord-brabant": "Noord-Brabant",
            "noord-holland": "Noord-Holland",
            "overijssel": "Overijssel",
            "utrecht": "Utrecht",
            "zeeland": "Zeeland",
            "zuid-holland": "Zuid-Holland",
            "outside_nl": N_("Outside the Netherlands"),
        },
        client_label=N_("In which province is your client established?"),
    ),
    "topsectors": Question(
        N_("Which topsectors does the work belong to?"),
        N_("Select all that apply, or none."),
        options={
            "agri_food": N_("Agri & Food"),
            "chemie": N_("Chemistry"),
            "creatieve_industrie": N_("Creative industry"),
            "energie": N_("Energy"),
            "htsm": N_("High Tech Systems & Materials"),
            "life_sciences_health": N_("Life Sciences & Health"),
            "logistiek": N_("Logistics"),
            "tuinbouw_uitgangsmaterialen": N_("Horticulture & Propagation Materials"),
            "water_maritiem": N_("Water & Maritime"),
        },
    ),
    "mission_themes": Question(
        N_("Which societal missions does the innovation contribute to?"),
        N_("Select all that apply, or none."),
        options={
            "energy_sustainability": N_("Energy transition and sustainability"),
            "agriculture_water_food": N_("Agriculture, water and food"),
            "health_care": N_("Health and care"),
            "security": N_("Security"),
            "key_technologies": N_("Key technologies"),
            "societal_earning_capacity": N_("Societal earning capacity"),
            "circular_economy": N_("Circular economy"),
            "digitalisation": N_("Digitalisation"),
        },
    ),
    "key_technologies": Question(
        N_("Which key technologies do you use or develop?"),
        N_("Select all that apply, or none."),
        options={
            "chemical": N_("Chemical technologies"),
            "digital": N_("Digital technologies (AI, data, software, cyber)"),
            "engineering_fabrication": N_("Engineering and fabrication technologies"),
            "photonics_light": N_("Photonics and light technologies"),
            "advanced_materials": N_("Advanced materials"),
            "quantum": N_("Quantum technologies"),
            "life_science": N_("Life science technologies"),
            "nano": N_("Nanotechnologies"),
        },
        client_label=N_("Which key technologies does your client use or develop?"),
    ),
    "development_stage": Question(
        N_("What stage is the innovation in?"),
        options={
            "idea": N_("Idea"),
            "research": N_("Research"),
            "proof_of_concept": N_("Proof of concept"),
            "prototype": N_("Prototype"),
            "pilot_demonstration": N_("Pilot or demonstration"),
            "market_introduction": N_("Market introduction"),
            "growth": N_("Growth and scale-up"),
        },
    ),
    "trl": Question(
        N_("What is the technology readiness level (TRL)?"),
        N_(
            "From 1 (basic principles observed) to 9 (proven in operation). Leave empty if you do not know."
        ),
        N_("the TRL"),
    ),
    "does_own_rd": Question(
        N_(
            "Do you develop technically new products, processes or software, or do technical-scientific research, yourselves?"
        ),
        N_(
            "Research and development (R&D) that you carry out and whose technical problems you solve yourselves."
        ),
        options=YES_NO,
        client_label=N_(
            "Does your client develop technically new products, processes or software, or do technical-scientific research, itself?"
        ),
        client_hint=N_(
            "Research and development (R&D) that your client carries out and whose technical problems it solves itself."
        ),
    ),
    "rd_hours_per_year": Question(
        N_("How many R&D hours do you expect in the coming year?"),
        N_("Hours of your own staff and of the owners together. For example 1200."),
        N_("the number of R&D hours"),
        suffix=N_("hours"),
        client_label=N_("How many R&D hours does your client expect in the coming year?"),
        client_hint=N_("Hours of your client's own staff and owners together. For example 1200."),
    ),
    "rd_staff_on_payroll": Question(
        N_("Is the R&D done by employees on your payroll?"),
        options=YES_NO,
        client_label=N_("Is the R&D done by employees on your client's payroll?"),
    ),
    "project_started": Question(
        N_("Has the project you seek funding for already started?"),
        N_("Most subsidies and loans must be applied for before the work starts."),
        options=YES_NO,
        client_label=N_("Has the project your client seeks funding for already started?"),
    ),
    "funding_need_eur": Question(
        N_("How much money do you need for the next step?"),
        N_("In euros. For example 250000."),
        N_("the amount you need"),
        client_label=N_("How much money does your client need for the next step?"),
    ),
    "funding_forms": Question(
        N_("Which forms of funding would you accept?"),
        N_("Select all that apply."),
        options={
            "grant": N_("Subsidy or grant"),
            "tax_credit": N_("Tax benefit"),
            "loan": N_("Loan"),
            "equity": N_("Equity investment (giving away shares)"),
            "guarantee": N_("Guarantee on a bank loan"),
            "procurement_contract": N_("Contract with a government customer"),
            "advice_network": N_("Advice, network or test facilities"),
        },
        client_label=N_("Which forms of funding would your client accept?"),
    ),
    "collaboration": Question(
        N_("Who do you work with on the project?"),
        N_("Select all that apply."),
        options={
            "knowledge_institution": N_(
                "A knowledge institution (university, hogeschool, UMC, TO2)"
            ),
            "sme_partner": N_("Another SME"),
            "large_company": N_("A large company"),
            "foreign_partner": N_("A partner abroad"),
            "public_body": N_("A government body"),
            "none": N_("Nobody: we work alone"),
        },
        client_label=N_("Who does your client work with on the project?"),
    ),
    "spin_off_of_knowledge_institution": Question(
        N_("Does the company build on research of a university, hogeschool, UMC or TO2 institute?"),
        options=YES_NO,
        client_label=N_(
            "Does your client build on research of a university, hogeschool, UMC or TO2 institute?"
        ),
    ),
    "private_cofinancing_eur": Question(
        N_("How much private money is committed or promised?"),
        N_(
            "In euros: own money, investors, banks or customers, with a letter of intent or better. Enter 0 if none."
        ),
        N_("the private money committed"),
    ),
    "investor_letter_of_intent": Question(
        N_("Has an investor promised in writing (a letter of intent) to invest?"),
        options=YES_NO,
    ),
    "innovation_focus": Question(
        N_("What is the innovation?"),
        N_("Select all that apply."),
        options={
            "product": N_("A product"),
            "process": N_("A production process"),
            "service": N_("A service"),
            "software": N_("Software"),
            "social": N_("A social innovation"),
            "business_model": N_("A business model"),
        },
    ),
    "energy_or_climate_innovation": Question(
        N_("Does the innovation reduce CO2 emissions or save energy?"), options=YES_NO
    ),
    "has_ip": Question(
        N_("Do you hold a patent (application), plant breeder's right or similar right?"),
        options=YES_NO,
        client_label=N_(
            "Does your client hold a patent (application), plant breeder's right or similar right?"
        ),
    ),
    "profit_from_own_innovation": Question(
        N_("Does the company make taxable profit from innovations it developed itself?"),
        options=YES_NO,
        client_label=N_(
            "Does your client make taxable profit from innovations it developed itself?"
        ),
    ),
    "energy_saving_investment": Question(
        N_("Do you plan to buy energy-saving business assets?"),
        options=YES_NO,
        client_label=N_("Does your client plan to buy energy-saving business assets?"),
    ),
    "environmental_investment": Question(
        N_("Do you plan to buy environment-friendly business assets?"),
        options=YES_NO,
        client_label=N_("Does your client plan to buy environment-friendly business assets?"),
    ),
    "international_ambition": Question(
        N_("Do you plan to sell or develop abroad?"),
        options=YES_NO,
        client_label=N_("Does your client plan to sell or develop abroad?"),
    ),
    "targets_public_sector_customer": Question(
        N_("Is a government body a likely customer?"), options=YES_NO
    ),
    "social_enterprise": Question(
        N_("Is it a social enterprise (including the BVm)?"), options=YES_NO
    ),
    "received_instruments": Question(
        N_("Which support have you received before?"),
        N_("Select all that apply. An R&D declaration (S&O-verklaring) counts as WBSO."),
        client_label=N_("Which support has your client received before?"),
    ),
    "de_minimis_received_eur": Question(
        N_("How much de-minimis aid did you receive in the last three years?"),
        N_("In euros. Your grant letters say whether support was de-minimis aid. Enter 0 if none."),
        N_("the de-minimis aid received"),
        client_label=N_("How much de-minimis aid did your client receive in the last three years?"),
        client_hint=N_(
            "In euros. Your client's grant letters say whether support was de-minimis aid. Enter 0 if none."
        ),
    ),
}

assert set(QUESTIONS) == set(FIELDS), "every answers field needs a question"
