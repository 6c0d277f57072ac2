"""A small bounded, thread-safe LRU cache for what the web app computes once per fingerprint."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from flask import current_app

V = TypeVar("V")


class Bounded(Generic[V]):
    """The most recently used values, at most ``size`` of them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        """Return the cached value, marking it recently used."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, value: V) -> None:
        """Keep a value, dropping the least recently used beyond the bound."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_make(self, key: str, make: Callable[[], V]) -> V:
        """Return the cached value, or make it and keep it (two threads may both make it)."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def __len__(self) -> int:
        return len(self._items)


def app_cache(name: str, size: int) -> Bounded[Any]:
    """Return the app's cache of this name (each app has its own: its own data and ranker)."""
    caches: dict[str, Bounded[Any]] = current_app.extensions.setdefault("navigator_caches", {})
    found = caches.get(name)
    if found is None:
        found = caches.setdefault(name, Bounded(size))
    return found
