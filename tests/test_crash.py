"""Crash safety (issue 7): an ingest killed with SIGKILL at random moments, then run again,
leaves exactly the store a clean run makes, on SQLite and on PostgreSQL.

Each batch is one transaction, documents are keyed by the hash of their text, and event
resolution depends only on the order documents arrive in, which a rerun keeps. Slow: two
ingests of 10,000 documents per backend, one of them killed five times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from ceasefire.store import Store
from ceasefire.store.schema import Base, DocumentRow
from ceasefire.store.store import make_engine
from tests.conftest import REPO

DOCUMENTS = 10_000
KILLS = 5
TABLES = [t for t in Base.metadata.sorted_tables if t.name != "meta"]  # every stored table; meta holds times


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 documents: the sample headlines, and copies of them published 30·k days later."""
    originals = [
        json.loads(line)
        for line in (REPO / "examples" / "ucdp-ged-pakistan.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    path = tmp_path_factory.mktemp("crash") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(DOCUMENTS):
            k, row = divmod(n, len(originals))[0], dict(originals[n % len(originals)])
            if k:
                row["text"] = f"{row['text']}\n\nCopy {k}."
                day = date.fromisoformat(row["published"][:10]) + timedelta(days=30 * k)
                row["published"] = day.isoformat()
            out.write(json.dumps(row) + "\n")
    return path


def _command(corpus: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "ceasefire.cli.main", "ingest", str(corpus), "--db", db]


def _counts(db: str) -> dict[str, int]:
    with Store(db) as store, store._session() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0 for table in TABLES}


def _stored(engine: Engine) -> int:
    """Documents stored so far (0 before the store exists): a plain read, which takes no lock
    the ingest waits for (opening a ``Store`` would)."""
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(DocumentRow)).scalar() or 0
    except SQLAlchemyError:
        return 0


def _clean_run(corpus: Path, db: str) -> None:
    done = subprocess.run(_command(corpus, db), capture_output=True, text=True, cwd=REPO, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.slow
def test_crash_killed_ingests_then_a_rerun_equal_a_clean_run(
    corpus: Path, db_url: str, tmp_path: Path
) -> None:
    reference = f"sqlite:///{tmp_path / 'clean.db'}"
    _clean_run(corpus, reference)
    expected = _counts(reference)
    assert expected["documents"] > 9_000 and expected["events"] > 5_000
    rng = random.Random(20261122)
    # kill points: five numbers of stored documents, then a random moment into the next batch
    # (storing it, resolving, or rebuilding the registry), whatever this machine's speed
    targets = sorted(400 * k for k in rng.sample(range(1, 20), KILLS))  # two batches apart at least
    watcher = make_engine(db_url)
    killed_with = []
    for target in targets:
        run = subprocess.Popen(
            _command(corpus, db_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
        )
        deadline = time.monotonic() + 600
        while run.poll() is None and time.monotonic() < deadline and _stored(watcher) < target:
            time.sleep(0.1)
        time.sleep(rng.uniform(0, 1.5))
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        killed_with.append(_counts(db_url)["documents"])
    watcher.dispose()
    print(f"documents stored when each kill landed: {killed_with} of {expected['documents']}")
    assert all(0 < n < expected["documents"] for n in killed_with), killed_with
    assert len(set(killed_with)) >= KILLS - 1, "each rerun got further before its kill"
    finish = subprocess.run(_command(corpus, db_url), capture_output=True, text=True, cwd=REPO, timeout=900)
    assert finish.returncode == 0, finish.stderr[-2000:]
    assert _counts(db_url) == expected
    with Store(db_url) as store, store._session() as session:
        documents = session.scalars(select(DocumentRow.id)).all()
        assert len(documents) == len(set(documents))
        if store.engine.dialect.name == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with Store(reference) as clean, Store(db_url) as rerun:
        assert [cf.model_dump() for cf in rerun.ceasefires()] == [
            cf.model_dump() for cf in clean.ceasefires()
        ]
