"""Extraction throughput on the sample corpus, quoted as a ratio to a baseline run in the same process.

The baseline is spaCy's blank English tokenizer on the same texts: the least any
spaCy-based extractor must pay. Figures are per core (one process) and are
also written to ``bench/results/extract.json`` so commits can be compared.
Not a test: timings never gate CI.

Extraction runs as ingest runs it: ``extract_many`` over batches of the pipeline's
``BATCH_SIZE`` documents (one NER pass per batch). The per-stage breakdown is timed
inside that same code (``StageClock``), so it cannot drift from it.

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

import spacy

from ceasefire.errors import CeasefireError
from ceasefire.events import classify as classify_module
from ceasefire.events.classify import classify_many
from ceasefire.events.extract import StageClock, extract_many, warm_up
from ceasefire.ingest.readers import read_paths
from ceasefire.models import Document
from ceasefire.pipeline import BATCH_SIZE, prepare
from ceasefire.types import RawDocument

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


def in_batches(documents: list[Document], clock: StageClock | None = None) -> None:
    """Extract the corpus as ingest does: ``extract_many`` over batches of ``BATCH_SIZE`` documents."""
    for i in range(0, len(documents), BATCH_SIZE):
        extract_many(documents[i : i + BATCH_SIZE], clock=clock)


def stages(documents: list[Document]) -> StageClock:
    """Seconds per stage of extraction over the whole corpus, timed inside ``extract_many`` itself,
    with its tallies of sentences (all, with a trigger, parsed)."""
    clock = StageClock()
    in_batches(documents, clock)
    return clock


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    documents = load_documents()
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    warm_up()  # as ingest does: load everything once, then freeze it out of garbage collection

    baseline = best_of(args.repeat, lambda: [blank.make_doc(t) for t in texts])
    ours = best_of(args.repeat, lambda: in_batches(documents))
    headlines = [d.text for d in documents if "\n" not in d.text]

    def classify_all() -> None:
        classify_module._RESULTS.clear()  # measure classification, not the cache of repeated snippets
        list(classify_many(headlines))

    classified = best_of(args.repeat, classify_all)
    clocks = [stages(documents) for _ in range(args.repeat)]
    runs = [clock.seconds for clock in clocks]
    breakdown = {stage: min(run[stage] for run in runs) for stage in runs[0]}
    total = sum(breakdown.values())
    counts = clocks[0].counts
    figures = {
        "documents": len(documents),
        "words": words,
        "extract_seconds": round(ours, 4),
        "extract_words_per_second": round(words / ours),
        "extract_documents_per_second": round(len(documents) / ours, 1),
        "baseline": "spacy.blank('en') tokenizer, same texts, same process",
        "baseline_words_per_second": round(words / baseline),
        "ratio_to_baseline": round(baseline / ours, 4),
        "classify_snippets": len(headlines),
        "classify_snippets_per_second": round(len(headlines) / classified),
        "stages_seconds": {stage: round(t, 4) for stage, t in breakdown.items()},
        "stages_share": {stage: round(t / total, 3) for stage, t in breakdown.items()},
        "parse_share_of_time": round(breakdown.get("parse", 0.0) / total, 3),
        "sentences": counts.get("sentences", 0),
        "sentences_with_trigger": counts.get("trigger_sentences", 0),
        "sentences_parsed": counts.get("parsed_sentences", 0),
        "parsed_share_of_sentences": round(
            counts.get("parsed_sentences", 0) / max(1, counts.get("sentences", 0)), 3
        ),
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
