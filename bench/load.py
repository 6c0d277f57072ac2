"""Load through the production setup: deploy/serve.sh (nginx in front of gunicorn) on loopback.

Not a test: it prints figures. For each target (the wizard's start page, a results page of a
filled-in case, and the JSON API with full advice: 200 varied valid bodies in turn) wrk runs at
saturation (-t2 -c16) for the given seconds and this prints requests per second, p50, p99
and errors (socket errors and non-2xx/3xx answers). Rate limits are switched off for the run:
all load comes from one address, which is what the limits exist to stop. Needs wrk (Debian
package) and nginx-light.

    .venv/bin/python bench/load.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.recommend import ON, cycling_script, valid_profiles  # noqa: E402
from navigator import paths  # noqa: E402
from navigator.domain.catalogue import load_catalogue  # noqa: E402
from tests.web.test_deployment import _new_case, start, stop  # noqa: E402


def api_bodies(count: int = 200) -> list[str]:
    """Return varied valid request bodies (what the API accepts), seeded."""
    ids = [item.id for item in load_catalogue(paths.catalogue_path()).instruments]
    return [
        json.dumps({"answers": raw, "on": ON.isoformat()}) for raw in valid_profiles(count, 99, ids)
    ]


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, seconds: int, bodies: list[str] | None = None) -> dict[str, float]:
    """Run wrk against ``url`` and return req/s, p50 and p99 in ms, and the errors."""
    # --timeout 10s: a slow answer under saturation is a latency (p99), not a lost request.
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    script = None
    if bodies is not None:  # posted in turn: varied requests, never one fixed body
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(cycling_script(bodies))
            script = handle.name
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if script:
        os.unlink(script)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = sum(int(n) for n in sockets.groups()) if sockets else 0
    return {
        "req_per_s": float(rate.group(1)) if rate else 0.0,
        "p50_ms": _milliseconds(*p50.groups()) if p50 else 0.0,
        "p99_ms": _milliseconds(*p99.groups()) if p99 else 0.0,
        "errors": float((int(non_2xx.group(1)) if non_2xx else 0) + socket_errors),
    }


def main() -> None:
    """Start the deployment, run the three targets, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        process, base = start(Path(folder), NAVIGATOR_RATELIMIT_ENABLED="false")
        try:
            case_id = _new_case(base)
            targets = {
                "wizard start (GET /)": (f"{base}/", None),
                "results page": (f"{base}/c/{case_id}/results?on=2026-01-15", None),
                "API, full advice": (f"{base}/api/v1/recommendations", api_bodies()),
            }
            setup = f"wrk -t2 -c16 -d{args.seconds}s --timeout 10s"
            print(f"nginx -> gunicorn 2 workers x 4 threads, {setup}:")
            for name, (url, bodies) in targets.items():
                wrk(url, 3, bodies)  # warm up
                figures = wrk(url, args.seconds, bodies)
                print(
                    f"  {name:24s} {figures['req_per_s']:8.1f} req/s  "
                    f"p50 {figures['p50_ms']:7.1f} ms  p99 {figures['p99_ms']:7.1f} ms  "
                    f"errors {int(figures['errors'])}"
                )
        finally:
            stop(process)


if __name__ == "__main__":
    main()
