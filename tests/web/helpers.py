"""Small helpers for web tests: walk the wizard with the test client."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def start_case(client: FlaskClient) -> str:
    """Press the start button and return the new case id."""
    response = client.post("/start")
    assert response.status_code == 302
    return response.headers["Location"].split("/")[2]


def answer(client: FlaskClient, case_id: str, step: str, data: dict, **query: str):
    """Post one question page."""
    suffix = "".join(f"&{k}={v}" for k, v in query.items()).replace("&", "?", 1)
    return client.post(f"/c/{case_id}/step/{step}{suffix}", data=data)


def form_values(name: str, value: object) -> object:
    """Return the form value(s) of one answer."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return value or ["__none__"]
    return str(value)


def walk_wizard(
    client: FlaskClient, case_id: str, answers: dict, backs: list[str] | None = None
) -> list[tuple[str, list[str]]]:
    """Answer every page the wizard asks from ``answers`` (absent: left empty) until the check
    page; return the pages asked with their fields (and collect each page's back link in
    ``backs`` when given).
    """
    pages: list[tuple[str, list[str]]] = []
    location = client.get(f"/c/{case_id}").headers["Location"]
    while "/step/" in location:
        step = location.split("/step/")[1].split("?")[0]
        html = client.get(location).text
        fields = list(dict.fromkeys(re.findall(r'<(?:input|select)[^>]* name="(\w+)"', html)))
        fields = [f for f in fields if f != "csrf_token"]
        pages.append((step, fields))
        if backs is not None:
            backs.append(re.findall(r'<a [^>]*class="back-link"[^>]*>', html)[0])
        data = {f: form_values(f, answers[f]) for f in fields if f in answers}
        response = client.post(location, data=data)
        assert response.status_code == 302, response.text
        location = response.headers["Location"]
        assert len(pages) < 40
    return pages


def staff_login(app, email: str, password: str) -> FlaskClient:
    """A test client logged in with a staff account."""
    client = app.test_client()
    response = client.post("/account/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.data
    return client
