"""Which knowledge base the app serves: the newest published version in the database, or the
repository's files when none was published. Every worker checks for a newer published version
at most every ``interval`` seconds and switches to it without a restart."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy.exc import SQLAlchemyError

from navigator.db.catalogue_versions import VersionStore
from navigator.domain.datafiles import DataFileError
from navigator.ranking.base import Ranker
from navigator.recommend import Navigator
from navigator.studio.cache import BundleCache

log = logging.getLogger(__name__)


class CatalogueSource:
    """The served Navigator, refreshed from the published versions."""

    def __init__(
        self,
        files: Navigator,
        versions: VersionStore,
        cache: BundleCache,
        ranker: Ranker,
        interval: float = 2.0,
    ) -> None:
        self.files = files
        self.versions = versions
        self.cache = cache
        self.ranker = ranker
        self.interval = interval
        self._served = files
        self._ref: tuple[int, str] | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    @property
    def version_id(self) -> int | None:
        """The id of the published version served, or None for the repository's files."""
        return self._ref[0] if self._ref else None

    def current(self) -> Navigator:
        """The knowledge base to serve now."""
        now = time.monotonic()
        if now - self._checked < self.interval:
            return self._served
        with self._lock:
            if now - self._checked < self.interval:
                return self._served
            self._checked = now
            try:
                latest = self.versions.latest_published()
                if latest != self._ref:
                    self._served = (
                        self.files
                        if latest is None
                        else self.cache.load(self.versions.bundle(latest[0]), self.ranker)
                    )
                    self._ref = latest
            except SQLAlchemyError as error:  # not migrated yet, or the database is away
                log.warning("catalogue versions not readable: %s", type(error).__name__)
            except DataFileError:  # never published invalid, but never serve it either
                log.exception("published catalogue version %s does not load", latest)
            return self._served
