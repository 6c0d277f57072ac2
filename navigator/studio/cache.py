"""Loaded knowledge bases by fingerprint: a bundle is written to a folder and parsed once per
process (bounded)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from navigator.domain.bundle import Bundle, fingerprint, write_folder
from navigator.ranking.base import Ranker
from navigator.recommend import Navigator, load_navigator


class BundleCache:
    """Loaded knowledge bases by fingerprint: a bundle is parsed once per process (bounded)."""

    def __init__(self, folder: Path, size: int = 4) -> None:
        self.folder = folder
        self.size = size
        self._loaded: OrderedDict[str, Navigator] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, bundle: Bundle, ranker: Ranker | None = None) -> Navigator:
        """Return the bundle's Navigator, loading it the first time.

        Raises:
            DataFileError: when the bundle's files are invalid.
        """
        key = fingerprint(bundle)
        with self._lock:
            if key in self._loaded:
                self._loaded.move_to_end(key)
                return self._loaded[key]
        root = write_folder(bundle, self.folder / key)
        navigator = load_navigator(root / "instruments.json", root / "rules", ranker)
        with self._lock:
            self._loaded[key] = navigator
            while len(self._loaded) > self.size:
                self._loaded.popitem(last=False)
        return navigator
