"""Extraction in batches (``extract_many``, ``pipeline.process_batch``): one NER pass for a batch of
documents gives each document what ``extract`` gives it alone, and a document that fails fails alone.

Every sentence is invented.
"""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire import pipeline
from ceasefire.events.extract import StageClock, extract, extract_many
from ceasefire.models import Document, Published, document_id
from ceasefire.types import Extraction, RawDocument, ReadFailure

pytestmark = pytest.mark.slow

TEXTS = [
    "Rebel commander Lina Sorel said the Northern Valley Front had agreed to a truce with the army.",
    "No names here, only the weather.",
    '"We will hold our fire," said Tomas Vehko, spokesman for the Eastern Hills Brigade, on Monday.',
    "The Coastal Liberation Army attacked a checkpoint, killing three soldiers, police said.",
]


def document(text: str) -> Document:
    return Document(id=document_id(text), text=text, published=Published(date="2024-03-01", precision="day"))


def test_batches_give_each_document_what_it_gets_alone() -> None:
    documents = [document(t) for t in TEXTS]
    together = extract_many(documents)
    alone = [extract(d) for d in documents]
    assert together == alone
    assert any(a.origin == "discovered" for x in together for a in x.actors)  # NER did run


def test_batches_a_failing_document_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the batch's extraction raises, each document is tried alone: only the bad one fails."""

    def batch_fails(documents: object, config: object = None) -> list[Extraction]:
        raise ValueError("batch")

    def one_fails(doc: Document, config: object = None) -> Extraction:
        if "BOOM" in doc.text:
            raise ValueError("bad document")
        return extract(doc)

    monkeypatch.setattr(pipeline, "extract_many", batch_fails)
    monkeypatch.setattr(pipeline, "extract_document", one_fails)
    raws = [
        RawDocument(source=f"doc{i}", text=t)
        for i, t in enumerate([TEXTS[0], "BOOM went the text.", TEXTS[3]])
    ]
    results = pipeline.process_batch(raws, None, None, date(2024, 3, 1))
    assert [type(r) for r in results] == [Extraction, ReadFailure, Extraction]
    failure = results[1]
    assert isinstance(failure, ReadFailure)
    assert failure.source == "doc1" and "bad document" in failure.reason


def test_batches_parse_only_sentences_with_a_trigger_and_an_actor() -> None:
    """The clock of ``make bench`` tallies what the parser reads: trigger sentences that name an
    actor, and quote sentences that report speech; not a sentence with no trigger or no name."""
    texts = [
        "The weather was fine. Rebels attacked a village.",  # a trigger, but no actor named
        "The TTP attacked a checkpoint in Bannu. The market was busy.",  # one trigger sentence with an actor
    ]
    clock = StageClock()
    extract_many([document(t) for t in texts], clock=clock)
    assert clock.counts == {"sentences": 4, "trigger_sentences": 2, "parsed_sentences": 1}
    assert clock.seconds["parse"] >= 0
