"""Benchmark recommendations: in-process evaluation per profile, and HTTP throughput of
/api/v1/recommendations under gunicorn next to a bare Flask endpoint on the same settings.

Usage: .venv/bin/python bench/recommend.py [--profiles 2000] [--seconds 10] [--workers 2]
Not a test: it prints figures. The HTTP part needs wrk (Debian package) and gunicorn.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.profiles import random_profile  # noqa: E402
from navigator import paths  # noqa: E402
from navigator.advice.advise import advise  # noqa: E402
from navigator.domain.answers import parse_answers  # noqa: E402
from navigator.ranking.learned import load_ranker  # noqa: E402
from navigator.recommend import evaluate, load_navigator, recommend  # noqa: E402

ON = date(2026, 1, 15)


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _profiles(count: int, ids: list[str]) -> list[Any]:
    rng = random.Random(20261123)
    return [parse_answers(random_profile(rng, ids), on=ON, known_ids=ids) for _ in range(count)]


STEPS = (
    ("evaluate", "rules only"),
    ("rule_rank", "rules + rule order"),
    ("learned_rank", "rules + learned ranker"),
    ("advice", "full advice (learned)"),
)


def in_process(count: int) -> dict[str, float]:
    """Time evaluation, recommendation with each ranker, and the full advice, in milliseconds."""
    rule = load_navigator(paths.catalogue_path(), paths.rules_dir())
    learned = load_navigator(paths.catalogue_path(), paths.rules_dir(), load_ranker())
    ids = list(rule.catalogue.by_id)
    steps = {
        "evaluate": lambda a: evaluate(rule, a, ON),
        "rule_rank": lambda a: recommend(rule, a, ON),
        "learned_rank": lambda a: recommend(learned, a, ON),
        "advice": lambda a: advise(learned, a, ON),
    }
    timings: dict[str, list[float]] = {name: [] for name in steps}
    for answers in _profiles(count, ids):
        for name, step in steps.items():
            start = time.perf_counter()
            step(answers)
            timings[name].append((time.perf_counter() - start) * 1000)
    result = {"instruments": float(len(ids)), "profiles": float(count)}
    for name, values in timings.items():
        result[f"{name}_median_ms"] = statistics.median(values)
        result[f"{name}_p99_ms"] = percentile(values, 0.99)
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(target: str, workers: int, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "--no-control-socket",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
        target,
    ]
    process = subprocess.Popen(command, env=env)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{target} did not start")


def _wrk(url: str, body: str, seconds: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = {json.dumps(body)}\n"
        )
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    latency = (
        float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)] if p99 else 0.0
    )
    return {
        "req_per_s": rate,
        "p99_ms": latency,
        "non_2xx": float(errors.group(1) if errors else 0),
    }


def over_http(seconds: int, workers: int) -> dict[str, dict[str, float]]:
    """Measure both servers, one after the other, with the same request body."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    body = json.dumps(json.loads((ROOT / "tests/data/journey-software-bv.json").read_text()))
    tmp = tempfile.mkdtemp(prefix="navigator-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
        "NAVIGATOR_SECRET_KEY": "bench",
    }
    results = {}
    for name, target, path in (
        ("navigator (full advice)", "navigator.app:create_app()", "/api/v1/recommendations"),
        (
            "navigator (results only)",
            "navigator.app:create_app()",
            "/api/v1/recommendations?advice=false",
        ),
        ("bare_flask", "bench.bare_app:create_app()", "/bare"),
    ):
        process, port = _serve(target, workers, env)
        try:
            _wrk(f"http://127.0.0.1:{port}{path}", body, 3)  # warm up (imports, first requests)
            results[name] = _wrk(f"http://127.0.0.1:{port}{path}", body, seconds)
        finally:
            process.terminate()
            process.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)
    return results


def main() -> None:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    local = in_process(args.profiles)
    print(
        f"In-process over {local['instruments']:.0f} instruments, {local['profiles']:.0f} profiles:"
    )
    for name, label in STEPS:
        median, p99 = local[name + "_median_ms"], local[name + "_p99_ms"]
        print(f"  {label:24s} median {median:7.3f} ms   p99 {p99:7.3f} ms")
    if args.skip_http:
        return
    http = over_http(args.seconds, args.workers)
    print(f"HTTP, gunicorn sync -w {args.workers}, wrk -t2 -c16 -d{args.seconds}s (same machine):")
    for name, figures in http.items():
        print(
            f"  {name:10s} {figures['req_per_s']:8.0f} req/s   p99 {figures['p99_ms']:.1f} ms"
            f"   non-2xx {figures['non_2xx']:.0f}"
        )
    for name in ("navigator (full advice)", "navigator (results only)"):
        ratio = http[name]["req_per_s"] / http["bare_flask"]["req_per_s"]
        print(f"  ratio {name} / bare Flask: {ratio:.3f}")


if __name__ == "__main__":
    main()
