"""Small helpers for web tests: walk the wizard with the test client."""

from __future__ import annotations

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


def staff_login(app, email: str, password: str) -> FlaskClient:
    """A test client logged in with a staff account."""
    client = app.test_client()
    response = client.post("/account/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.data
    return client
