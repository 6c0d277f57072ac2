"""Benchmark the studio's impact analysis: a draft and the published version evaluated on
many saved cases (rules only, both versions), as the studio and ``navigator rules impact`` do.

Usage:
    .venv/bin/python bench/impact.py [--cases 100000 1000000] [--runs 3] [--json]

Not a test: it prints figures. The draft lowers Innovatiekrediet's minimum project size (a copy
of the repository's files); every instrument of both versions is evaluated (no "only changed"
shortcut). Saved cases are generated: 2,000 distinct valid, varied profiles (what the API
accepts), repeated to the size asked, already read as answers (reading stored JSON is timed
apart, per case, as ``read_cases_per_s``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.recommend import ON, _parsed, valid_profiles  # noqa: E402
from navigator import paths  # noqa: E402
from navigator.recommend import Navigator, load_navigator  # noqa: E402
from navigator.studio.impact import Parsed, Profile, parse_profiles, shifts  # noqa: E402


def draft_navigator(folder: Path) -> Navigator:
    """The repository's knowledge base with Innovatiekrediet's minimum lowered to 100,000."""
    shutil.copy(paths.catalogue_path(), folder / "instruments.json")
    shutil.copytree(paths.rules_dir(), folder / "rules")
    rule = folder / "rules" / "innovatiekrediet.yaml"
    rule.write_text(rule.read_text().replace("value: 150000}", "value: 100000}"))
    return load_navigator(folder / "instruments.json", folder / "rules")


def run(published: Navigator, draft: Navigator, cases: int, runs: int) -> dict[str, Any]:
    """Time the impact over ``cases`` saved cases, ``runs`` times."""
    ids = sorted(published.catalogue.by_id)
    distinct = _parsed(valid_profiles(2000, 7, ids), ids)
    answers = (distinct * (cases // len(distinct) + 1))[:cases]
    parsed = [Parsed(f"case:{n}", ON, a, a) for n, a in enumerate(answers)]
    shifts(published, draft, parsed[:1000])  # warm up
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        found = shifts(published, draft, parsed)
        seconds.append(time.perf_counter() - start)
    changed = {
        s.instrument_id: {
            "gain": s.gained,
            "lose": s.lost,
            "to_unknown": s.to_unknown,
            "from_unknown": s.from_unknown,
        }
        for s in found
        if s.changed
    }
    return {
        "cases": cases,
        "seconds": [round(s, 2) for s in seconds],
        "seconds_median": round(statistics.median(seconds), 2),
        "cases_per_s": round(cases / statistics.median(seconds)),
        "changed": changed,
    }


def read_rate(published: Navigator, draft: Navigator, count: int = 20_000) -> float:
    """Saved cases read from their stored JSON per second (both versions' reading)."""
    ids = sorted(published.catalogue.by_id)
    raws = valid_profiles(2000, 7, ids)
    profiles = [Profile(f"case:{n}", raws[n % len(raws)], ON) for n in range(count)]
    start = time.perf_counter()
    parse_profiles(published, draft, profiles)
    return count / (time.perf_counter() - start)


def main() -> None:
    """Print the figures (one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    published = load_navigator(paths.catalogue_path(), paths.rules_dir())
    with tempfile.TemporaryDirectory() as folder:
        draft = draft_navigator(Path(folder))
    figures: dict[str, Any] = {
        "instruments": len(published.catalogue.by_id),
        "read_cases_per_s": round(read_rate(published, draft)),
    }
    for size in args.cases:
        figures[f"impact_{size}"] = run(published, draft, size, args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['instruments']} instruments, both versions, rules only")
    print(f"reading stored cases: {figures['read_cases_per_s']:,} cases/s")
    for size in args.cases:
        item = figures[f"impact_{size}"]
        print(
            f"{size:>9,} cases: {item['seconds_median']} s median of {item['seconds']}"
            f" ({item['cases_per_s']:,} cases/s); changed: {item['changed']}"
        )


if __name__ == "__main__":
    main()
