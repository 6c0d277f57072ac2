"""Which stored feedback may train the ranker: completed cases, people's pace, no floods.

The audit stored 2,142 verdicts a minute from one client by creating cases and rating them at
once; after a minute they were 27 % of the training rows. Feedback is therefore screened before
export: verdicts on cases that never reached their results, verdicts given within seconds of
the case's creation, and bursts from one (pseudonymous) client are dropped and counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from navigator.db.store import StoredFeedback

MIN_SECONDS_AFTER_CREATION = 30  # nobody answers the wizard and rates a result faster
BURST_WINDOW = timedelta(minutes=10)
BURST_MAX = 30  # verdicts from one client within the window; more is a script


@dataclass(frozen=True)
class Screened:
    """The verdicts that may train the ranker, and how many were dropped for what."""

    kept: tuple[StoredFeedback, ...]
    dropped: dict[str, int]


def _bursts(items: Sequence[StoredFeedback]) -> set[int]:
    """Return the positions of verdicts that fall in a burst of their client."""
    by_client: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.client_hash and item.created_at:
            by_client[item.client_hash].append(index)
    flagged: set[int] = set()
    for positions in by_client.values():
        positions.sort(key=lambda i: items[i].created_at)  # type: ignore[arg-type, return-value]
        start = 0
        for end, index in enumerate(positions):
            while items[index].created_at - items[positions[start]].created_at > BURST_WINDOW:  # type: ignore[operator]
                start += 1
            if end - start + 1 > BURST_MAX:
                flagged.update(positions[start : end + 1])
    return flagged


def screen(feedback: Iterable[StoredFeedback]) -> Screened:
    """Drop incomplete, too-fast and burst verdicts; keep the rest in their order."""
    items = list(feedback)
    bursts = _bursts(items)
    dropped: Counter[str] = Counter()
    kept = []
    for index, item in enumerate(items):
        if item.case_completed_at is None:
            dropped["case not completed"] += 1
        elif (
            item.created_at is not None
            and item.case_created_at is not None
            and (item.created_at - item.case_created_at).total_seconds()
            < MIN_SECONDS_AFTER_CREATION
        ):
            dropped["rated within seconds of the case's creation"] += 1
        elif index in bursts:
            dropped["burst from one client"] += 1
        else:
            kept.append(item)
    return Screened(tuple(kept), dict(dropped))
