"""The application factory and its configuration."""

from __future__ import annotations

import pytest

from navigator.app import create_app
from navigator.recommend import Navigator


def test_testing_config(navigator: Navigator) -> None:
    app = create_app({"TESTING": True}, navigator=navigator)
    assert app.testing and app.config["DATABASE_URL"] == "sqlite://"


def test_production_refuses_to_start_without_a_secret_key(
    navigator: Navigator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAVIGATOR_ENV", "production")
    monkeypatch.delenv("NAVIGATOR_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="NAVIGATOR_SECRET_KEY"):
        create_app({"DATABASE_URL": "sqlite://"}, navigator=navigator)


def test_development_generates_and_keeps_an_instance_secret(
    navigator: Navigator, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NAVIGATOR_ENV", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    first = create_app(navigator=navigator, test_config={"ENV_NAME": "development"})
    first.instance_path = str(tmp_path)
    from navigator.config import instance_secret

    key = instance_secret(tmp_path)
    assert key == instance_secret(tmp_path) and len(key) > 40
    assert first.config["SECRET_KEY"]


def test_health(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text.startswith("ok ")
