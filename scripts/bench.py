"""Extraction throughput on the sample corpus, quoted as a ratio to a baseline run in the same process.

The baseline is spaCy's blank English tokenizer on the same texts: the least any
spaCy-based extractor must pay. Figures are per core (one process) and are
also written to ``bench/results/extract.json`` so commits can be compared.
Not a test: timings never gate CI.

The per-stage breakdown runs the steps of ``events.extract.extract`` one at a
time over the whole corpus (stage by stage rather than document by document)
and checks that the result equals ``extract``'s, so it cannot drift from it.

Usage: python scripts/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy

from ceasefire.errors import CeasefireError
from ceasefire.events.extract import extract
from ceasefire.events.quotes import find_quotes
from ceasefire.events.rules import find_triggers
from ceasefire.events.write import Found, write_events
from ceasefire.ingest.readers import read_paths
from ceasefire.models import Document, Published, document_id
from ceasefire.nlp.durations import find_durations
from ceasefire.nlp.numbers import find_numbers
from ceasefire.nlp.pipeline import make_nlp
from ceasefire.nlp.temporal import find_dates, publication_value
from ceasefire.pipeline import prepare
from ceasefire.resolve.actors import build_actors, find_actors
from ceasefire.resolve.places import build_places, find_places
from ceasefire.types import Extraction, RawDocument

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "examples" / "articles", REPO / "examples" / "ucdp-ged-pakistan.jsonl"]
RESULTS = REPO / "bench" / "results" / "extract.json"


def load_documents() -> list[Document]:
    """The sample corpus, cleaned and dated once, outside the timed part."""
    documents = []
    for item in read_paths([str(p) for p in CORPUS]):
        if isinstance(item, RawDocument):
            try:
                documents.append(prepare(item))
            except CeasefireError:  # the bench measures what goes in, not what fails
                continue
    return documents


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def stages(documents: list[Document]) -> tuple[dict[str, float], list[Extraction]]:
    """Seconds per step of ``extract`` over the whole corpus, and the extractions it makes.

    Mirrors ``events.extract.extract`` step for step; ``main`` checks the results agree.
    """
    seconds: dict[str, float] = {}

    def timed(stage: str, run: Callable[[], list[Any]]) -> list[Any]:
        start = time.perf_counter()
        result = run()
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - start
        return result

    nlp = make_nlp()
    docs = timed("tokenize+sentences", lambda: [nlp(d.text) for d in documents])
    places = timed("places", lambda: [find_places(doc) for doc in docs])
    findings = timed(
        "actors",
        lambda: [
            find_actors(doc, blocked={i for p in found for i in range(p.start, p.end)})
            for doc, found in zip(docs, places, strict=True)
        ],
    )
    places = timed(
        "places",
        lambda: [
            [
                p
                for p in found
                if {i for m in f.mentions for i in range(m.start, m.end)}.isdisjoint(range(p.start, p.end))
            ]
            for found, f in zip(places, findings, strict=True)
        ],
    )
    dates = timed(
        "dates/numbers",
        lambda: [
            (
                find_dates(d.text, d.published),
                find_numbers(d.text),
                publication_value(d.published),
                find_durations(d.text),
            )
            for d in documents
        ],
    )
    triggers = timed("events", lambda: [find_triggers(doc) for doc in docs])
    actors = timed(
        "actors",
        lambda: [build_actors(f, doc, d.id) for f, doc, d in zip(findings, docs, documents, strict=True)],
    )
    built = timed(
        "places",
        lambda: [build_places(p, doc, d.id) for p, doc, d in zip(places, docs, documents, strict=True)],
    )
    events = timed(
        "events",
        lambda: [
            write_events(
                Found(
                    doc=doc,
                    doc_id=d.id,
                    text=d.text,
                    actors=f.mentions,
                    places=p,
                    dates=dt[0],
                    numbers=dt[1],
                    triggers=t,
                    publication=dt[2],
                    durations=dt[3],
                )
            )
            for doc, d, f, p, dt, t in zip(docs, documents, findings, places, dates, triggers, strict=True)
        ],
    )
    quotes = timed(
        "quotes",
        lambda: [
            find_quotes(doc, d.id, f.mentions) for doc, d, f in zip(docs, documents, findings, strict=True)
        ],
    )
    extractions = [
        Extraction(document=d, actors=a, places=p, events=e, quotes=q)
        for d, a, p, e, q in zip(documents, actors, built, events, quotes, strict=True)
    ]
    return seconds, extractions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    documents = load_documents()
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    extract(Document(id=document_id("warm"), text="Warm up the matchers.", published=Published()))

    baseline = best_of(args.repeat, lambda: [blank.make_doc(t) for t in texts])
    ours = best_of(args.repeat, lambda: [extract(d) for d in documents])
    runs = [stages(documents) for _ in range(args.repeat)]
    if runs[0][1] != [extract(d) for d in documents]:
        raise SystemExit("the per-stage run no longer matches extract(): update stages() in scripts/bench.py")
    breakdown = {stage: min(run[0][stage] for run in runs) for stage in runs[0][0]}
    total = sum(breakdown.values())
    figures = {
        "documents": len(documents),
        "words": words,
        "extract_seconds": round(ours, 4),
        "extract_words_per_second": round(words / ours),
        "extract_documents_per_second": round(len(documents) / ours, 1),
        "baseline": "spacy.blank('en') tokenizer, same texts, same process",
        "baseline_words_per_second": round(words / baseline),
        "ratio_to_baseline": round(baseline / ours, 4),
        "stages_seconds": {stage: round(t, 4) for stage, t in breakdown.items()},
        "stages_share": {stage: round(t / total, 3) for stage, t in breakdown.items()},
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    width = max(map(len, figures))
    for name, value in figures.items():
        if not isinstance(value, dict):
            print(f"{name:<{width}}  {value}")
    print("per stage (best of each, seconds, share):")
    for stage, t in breakdown.items():
        print(f"  {stage:<{width - 2}}  {t:.4f}  {t / total:6.1%}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
