"""Latency of the dashboard's pages and the API on a store of 100,000 events and more.

The store is the sample corpus's store copied ``--copies`` times over (new ids for every
document, event, mention and evidence row, the same texts and dates), written with bulk
SQL inserts so that building it takes seconds rather than an ingest of 100,000 documents;
the read path it measures is the one a real store of that size takes. It is cached in
``bench/web-store.db`` (git-ignored) and rebuilt when its size is not the one asked for.

A real uvicorn server on loopback answers ``--requests`` requests per endpoint, one at a
time after a warm-up; the script prints p50 and p95 per endpoint and each p95 as a ratio
to the p95 of a static file served by the same server in the same run (the baseline).
Results also go to ``bench/results/web.json``. Not a test: timings never gate CI.

Usage: python scripts/bench_web.py [--copies 50] [--requests 40]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import MetaData, create_engine, func, insert, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.webserver import serving  # noqa: E402

from ceasefire.store import Store  # noqa: E402
from ceasefire.web.app import Settings, create_app  # noqa: E402

SAMPLE = REPO / "sample.db"
BENCH_DB = REPO / "bench" / "web-store.db"
RESULTS = REPO / "bench" / "results" / "web.json"
COPIED = (
    "documents",
    "mentions",
    "events",
    "event_actors",
    "evidence",
    "quotes",
    "ceasefires",
    "actors",
    "places",
)


def ensure_sample() -> None:
    if not SAMPLE.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ceasefire.cli.main",
                "ingest",
                "examples/articles",
                "examples/ucdp-ged-pakistan.jsonl",
                "--db",
                f"sqlite:///{SAMPLE}",
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )


def build(copies: int) -> int:
    """Copy the sample store ``copies`` times into the bench store; returns its event count."""
    if BENCH_DB.exists():
        with create_engine(f"sqlite:///{BENCH_DB}").connect() as conn:
            meta = MetaData()
            meta.reflect(conn, only=["events"])
            count = conn.scalar(select(func.count()).select_from(meta.tables["events"])) or 0
        with create_engine(f"sqlite:///{SAMPLE}").connect() as conn:
            meta = MetaData()
            meta.reflect(conn, only=["events"])
            one = conn.scalar(select(func.count()).select_from(meta.tables["events"])) or 0
        if count == one * copies:
            return count
        BENCH_DB.unlink()
    Store(f"sqlite:///{BENCH_DB}").close()  # the current schema, search tables and triggers included
    source = create_engine(f"sqlite:///{SAMPLE}")
    target = create_engine(f"sqlite:///{BENCH_DB}")
    smeta, tmeta = MetaData(), MetaData()
    smeta.reflect(source)
    tmeta.reflect(target)
    with source.connect() as src:
        rows = {name: [dict(r._mapping) for r in src.execute(select(smeta.tables[name]))] for name in COPIED}
    with target.begin() as dst:
        for name in ("actors", "places", "ceasefires"):
            if rows[name]:
                dst.execute(insert(tmeta.tables[name]), rows[name])
        for k in range(copies):
            doc = eid = partial(_copy_id, k=k)
            dst.execute(
                insert(tmeta.tables["documents"]),
                [
                    {
                        **r,
                        "id": doc(r["id"]),
                        "seq": r["seq"] + k * 1_000_000,
                        "near_duplicate_of": doc(r["near_duplicate_of"]) if r["near_duplicate_of"] else None,
                    }
                    for r in rows["documents"]
                ],
            )
            dst.execute(
                insert(tmeta.tables["mentions"]),
                [
                    {**{c: v for c, v in r.items() if c != "id"}, "doc_id": doc(r["doc_id"])}
                    for r in rows["mentions"]
                ],
            )
            dst.execute(
                insert(tmeta.tables["events"]),
                [{**r, "id": eid(r["id"]), "doc_id": doc(r["doc_id"])} for r in rows["events"]],
            )
            dst.execute(
                insert(tmeta.tables["event_actors"]),
                [{**r, "event_id": eid(r["event_id"])} for r in rows["event_actors"]],
            )
            dst.execute(
                insert(tmeta.tables["evidence"]),
                [
                    {
                        **{c: v for c, v in r.items() if c != "id"},
                        "doc_id": doc(r["doc_id"]),
                        "owner_id": eid(r["owner_id"]) if r["owner"] == "event" else r["owner_id"],
                    }
                    for r in rows["evidence"]
                    if r["owner"] == "event" or k == 0
                ],
            )
            if rows["quotes"]:
                dst.execute(
                    insert(tmeta.tables["quotes"]),
                    [{**r, "id": eid(r["id"]), "doc_id": doc(r["doc_id"])} for r in rows["quotes"]],
                )
    return len(rows["events"]) * copies


def _copy_id(record_id: str, k: int) -> str:
    """The id of a record in copy ``k`` (copy 0 keeps the original ids)."""
    return record_id if k == 0 else f"{record_id[:11]}{k:05x}"


def measure(client: httpx.Client, path: str, requests: int) -> dict[str, Any]:
    """The first request on a fresh server (nothing cached yet), then ``requests`` after a warm-up."""
    start = time.perf_counter()
    client.get(path).raise_for_status()
    cold = (time.perf_counter() - start) * 1000
    for _ in range(2):
        client.get(path).raise_for_status()
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "first_ms": round(cold, 2),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * len(times)) - 1)], 2),
        "max_ms": round(times[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    ensure_sample()
    started = time.perf_counter()
    build(args.copies)
    built = time.perf_counter() - started
    with Store(f"sqlite:///{BENCH_DB}") as store:
        counts = store.reader().counts()
        reader = store.reader()
        some_event = reader.events(reader_filter(), limit=1).items[0]
        some_doc = some_event.evidence[0].doc
        registry = reader.ceasefires()
        endpoints = {
            "static file (baseline)": "/static/app.css",
            "overview": "/",
            "overview, filtered": "/?type=bombing&since=2013&until=2015",
            "ceasefires": "/ceasefires",
            "ceasefire": f"/ceasefires/{registry[0].id}" if registry else "/ceasefires",
            "events": "/events",
            "events, filtered": "/events?type=attack&actor=ttp&since=2013",
            "event": f"/events/{some_event.id}",
            "actor": "/actors/ttp",
            "actors": "/actors",
            "document": f"/documents/{some_doc}",
            "documents": "/documents",
            "search": "/search?q=ceasefire",
            "api events": "/api/events?limit=50",
            "api events, filtered": "/api/events?type=bombing&since=2014&limit=50",
            "api search": "/api/search?q=church",
            "api ceasefires": "/api/ceasefires",
            "api actor": "/api/actors/ttp",
        }
        results: dict[str, Any] = {}
        with (
            serving(create_app(store=store, settings=Settings(rate=0))) as base,
            httpx.Client(base_url=base, timeout=60) as client,
        ):
            for name, path in endpoints.items():
                results[name] = {"path": path, **measure(client, path, args.requests)}
    baseline = results["static file (baseline)"]["p95_ms"]
    print(f"store: {counts['events']:,} events, {counts['documents']:,} documents (built in {built:.1f} s)")
    print(f"{'endpoint':28} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'p95 / static':>13}")
    for name, r in results.items():
        r["p95_ratio_to_static"] = round(r["p95_ms"] / baseline, 1) if baseline else None
        figures = (
            f"{r['first_ms']:9.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p95_ratio_to_static']:13.1f}"
        )
        print(f"{name:28} {figures}")
    worst = max((r["p95_ms"], n) for n, r in results.items())
    print(f"slowest p95: {worst[1]} {worst[0]:.1f} ms (aim: under 100 ms, issue 6)")
    cold = max((r["first_ms"], n) for n, r in results.items())
    print(f"slowest first request (nothing cached): {cold[1]} {cold[0]:.1f} ms")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "events": counts["events"],
                "documents": counts["documents"],
                "requests_per_endpoint": args.requests,
                "baseline": "p95 of a static file from the same server, same run",
                "endpoints": results,
                "python": platform.python_version(),
                "machine": platform.machine(),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(REPO)}")


def reader_filter() -> Any:
    from ceasefire.store.queries import EventFilter

    return EventFilter()


if __name__ == "__main__":
    main()
