"""The hardened HTTP surface: the audit's reproductions (open redirect through %09, CR/LF in
``next``, Host header, no security headers, read-only database, flood of /start) as tests."""

from __future__ import annotations

import pytest

from navigator.app import create_app
from navigator.config import ConfigError
from navigator.db.migrate import downgrade, upgrade
from navigator.db.store import make_engine
from tests.web.helpers import start_case

STRONG = "k" * 48


def test_pages_carry_a_strict_content_security_policy_and_headers(client) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.text  # the one script is a file now


def test_case_pages_and_the_api_are_never_cached(client) -> None:
    case_id = start_case(client)
    assert client.get(f"/c/{case_id}/check").headers["Cache-Control"] == "no-store"
    api = client.post("/api/v1/recommendations?advice=false", json={"answers": {}})
    assert api.headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/%0d%0aX:1",
    ],
)
def test_the_language_switch_only_returns_to_local_pages(client, target: str) -> None:
    response = client.get(f"/language/en?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_language_switch_returns_to_the_page_one_was_on(client) -> None:
    response = client.get("/language/en?next=/instrumenten%3Fq%3Dwbso")
    assert response.headers["Location"] == "/instrumenten?q=wbso"


def test_an_unknown_host_header_is_refused(client) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200


def _production(monkeypatch, **config: object):
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    settings = {
        "ENV_NAME": "production",
        "SECRET_KEY": STRONG,
        "TRUSTED_HOSTS": ["navigator.example.nl"],
        "MIGRATE_ON_START": True,
        **config,
    }
    return create_app(settings)


def test_production_sends_hsts_and_secure_cookies_behind_the_proxy(monkeypatch, navigator) -> None:
    app = _production(monkeypatch)
    client = app.test_client()
    response = client.get(
        "/", base_url="http://navigator.example.nl", headers={"X-Forwarded-Proto": "https"}
    )
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    start = client.post(
        "/start", base_url="http://navigator.example.nl", headers={"X-Forwarded-Proto": "https"}
    )
    cookie = start.headers.get("Set-Cookie", "")
    assert not cookie or "Secure" in cookie
    plain = client.get("/", base_url="http://navigator.example.nl")
    assert plain.status_code in (301, 302) and plain.headers["Location"].startswith("https://")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"SECRET_KEY": "short"}, "at least 32"),
        ({"TRUSTED_HOSTS": None}, "TRUSTED_HOSTS"),
    ],
)
def test_production_refuses_an_unsafe_configuration(monkeypatch, config, message) -> None:
    with pytest.raises(ConfigError, match=message):
        _production(monkeypatch, **config)


def test_production_refuses_to_fall_back_to_sqlite(monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": STRONG, "TRUSTED_HOSTS": ["a.nl"]})


def test_an_unknown_environment_name_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("NAVIGATOR_ENV", "prodution")
    with pytest.raises(ConfigError, match="Unknown NAVIGATOR_ENV"):
        create_app()


def test_an_expired_form_keeps_what_was_typed(navigator) -> None:
    app = create_app(
        {"TESTING": True, "WTF_CSRF_ENABLED": True, "WTF_CSRF_TIME_LIMIT": -1}, navigator=navigator
    )
    client = app.test_client()
    page = client.get("/")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    case = client.post("/start", data={"csrf_token": token})
    assert case.status_code == 302  # an expired token on the start button just returns home
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    token = client.get("/").text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    case_id = client.post("/start", data={"csrf_token": token}).headers["Location"].split("/")[2]
    app.config["WTF_CSRF_TIME_LIMIT"] = -1
    form = client.get(f"/c/{case_id}/step/size").text
    token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        f"/c/{case_id}/step/size", data={"csrf_token": token, "employees_fte": "7,5"}
    )
    assert response.status_code == 200
    assert 'value="7,5"' in response.text
    assert "te lang open" in response.text or "open too long" in response.text


def test_rate_limits_answer_429_with_a_page_and_json(navigator) -> None:
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": True}, navigator=navigator)
    client = app.test_client()
    codes = [client.post("/start").status_code for _ in range(21)]
    assert codes[:20] == [302] * 20 and codes[20] == 429
    page = client.post("/start")
    assert page.status_code == 429 and "Te veel verzoeken" in page.text
    api = [
        client.post("/api/v1/recommendations?advice=false", json={"answers": {}}).status_code
        for _ in range(121)
    ]
    assert api[:120] == [200] * 120 and api[120] == 429
    body = client.post("/api/v1/recommendations?advice=false", json={"answers": {}}).get_json()
    assert body["errors"][0]["message"].startswith("too many requests")


def test_a_read_only_database_answers_503_and_says_nothing_was_saved(tmp_path, navigator) -> None:
    path = tmp_path / "navigator.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    app = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "DATABASE_URL": read_only,
            "MIGRATE_ON_START": False,
        },
        navigator=navigator,
    )
    client = app.test_client()
    response = client.post("/start")
    assert response.status_code == 503
    assert "niet opgeslagen" in response.text
    assert "blijven bewaard" not in response.text
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200


def test_readiness_needs_the_newest_schema(tmp_path, navigator) -> None:
    url = f"sqlite:///{tmp_path / 'ready.db'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url}, navigator=navigator)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    downgrade(app.extensions["case_store"].engine, "base")
    response = client.get("/readyz")
    assert response.status_code == 503 and "schema" in response.text
