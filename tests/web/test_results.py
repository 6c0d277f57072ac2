"""The results page: the three tiers, cards with facts, and missing questions linking back."""

from __future__ import annotations

import re

from tests.conftest import journey
from tests.web.helpers import answer, start_case


def fill(client, case_id: str, answers: dict) -> None:
    """Answer every step through the forms, from a journey's answers (the whole questionnaire:
    a page changed from the check page shows all its questions)."""
    from navigator.web.mapping import BOOL_TO_FORM
    from navigator.wizard.steps import STEPS

    for step in STEPS:
        data = {}
        for name in step.fields:
            value = answers.get(name)
            if value is None:
                continue
            if isinstance(value, bool):
                data[name] = BOOL_TO_FORM[value]
            elif isinstance(value, list):
                data[name] = value or ["__none__"]
            else:
                data[name] = str(value)
        answer(client, case_id, step.id, data, return_to="check")  # every field of the page


def test_results_show_the_tiers_in_order_with_card_facts(client) -> None:
    case_id = start_case(client)
    fill(client, case_id, journey("journey-software-bv")["answers"])
    html = client.get(f"/c/{case_id}/results?on=2026-01-15").text
    eligible, rest = html.split('data-testid="tier-unknown"')
    assert 'data-instrument="wbso"' in eligible
    assert "Feiten per" in eligible and "Officiële pagina" in eligible
    assert "Zo vraagt u aan" in eligible
    _, ineligible = rest.split('data-testid="tier-ineligible"')
    assert '<details class="tier-collapsed">' in ineligible
    assert 'data-instrument="take-off-1"' in ineligible


def test_unknown_results_link_to_the_question_that_decides(client) -> None:
    case_id = start_case(client)
    answer(client, case_id, "organisation", {"organisation_type": "private_company"})
    html = client.get(f"/c/{case_id}/results").text
    unknown = html.split('data-testid="tier-unknown"')[1].split('data-testid="tier-ineligible"')[0]
    links = re.findall(rf'href="(/c/{case_id}/step/[a-z-]+\?return_to=results)"', unknown)
    assert links
    response = answer(client, case_id, "rd", {"does_own_rd": "yes"}, return_to="results")
    assert response.headers["Location"].endswith(f"/c/{case_id}/results")


def test_indicative_figures_are_marked(client) -> None:
    case_id = start_case(client)
    html = client.get(f"/c/{case_id}/results?on=2026-01-15").text
    card = re.split(r'<article[^>]*data-instrument="take-off-1"', html)[1].split("</article>")[0]
    assert "indicatief" in card


def test_the_catalogue_page_searches_and_filters(client) -> None:
    assert 'data-instrument="wbso"' in client.get("/instrumenten?q=speur").text
    loans = client.get("/instrumenten?kind=loan").text
    assert 'data-instrument="vff"' in loans and 'data-instrument="wbso"' not in loans
    assert client.get("/instrumenten?kind=bogus").status_code == 200
    detail = client.get("/instrumenten/vff").text
    assert (
        "Voorwaarden die Navigator toetst" in detail
        and "Niet gecontroleerd door Navigator" in detail
    )
    csv = client.get("/instrumenten.csv")
    assert csv.mimetype == "text/csv" and csv.text.startswith("id,name_nl")


def test_the_catalogue_reads_like_a_person_wrote_it(client) -> None:
    page = client.get("/instrumenten?region=noord-brabant").text
    assert "Noord-Brabant" in page and ">noord-brabant<" not in page
    loans = client.get("/instrumenten?kind=loan").text
    assert 'data-instrument="innovatiekrediet"' in loans
    assert 'data-instrument="rom-bom"' not in loans  # an equity fund that also lends
    standard = client.get("/instrumenten.csv").data.decode("utf-8")
    assert standard.startswith("id,name_nl,")
    dutch = client.get("/instrumenten.csv?dialect=nl").data.decode("utf-8")
    assert dutch.startswith("\ufeffid;name_nl;")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(dutch.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == len(client.application.extensions["navigator"].catalogue.instruments) + 1


def test_the_results_open_with_at_most_five_things_to_do_now(client) -> None:
    case_id = start_case(client)
    fill(client, case_id, journey("journey-software-bv")["answers"])
    html = client.get(f"/c/{case_id}/results?on=2026-11-23").text
    summary = html.split('data-testid="summary"')[1].split("</section>")[0]
    assert html.index('data-testid="summary"') < html.index('data-testid="route"')
    items = re.findall(r'data-instrument="([a-z0-9-]+)"', summary)
    assert 1 <= len(items) <= 5 and items[0] == "wbso"
    assert "Volgende stap:" in summary and "Vraag via Mijn RVO" in summary
    assert "20 december 2026" in summary  # WBSO's deadline for a period from 1 January


def test_groups_are_collapsed_and_the_route_links_to_whole_names(client) -> None:
    from tests.web.helpers import walk_wizard

    case_id = start_case(client)
    walk_wizard(client, case_id, journey("journey-manufacturer")["answers"])
    page = client.get(f"/c/{case_id}/results").text
    assert 'data-testid="details-open"' in page or 'data-testid="details-closed"' in page
    assert re.search(r'<details class="tier-collapsed" data-testid="details-\w+">', page)
    route = page.split('data-testid="route"')[1].split("</section>")[0]
    assert re.search(r'<li data-instrument="[\w-]+"><a href="#card-[\w-]+">', route)
    assert re.search(r'<a href="#card-[\w-]+" class="timeline__link">', route)
    assert "…" not in route.split("</svg>")[0]


def test_a_deciding_question_answered_i_dont_know_says_so(client) -> None:
    case_id = start_case(client)
    answers = dict(journey("journey-software-bv")["answers"])
    del answers["does_own_rd"]
    fill(client, case_id, answers)
    answer(client, case_id, "rd", {"does_own_rd": "unknown"})
    html = client.get(f"/c/{case_id}/results?on=2026-01-15").text
    deciding = html.split('data-testid="next-questions"')[1].split("</ol>")[0]
    items = deciding.split("<li>")[1:]
    marked = [item for item in items if 'data-testid="dont-know"' in item]
    assert len(marked) == 1 and "/step/rd?" in marked[0]
    assert "U antwoordde ‘weet ik niet’" in marked[0]
    answer(client, case_id, "rd", {})  # now simply unanswered: still deciding, not marked
    html = client.get(f"/c/{case_id}/results?on=2026-01-15").text
    assert "/step/rd?return_to=results" in html and 'data-testid="dont-know"' not in html
