"""Single sign-on through an organisation's OpenID Connect provider, tested against a real
provider (oidc-provider-mock) on loopback: a known account of that organisation gets in; an
unknown address, an account of another organisation and a disabled account do not."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import oidc_provider_mock
import pytest
import requests
from flask import Flask

from navigator.app import create_app

PASSWORD = "correct horse battery"
# The mock provider (its own thread, in this process) calls an Authlib API that Authlib now
# marks as deprecated; that is the provider's concern, not Navigator's.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def app(navigator, provider: str) -> Flask:
    made = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "OIDC_PROVIDERS": {
                "oost-nl": {
                    "title": "Oost NL",
                    "organisation": "rom-oost",
                    "issuer": provider,
                    "client_id": "navigator",
                    "client_secret": "test-secret",
                }
            },
        },
        navigator=navigator,
    )
    accounts = made.extensions["accounts"]
    accounts.create_organisation("rom-oost", "Oost NL", "rom")
    accounts.create_organisation("rvo", "RVO", "rvo")
    accounts.create_user("anna@oostnl.example", "Anna", "rom-oost", "advisor", PASSWORD)
    accounts.create_user("rik@rvo.example", "Rik", "rvo", "advisor", PASSWORD)
    return made


def _sign_in(app: Flask, provider: str, email: str, verified: bool = True):
    """Run the browser's part of the flow: to the provider, log in there, back to Navigator."""
    claims = {"email": email, "email_verified": verified, "name": email}
    assert requests.put(f"{provider}/users/{email}", json=claims, timeout=5).status_code == 204
    client = app.test_client()
    login = client.get("/account/login").get_data(True)
    assert 'data-testid="sso-oost-nl"' in login
    to_provider = client.get("/account/sso/oost-nl")
    assert to_provider.status_code == 302
    assert to_provider.headers["Location"].startswith(f"{provider}/oauth2/authorize")
    back = requests.post(
        to_provider.headers["Location"], data={"sub": email}, allow_redirects=False, timeout=5
    )
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/account/sso/oost-nl/callback"
    return client, client.get(f"{callback.path}?{callback.query}")


def test_an_account_of_the_organisation_logs_in(app, provider) -> None:
    client, response = _sign_in(app, provider, "anna@oostnl.example")
    assert response.status_code == 302 and response.headers["Location"] == "/workspace/"
    assert "Anna" in client.get("/workspace/").get_data(True)


@pytest.mark.parametrize(
    "email", ["nobody@oostnl.example", "rik@rvo.example", "disabled@oostnl.example"]
)
def test_others_are_refused(app, provider, email: str) -> None:
    accounts = app.extensions["accounts"]
    if email.startswith("disabled"):
        accounts.create_user(email, "D", "rom-oost", "advisor", PASSWORD)
        accounts.set_disabled(email)
    client, response = _sign_in(app, provider, email)
    assert response.status_code == 403
    assert client.get("/workspace/").status_code == 302  # still not logged in


def test_an_unverified_address_is_refused(app, provider) -> None:
    _, response = _sign_in(app, provider, "anna@oostnl.example", verified=False)
    assert response.status_code == 403


def test_a_forged_callback_is_refused(app) -> None:
    client = app.test_client()
    response = client.get("/account/sso/oost-nl/callback?code=forged&state=forged")
    assert response.status_code == 403
    assert client.get("/account/sso/unknown").status_code == 404
