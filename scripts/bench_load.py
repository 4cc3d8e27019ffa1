"""Load: 100 concurrent clients for 60 seconds against a real ``ceasefire serve`` on loopback.

The store is ``bench/web-store.db`` (100,100 events, made by ``scripts/bench_web.py``). Each
client is an asyncio task that requests the main pages and API endpoints in turn, as fast as
answers come. A baseline run of the same clients on a static file, for ``--baseline``
seconds, gives throughput as a ratio. Printed, and written to ``bench/results/load.json``:
requests, errors (any status other than 200, or no answer), throughput, p50/p95/max.

Not a test: timings never gate CI. Usage: python scripts/bench_load.py [--clients 100] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import subprocess
import sys
import time
from typing import Any

import httpx
from bench_web import BENCH_DB, REPO  # the store bench_web builds, on its path
from tests.webserver import free_port

RESULTS = REPO / "bench" / "results" / "load.json"
MAIN = (
    "/",
    "/events",
    "/events?type=attack&actor=ttp&since=2013",
    "/ceasefires",
    "/actors/ttp",
    "/documents",
    "/search?q=ceasefire",
    "/api/events?limit=50",
    "/api/events?type=bombing&since=2014&limit=50",
    "/api/search?q=church",
    "/api/ceasefires",
    "/api/health",
)


async def client(base: str, paths: tuple[str, ...], until: float, offset: int, out: dict[str, Any]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        n = offset
        while time.perf_counter() < until:
            path = paths[n % len(paths)]
            n += 1
            start = time.perf_counter()
            try:
                answer = await http.get(path)
                ok = answer.status_code == 200
            except httpx.HTTPError:
                ok = False
            out["times"].append(time.perf_counter() - start)
            if not ok:
                out["errors"] += 1


async def load(base: str, paths: tuple[str, ...], clients: int, seconds: float) -> dict[str, Any]:
    out: dict[str, Any] = {"times": [], "errors": 0}
    until = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(client(base, paths, until, k, out) for k in range(clients)))
    elapsed = time.perf_counter() - start
    times: list[float] = sorted(out["times"])
    if not times:
        raise SystemExit("no request was answered")

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, int(p * len(times)))] * 1000, 1)

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(times),
        "errors": out["errors"],
        "requests_per_second": round(len(times) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "max_ms": round(times[-1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline", type=float, default=10, help="seconds of the static-file run")
    args = parser.parse_args()
    if not BENCH_DB.exists():
        raise SystemExit(f"{BENCH_DB.relative_to(REPO)} is missing: run scripts/bench_web.py first")
    port = free_port()
    command = [sys.executable, "-m", "ceasefire.cli.main", "serve", "--db", f"sqlite:///{BENCH_DB}"]
    server = subprocess.Popen([*command, "--port", str(port), "--rate-limit", "0"], cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        for path in MAIN:  # warm the caches a visitor would warm
            httpx.get(f"{base}{path}", timeout=60)
        baseline = asyncio.run(load(base, ("/static/app.css",), args.clients, args.baseline))
        main_run = asyncio.run(load(base, MAIN, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    results = {
        "endpoints": list(MAIN),
        "main": main_run,
        "static_file_baseline": baseline,
        "throughput_ratio_to_static": round(
            main_run["requests_per_second"] / baseline["requests_per_second"], 3
        ),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    for name, run in (("static file (baseline)", baseline), ("main endpoints", main_run)):
        print(
            f"{name}: {run['clients']} clients, {run['seconds']} s, {run['requests']:,} requests, "
            f"{run['errors']} errors, {run['requests_per_second']} req/s, "
            f"p50 {run['p50_ms']} ms, p95 {run['p95_ms']} ms, max {run['max_ms']} ms"
        )
    print(f"main endpoints' throughput: {results['throughput_ratio_to_static']} of the static file's")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
