"""A real uvicorn server on a free loopback port, in a thread, for tests that speak HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from ceasefire.config import ExtractConfig
from ceasefire.pipeline import ingest
from ceasefire.store import Store

REPO = Path(__file__).resolve().parents[1]

# An article whose title and text try every usual way to run script in a page.
HOSTILE_TITLE = '<script>window.__xss = 1</script>Ceasefire <img src=x onerror="window.__xss = 2">'
HOSTILE_TEXT = (
    HOSTILE_TITLE
    + "\n\nThe TTP declared a ceasefire on 9 November 2021 <script>window.__xss = 3</script> in Kabul. "
    + 'Militants <b onmouseover="window.__xss = 4">killed</b> five soldiers in "><svg onload=window.__xss=5> '
    + "Bannu on 12 November 2021. javascript:window.__xss=6 {{ 7*7 }} Xylophonic.\n"
)
HOSTILE_ACTOR = "xylo_front"
HOSTILE_ACTOR_NAME = '<img src=x onerror="window.__xss = 7">Xylo Front'
MARKER = "xylophonic"  # a word only the hostile article has, to find it by search


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` on 127.0.0.1 until the block ends; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def fill(store: Store, tmp: Path, ucdp_lines: int = 400) -> None:
    """The two articles, the first ``ucdp_lines`` UCDP headlines and the hostile article."""
    lines = (REPO / "examples" / "ucdp-ged-pakistan.jsonl").read_text(encoding="utf-8").splitlines()
    sample = tmp / "ucdp-sample.jsonl"
    sample.write_text("\n".join(lines[:ucdp_lines]) + "\n", encoding="utf-8")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    summary = ingest([str(REPO / "examples" / "articles"), str(sample), str(hostile)], store)
    assert summary.failed == 0, summary.failures
    # an actor whose name (from a user's actor file) is itself a payload, in an article of its own
    actors = tmp / "hostile-actors.yaml"
    actors.write_text(
        "actors:\n"
        f"  - {{id: {HOSTILE_ACTOR}, name: '{HOSTILE_ACTOR_NAME}', kind: armed_group, country: PAK,\n"
        "     aliases: [Xylo Front]}\n",
        encoding="utf-8",
    )
    attack = tmp / "hostile-actor.txt"
    attack.write_text(
        "The Xylo Front attacked a police checkpoint in Quetta on Monday, killing three policemen, "
        "officials said.",
        encoding="utf-8",
    )
    summary = ingest([str(attack)], store, config=ExtractConfig(actor_files=(str(actors),)))
    assert summary.failed == 0 and summary.new == 1, summary.failures
