"""Two ingests at once, and readers while a writer works, on SQLite (WAL) and PostgreSQL (issue 7)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from sqlalchemy import func, select

from ceasefire.store import Store
from ceasefire.store.schema import DocumentRow, EvidenceRow
from ceasefire.web.app import Settings, create_app
from tests.conftest import REPO
from tests.webserver import serving

SAMPLE = REPO / "examples" / "ucdp-ged-pakistan.jsonl"


def _ingest(path: Path, db: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "ceasefire.cli.main", "ingest", str(path), "--db", db]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def _slice(tmp: Path, name: str, first: int, last: int) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp / name
    path.write_text("\n".join(lines[first:last]) + "\n", encoding="utf-8")
    return path


def test_concurrency_two_ingests_of_overlapping_inputs_store_each_document_once(
    db_url: str, tmp_path: Path
) -> None:
    a, b = _slice(tmp_path, "a.jsonl", 0, 600), _slice(tmp_path, "b.jsonl", 300, 900)
    union = _slice(tmp_path, "union.jsonl", 0, 900)
    runs = [_ingest(a, db_url), _ingest(b, db_url)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    alone = f"sqlite:///{tmp_path / 'alone.db'}"
    assert _ingest(union, alone).wait(timeout=600) == 0
    with Store(alone) as store:
        expected = {d.id for d in store.documents()}
    with Store(db_url) as store:
        stored = [d.id for d in store.documents()]
        with store._session() as session:
            sentences = session.execute(
                select(EvidenceRow.owner_id, EvidenceRow.doc_id, EvidenceRow.start, func.count())
                .where(EvidenceRow.owner == "event")
                .group_by(EvidenceRow.owner_id, EvidenceRow.doc_id, EvidenceRow.start, EvidenceRow.end)
                .having(func.count() > 1)
            ).all()
            arrivals = session.scalars(select(DocumentRow.seq)).all()
    assert len(stored) == len(set(stored)) and set(stored) == expected, "each document once, none lost"
    assert len(set(arrivals)) == len(arrivals), "arrival numbers are never handed out twice"
    assert sentences == [], "no event holds the same sentence twice"
    new = [int(err.strip().splitlines()[-1].split(" new")[0].split()[-1]) for _, err in outputs]
    assert sum(new) == len(expected), "between them the two runs stored each document once"


def test_concurrency_readers_see_whole_documents_while_ingest_writes(db_url: str, tmp_path: Path) -> None:
    """The REST API answers every request while an ingest runs; a listed document can always be
    opened, and the count of documents never goes down."""
    corpus = _slice(tmp_path, "feed.jsonl", 0, 1200)
    with Store(db_url) as store:
        store.count_documents()  # the schema exists before the server opens the store
    problems: list[str] = []
    seen: dict[int, list[int]] = {}
    observed: dict[str, set[frozenset[tuple[int, int, str]]]] = {}  # a document's sentences, each time read
    with serving(create_app(db_url, settings=Settings(rate=0))) as base:  # readers, not a flood
        writer = _ingest(corpus, db_url)
        stop = threading.Event()

        def read(reader: int) -> None:
            totals = seen.setdefault(reader, [])
            with httpx.Client(base_url=base, timeout=30) as client:
                while not stop.is_set():
                    page = client.get("/api/documents", params={"limit": 20})
                    if page.status_code != 200:
                        problems.append(f"/api/documents {page.status_code}")
                        continue
                    body = page.json()
                    totals.append(body["total"])
                    for item in body["items"][:10]:
                        one = client.get(f"/api/documents/{item['id']}")
                        if one.status_code != 200:
                            problems.append(f"/api/documents/{item['id']} {one.status_code}")
                            continue
                        detail = one.json()
                        text = detail["document"]["text"]
                        quoted = [
                            (e["start"], e["end"], e["text"])
                            for event in detail["events"]
                            for e in event["evidence"]
                            if e["doc"] == item["id"]
                        ]
                        if not text or any(text[a:b] != q for a, b, q in quoted):
                            problems.append(f"/api/documents/{item['id']}: text and evidence disagree")
                        observed.setdefault(item["id"], set()).add(frozenset(quoted))

        readers = [threading.Thread(target=read, args=(n,)) for n in range(3)]
        for thread in readers:
            thread.start()
        _, err = writer.communicate(timeout=600)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        with httpx.Client(base_url=base, timeout=30) as client:
            final = {
                doc: {
                    (e["start"], e["end"], e["text"])
                    for event in client.get(f"/api/documents/{doc}").json()["events"]
                    for e in event["evidence"]
                    if e["doc"] == doc
                }
                for doc in observed
            }
    assert writer.returncode == 0, err[-2000:]
    assert problems == []
    # whole documents: whenever a document was visible, all of its sentences were (merges move
    # a sentence to another event, never out of sight)
    assert len(observed) > 10
    assert all(views == {frozenset(final[doc])} for doc, views in observed.items())
    for totals in seen.values():
        assert len(totals) > 5 and totals[-1] > 0
        assert all(x <= y for x, y in itertools.pairwise(totals)), "documents never vanish"
