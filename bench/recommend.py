"""Benchmark Navigator: in-process rules and full advice, batch re-evaluation, the CLI, HTTP
throughput next to a bare Flask endpoint, worker start-up, and growth with the catalogue size.

Usage:
    .venv/bin/python bench/recommend.py [--quick] [--json] [--profiles 2000] [--seconds 10]
        [--workers 2] [--skip-http] [--skip-scaling]

Not a test: it prints figures (``--json``: one object of named figures, see FIGURES).
Profiles are valid and consistent (what the API accepts), varied and seeded; each timed path runs
on its own over all profiles after a warm-up on other profiles. HTTP needs wrk (Debian package)
and gunicorn; servers listen on the first free loopback port in PORTS (18700-18799), and wrk
sends varied request bodies in turn. ``--quick`` takes under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.profiles import random_profile  # noqa: E402
from navigator import paths  # noqa: E402
from navigator.advice.advise import advise  # noqa: E402
from navigator.domain.answers import Answers, InvalidInput, parse_answers  # noqa: E402
from navigator.domain.catalogue import Catalogue  # noqa: E402
from navigator.domain.consistency import contradictions  # noqa: E402
from navigator.ranking.learned import load_ranker  # noqa: E402
from navigator.recommend import Navigator, evaluate, load_navigator  # noqa: E402
from navigator.rules.batch import columns, evaluate_batch  # noqa: E402
from navigator.rules.compiled import compiled  # noqa: E402
from navigator.rules.loader import Rulebook  # noqa: E402

ON = date(2026, 1, 15)
PORTS = range(18700, 18800)
FIGURES = (
    "rules_ms_p50",
    "rules_ms_p99",
    "advice_ms_p50",
    "advice_ms_p99",
    "api_advice_rps",
    "api_fast_rps",
    "bare_rps",
    "api_advice_ratio",
    "api_fast_ratio",
    "batch_cases_per_s",
    "cli_recommend_s",
)


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def valid_profiles(count: int, seed: int, ids: list[str]) -> list[dict[str, Any]]:
    """Return ``count`` random answer objects the API accepts (valid and consistent)."""
    rng = random.Random(seed)
    found: list[dict[str, Any]] = []
    while len(found) < count:
        raw = random_profile(rng, ids)
        try:
            answers = parse_answers(raw, on=ON, known_ids=ids)
        except InvalidInput:
            continue
        if not contradictions(answers):
            found.append(raw)
    return found


def _parsed(raws: list[dict[str, Any]], ids: list[str]) -> list[Answers]:
    return [parse_answers(raw, on=ON, known_ids=ids) for raw in raws]


def _timed(step: Any, profiles: list[Answers]) -> list[float]:
    timings = []
    for answers in profiles:
        start = time.perf_counter()
        step(answers)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def in_process(navigator: Navigator, count: int, warm: int = 200) -> dict[str, float]:
    """Time rules only (full results, and statuses alone) and the full advice per profile, each
    on its own, in milliseconds."""
    ids = list(navigator.catalogue.by_id)
    profiles = _parsed(valid_profiles(count, 20261123, ids), ids)
    warm_up = _parsed(valid_profiles(warm, 7, ids), ids)
    figures: dict[str, float] = {"instruments": len(ids), "profiles": count}
    book = navigator.rulebook
    for name, step in (
        ("rules", lambda a: evaluate(navigator, a, ON)),  # full results: reasons, missing fields
        ("rules_status", lambda a: compiled(book, ON).statuses(a)),  # the status of each rule
        ("advice", lambda a: advise(navigator, a, ON)),
    ):
        _timed(step, warm_up)
        timings = _timed(step, profiles)
        figures[f"{name}_ms_p50"] = statistics.median(timings)
        figures[f"{name}_ms_p99"] = percentile(timings, 0.99)
    return figures


def results_page(navigator: Navigator, pages: int) -> dict[str, float]:
    """Time the results page in process (test client, in-memory SQLite), in milliseconds.

    Fresh: the advice made anew (the app's advice cache emptied first) and the page rendered;
    repeated: the same page again (advice from the cache, the page rendered); new date: the
    first page on a date not seen before, which also compiles the rules for that date (once per
    worker and date, so once a day in service).
    """
    from datetime import timedelta

    from navigator.app import create_app
    from tests.conftest import journey
    from tests.web.helpers import start_case
    from tests.web.test_results import fill

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}, navigator=navigator)
    client = app.test_client()
    cases = []
    for name in ("software-bv", "manufacturer", "researcher", "scale-up"):
        case_id = start_case(client)
        fill(client, case_id, journey(f"journey-{name}")["answers"])
        cases.append(case_id)

    def timed(url: str, timings: list[float]) -> None:
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)

    fresh: list[float] = []
    repeated: list[float] = []
    new_date: list[float] = []
    for index in range(pages + 8):
        url = f"/c/{cases[index % len(cases)]}/results?on={ON}"
        app.extensions.get("navigator_caches", {}).pop("advice", None)
        timed(url, fresh if index >= 8 else [])  # the first rounds warm up
        timed(url, repeated if index >= 8 else [])
    for index in range(max(10, pages // 5)):
        url = f"/c/{cases[index % len(cases)]}/results?on={ON + timedelta(days=index + 1)}"
        timed(url, new_date)
    return {
        "results_page_ms_p50": statistics.median(fresh),
        "results_page_ms_p95": percentile(fresh, 0.95),
        "results_page_repeated_ms_p95": percentile(repeated, 0.95),
        "results_page_new_date_ms_p50": statistics.median(new_date),
    }


def batch(book: Rulebook, ids: list[str], cases: int) -> dict[str, float]:
    """Re-evaluate ``cases`` saved cases at once: cases per second, with and without columns."""
    distinct = _parsed(valid_profiles(min(cases, 2000), 11, ids), ids)
    profiles = (distinct * (cases // len(distinct) + 1))[:cases]
    evaluate_batch(book, profiles[:100], ON)  # warm up
    start = time.perf_counter()
    data = columns(profiles)
    built = time.perf_counter()
    evaluate_batch(book, data, ON)
    done = time.perf_counter()
    return {
        "batch_cases": cases,
        "batch_cases_per_s": cases / (done - start),
        "batch_rules_only_cases_per_s": cases / (done - built),
    }


def cli(runs: int = 3) -> dict[str, float]:
    """Time ``navigator recommend`` for one profile, wall clock (median of ``runs``)."""
    request = ROOT / "tests/data/journey-software-bv.json"
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv/bin/navigator"), "recommend", str(request), "--on", ON.isoformat()],
            check=True,
            capture_output=True,
        )
        timings.append(time.perf_counter() - start)
    return {"cli_recommend_s": statistics.median(timings)}


def free_port() -> int:
    """Return the first loopback port of PORTS that nothing listens on."""
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _environment() -> dict[str, str]:
    tmp = tempfile.mkdtemp(prefix="navigator-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
        "NAVIGATOR_SECRET_KEY": "bench",
        "NAVIGATOR_RATELIMIT_ENABLED": "false",  # all load comes from one address
    }
    navigator = str(ROOT / ".venv/bin/navigator")
    subprocess.run([navigator, "db", "upgrade"], env=env, check=True, capture_output=True)
    return env


def serve(
    target: str, workers: int, env: dict[str, str], probe: str = ""
) -> tuple[subprocess.Popen[bytes], int, float]:
    """Start gunicorn; return the process, its port and the seconds to the first answer."""
    port = free_port()
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
        "--preload",  # as `navigator serve` does: load once, fork ready workers
        target,
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    while time.perf_counter() - start < 30:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                if not probe:
                    return process, port, time.perf_counter() - start
                sock.sendall(probe.encode())
                if sock.recv(16).startswith(b"HTTP/1.1 200"):
                    return process, port, time.perf_counter() - start
        except OSError:
            time.sleep(0.02)
    process.kill()
    raise RuntimeError(f"{target} did not start")


def worker_restart(env: dict[str, str], probe: str, runs: int = 3) -> dict[str, float]:
    """Time a worker's start to its first response: one worker, killed, forked anew by the
    master (what happens after a crash or a ``max_requests`` recycle); median of ``runs``."""
    process, port, _ = serve("navigator.app:create_app()", 1, env, probe)
    timings = []
    try:
        for _ in range(runs):
            children = subprocess.run(
                ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=True
            ).stdout.split()
            start = time.perf_counter()
            for pid in children:
                os.kill(int(pid), signal.SIGTERM)
            while time.perf_counter() - start < 30:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                        sock.sendall(probe.encode())
                        if sock.recv(16).startswith(b"HTTP/1.1 200"):
                            break
                except OSError:
                    pass
                time.sleep(0.005)
            timings.append(time.perf_counter() - start)
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {"worker_restart_s": statistics.median(timings)}


def _post(path: str, body: str) -> str:
    return (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body.encode())}\r\nConnection: close\r\n\r\n{body}"
    )


def cycling_script(bodies: list[str]) -> str:
    """Return a wrk Lua script that posts the JSON bodies in turn (never one fixed request)."""
    return (
        "local bodies = {}\n"
        + "".join(f"bodies[{i + 1}] = {json.dumps(b)}\n" for i, b in enumerate(bodies))
        + 'local n = 0\nwrk.method = "POST"\n'
        + 'wrk.headers["Content-Type"] = "application/json"\n'
        + "request = function()\n  n = n + 1\n"
        + "  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])\nend\n"
    )


def wrk(url: str, bodies: list[str], seconds: int) -> dict[str, float]:
    """Run wrk (2 threads, 16 connections) posting the bodies in turn; req/s, p99, non-2xx."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(cycling_script(bodies))
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
    return {"rps": rate, "p99_ms": latency, "non_2xx": float(errors.group(1) if errors else 0)}


def over_http(seconds: int, workers: int, ids: list[str]) -> dict[str, float]:
    """Measure the API with and without advice and a bare Flask endpoint, one after the other."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    bodies = [
        json.dumps({"answers": raw, "on": ON.isoformat()}) for raw in valid_profiles(200, 99, ids)
    ]
    env = _environment()
    figures: dict[str, float] = {}
    for name, target, path in (
        ("api_advice", "navigator.app:create_app()", "/api/v1/recommendations"),
        ("api_fast", "navigator.app:create_app()", "/api/v1/recommendations?advice=false"),
        ("bare", "bench.bare_app:create_app()", "/bare"),
    ):
        process, port, started = serve(target, workers, env, _post(path, bodies[0]))
        try:
            url = f"http://127.0.0.1:{port}{path}"
            wrk(url, bodies, 1 if seconds < 5 else 3)  # warm up: compile, fill the caches
            result = wrk(url, bodies, seconds)
        finally:
            process.terminate()
            process.wait(timeout=10)
        figures[f"{name}_rps"] = result["rps"]
        figures[f"{name}_p99_ms"] = result["p99_ms"]
        figures[f"{name}_non_2xx"] = result["non_2xx"]
        if name == "api_advice":
            figures["server_first_response_s"] = started
    figures.update(worker_restart(env, _post("/api/v1/recommendations", bodies[1])))
    figures["api_advice_ratio"] = figures["api_advice_rps"] / figures["bare_rps"]
    figures["api_fast_ratio"] = figures["api_fast_rps"] / figures["bare_rps"]
    return figures


def enlarged(navigator: Navigator, size: int) -> Navigator:
    """Return the navigator with synthetic copies of instruments and rules up to ``size``."""
    originals = navigator.catalogue.instruments
    instruments = list(originals)
    rules = dict(navigator.rulebook.rules)
    copy = 1
    while len(instruments) < size:
        for item in originals[: size - len(instruments)]:
            new = f"{item.id}-copy{copy}"
            instruments.append(item.model_copy(update={"id": new}))
            rules[new] = rules[item.id].model_copy(update={"instrument": new})
        copy += 1
    catalogue = Catalogue(
        catalogue_version=navigator.catalogue.catalogue_version, instruments=instruments
    )
    return replace(
        navigator, catalogue=catalogue, rulebook=Rulebook(navigator.rulebook.common, rules)
    )


def scaling(navigator: Navigator, count: int) -> dict[str, float]:
    """Full advice p50 at the real size and at 250 and 1,000 instruments."""
    figures = {}
    for size in (len(navigator.catalogue.instruments), 250, 1000):
        bigger = (
            navigator if size == len(navigator.catalogue.instruments) else enlarged(navigator, size)
        )
        result = in_process(bigger, count, warm=min(count, 50))
        figures[f"advice_ms_p50_at_{size}"] = result["advice_ms_p50"]
        figures[f"advice_ms_p99_at_{size}"] = result["advice_ms_p99"]
        figures[f"rules_ms_p50_at_{size}"] = result["rules_ms_p50"]
    return figures


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", type=int, default=100_000, help="batch size")
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--json", action="store_true", help="print one JSON object of figures")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.profiles, args.seconds, args.cases = 200, 3, 20_000
    navigator = load_navigator(paths.catalogue_path(), paths.rules_dir(), load_ranker())
    ids = list(navigator.catalogue.by_id)
    figures: dict[str, float] = {}
    figures.update(in_process(navigator, args.profiles))
    figures.update(results_page(navigator, 60 if args.quick else 300))
    figures.update(batch(navigator.rulebook, ids, args.cases))
    figures.update(cli())
    if not args.skip_http:
        figures.update(over_http(args.seconds, args.workers, ids))
    if not args.skip_scaling:
        figures.update(scaling(navigator, 30 if args.quick else 200))
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}, indent=2))
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:{width}s}  {value:12.3f}")
    sizes = [k for k in figures if k.startswith("advice_ms_p50_at_")]
    if len(sizes) == 3:
        base = figures[sizes[0]]
        growth = ", ".join(f"{k.rsplit('_', 1)[1]}: x{figures[k] / base:.1f}" for k in sizes)
        print(f"full advice growth with the catalogue size ({growth})")


if __name__ == "__main__":
    main()
