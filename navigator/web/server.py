"""Serve the app with gunicorn from the ``navigator serve`` command."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from navigator.app import create_app

        return create_app()


def serve(host: str, port: int, workers: int) -> None:
    """Run gunicorn with sync workers on ``host:port`` until interrupted."""
    from navigator.app import create_app

    create_app()  # fail fast on invalid data or configuration, before forking workers
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": "-",
            "control_socket_disable": True,
        }
    ).run()
