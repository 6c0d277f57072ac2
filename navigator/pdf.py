"""Render HTML to PDF in a separate process, one at a time.

WeasyPrint is CPU-bound and slow to import; rendered inside a web worker it holds that
process's interpreter lock and its threads wait. A child process (started with "spawn", so no
locks of the threaded parent are inherited) renders instead, and the parent's threads keep
serving pages. Plain Python: no Flask.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_POOLS: list[ProcessPoolExecutor] = []  # at most one per process, made on first use
_LOCK = threading.Lock()
TIMEOUT_SECONDS = 60


def _render(html: str) -> bytes:
    from weasyprint import HTML  # imported in the child only

    return bytes(HTML(string=html, base_url=None).write_pdf())


def _pool() -> ProcessPoolExecutor:
    with _LOCK:
        if not _POOLS:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            atexit.register(pool.shutdown, cancel_futures=True)
            _POOLS.append(pool)
        return _POOLS[0]


def render_pdf(html: str) -> bytes:
    """Return the PDF of ``html`` (deterministic: the same HTML gives the same bytes).

    When the child process cannot start or dies (a program whose main module cannot be
    re-imported, memory pressure), the pool is dropped, to be made anew next time, and this
    PDF is rendered here: slower for the threads beside it, but never an error for the user.
    """
    try:
        return _pool().submit(_render, html).result(timeout=TIMEOUT_SECONDS)
    except BrokenProcessPool:
        with _LOCK:
            _POOLS.clear()
        return _render(html)
