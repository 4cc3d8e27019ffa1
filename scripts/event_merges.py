"""Report what event resolution merged in a store: counts, a random sample to judge by hand,
how many multi-source UCDP GED rows of the sample corpus became one event, and recall and
false merges on hand-judged pairs of UCDP headlines (``examples/gold/ucdp-same-event-pairs.jsonl``).

Usage: python scripts/event_merges.py DB_URL [--sample 30] [--seed 7] [--jsonl FILE] [--pairs FILE]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from ceasefire.store import Store
from ceasefire.taxonomy import family


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jsonl", type=Path, default=Path("examples/ucdp-ged-pakistan.jsonl"))
    parser.add_argument("--pairs", type=Path, default=Path("examples/gold/ucdp-same-event-pairs.jsonl"))
    args = parser.parse_args()
    with Store(args.db) as store:
        events = store.events()
        documents = {d.id: d for d in store.documents()}
    reports = {e.id: r for e in events if isinstance(r := e.attributes.get("reports"), list)}
    merged = [e for e in events if e.id in reports]
    folded = sum(len(r) - 1 for r in reports.values())
    print(f"event mentions {len(events) + folded} -> events {len(events)}; {len(merged)} merged events")
    sizes: dict[int, int] = defaultdict(int)
    for e in merged:
        sizes[len(reports[e.id])] += 1
    print("sources per merged event:", dict(sorted(sizes.items())))
    disagreeing: dict[str, int] = defaultdict(int)
    for e in merged:
        for d in e.attributes.get("disagreements", []):  # type: ignore[attr-defined]
            disagreeing[d["field"]] += 1
    print("merged events with disagreements by field:", dict(sorted(disagreeing.items())))
    rng = random.Random(args.seed)
    for n, e in enumerate(sorted(rng.sample(merged, min(args.sample, len(merged))), key=lambda e: e.id), 1):
        deaths = e.quantities.fatalities
        number = f"{deaths.best}/{deaths.low}/{deaths.high}" if deaths else "-"
        actors = ",".join(sorted({a for ids in e.actors.values() for a in ids}))
        when = f"{e.date.start}..{e.date.end}"
        print(f"\n{n}. {e.id} {e.type} {when} place={e.place} deaths={number} actors={actors}")
        for r in e.attributes["reports"]:  # type: ignore[attr-defined]
            doc = documents[r["doc"]]
            fat = (r["fatalities"] or {}).get("best")
            reading = f"({r['type']}, {r['place']}, {fat})"
            print(f"   [{doc.outlet} {doc.published.date}] {doc.text[:100]!r} {reading}")
    if args.jsonl.is_file():
        ged_rows(args.jsonl, events, documents)
        if args.pairs.is_file():
            judged_pairs(args.jsonl, args.pairs, events, documents)


def _documents_by_text(lines: list[dict], documents: dict) -> dict[str, str]:  # type: ignore[type-arg]
    """Stored document id by headline text (sources end in "#<1-based line number>"; a text
    repeated on several lines is stored once, under its first line)."""
    by_line = {
        int(d.source.rsplit("#", 1)[1]) - 1: d.id for d in documents.values() if d.source and "#" in d.source
    }
    text_doc: dict[str, str] = {}
    for i, line in enumerate(lines):
        if i in by_line:
            text_doc.setdefault(line["text"], by_line[i])
    return text_doc


def _violent_events_by_doc(events: list) -> dict[str, set[str]]:  # type: ignore[type-arg]
    """Document id -> the violent events it is evidence of."""
    owner: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if family(e.type) == "violence":
            for ev in e.evidence:
                owner[ev.doc].add(e.id)
    return owner


def ged_rows(path: Path, events: list, documents: dict) -> None:  # type: ignore[type-arg]
    """GED rows citing several headlines: are all their headlines' violent events one event?"""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    text_doc = _documents_by_text(lines, documents)
    owner = _violent_events_by_doc(events)
    rows: dict[int, set[str]] = defaultdict(set)
    for line in lines:
        doc = text_doc.get(line["text"])
        for ged in line.get("ucdp_ged_ids", []):
            if doc:
                rows[ged].add(doc)
    multi = {k: v for k, v in rows.items() if len(v) > 1}
    with_events = {k: v for k, v in multi.items() if sum(1 for d in v if owner.get(d)) > 1}
    one = [k for k, v in with_events.items() if len(set().union(*(owner.get(d, set()) for d in v))) == 1]
    shared = [
        k
        for k, v in with_events.items()
        if any(len([d for d in v if e in owner.get(d, set())]) > 1 for d0 in v for e in owner.get(d0, set()))
    ]
    print(
        f"\nGED rows citing >1 stored headline: {len(multi)}; with >1 headline yielding a violent event: "
        f"{len(with_events)}; all those events merged into one: {len(one)}; "
        f"at least two headlines in one event: {len(shared)}"
    )
    # the other way round: of the headline pairs one event holds, how many cite a GED row in common?
    doc_rows: dict[str, set[int]] = defaultdict(set)
    for ged, docs in rows.items():
        for doc in docs:
            doc_rows[doc].add(ged)
    merged_pairs = {
        pair
        for e in events
        if family(e.type) == "violence"
        for pair in combinations(sorted({ev.doc for ev in e.evidence if doc_rows.get(ev.doc)}), 2)
    }
    agreeing = sum(1 for a, b in merged_pairs if doc_rows[a] & doc_rows[b])
    print(
        f"headline pairs held by one violent event: {len(merged_pairs)}; "
        f"citing a GED row in common: {agreeing}"
    )


def judged_pairs(path: Path, pairs: Path, events: list, documents: dict) -> None:  # type: ignore[type-arg]
    """Hand-judged pairs of headlines one GED row cites: does one violent event hold both?

    Verdicts: ``same`` (both report the violent event itself), ``reference`` (one only refers
    to it: a reaction, a claim, an arrest), ``different``, ``unsure``, ``no_event`` (a digest).
    """
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    text_doc = _documents_by_text(lines, documents)
    holders = _violent_events_by_doc(events)
    counts: dict[str, list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )  # verdict -> [pairs, both extracted, merged]
    missed = []
    for raw in pairs.read_text(encoding="utf-8").splitlines():
        pair = json.loads(raw)
        a, b = text_doc.get(pair["a"]["text"]), text_doc.get(pair["b"]["text"])
        tally = counts[pair["verdict"]]
        tally[0] += 1
        if a and b and holders.get(a) and holders.get(b):
            tally[1] += 1
            if holders[a] & holders[b] or a == b:
                tally[2] += 1
            elif pair["verdict"] == "same":
                missed.append((pair["a"]["text"], pair["b"]["text"]))
    print(
        "\nhand-judged UCDP headline pairs: verdict pairs / both gave a violent event / one event holds both"
    )
    for verdict, (n, both, merged) in sorted(counts.items()):
        print(f"  {verdict:10} {n:3} / {both:3} / {merged:3}")
    for a_text, b_text in missed:
        print(f"  not merged: {a_text[:70]!r} | {b_text[:70]!r}")


if __name__ == "__main__":
    main()
