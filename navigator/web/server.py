"""Serve the app with gunicorn from the ``navigator serve`` command."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

# A case id is a bearer secret (whoever has the link sees the answers): never in a log line.
CASE_ID = re.compile(r"/c/[^/?#\s\"]+")


def redact(text: str) -> str:
    """Replace every case id in a path, query or referrer by ``<case>``."""
    return CASE_ID.sub("/c/<case>", text)


class RedactingLogger(Logger):
    """Gunicorn's access log without case ids (request line, path, query and referrer)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        """Return the log atoms with case ids redacted."""
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str) and "/c/" in value:
                atoms[key] = redact(value)
        return atoms


def after_fork(app: Any) -> Any:
    """Return gunicorn's ``post_fork`` hook for an app loaded before forking: each worker
    opens database connections of its own (never one inherited from the master)."""

    def post_fork(server: Any, worker: Any) -> None:
        app.extensions["case_store"].engine.dispose(close=False)

    return post_fork


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any], app: Any) -> None:
        self.options = options
        self.application = app
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve(host: str, port: int, workers: int, threads: int = 4) -> None:
    """Run gunicorn on ``host:port`` until interrupted.

    Threaded workers (gthread): a long request (a PDF) holds one thread, not a whole worker.
    Put it behind the buffering proxy of ``deploy/`` in production, so slow clients are
    nginx's problem, never a worker's. The app is loaded once, before forking (it fails fast
    on invalid data or configuration); a worker that starts or restarts is a fork of a loaded
    app, ready at once (``bench/recommend.py``: worker_restart_s).
    """
    from navigator.app import create_app

    app = create_app()
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread" if threads > 1 else "sync",
            "threads": threads,
            "timeout": 60,
            "accesslog": "-",
            "logger_class": "navigator.web.server.RedactingLogger",
            "control_socket_disable": True,
            "preload_app": True,
            "post_fork": after_fork(app),
        },
        app,
    ).run()
