"""What the event tests share: extraction of an invented text, and checks of what it gives."""

from __future__ import annotations

from ceasefire.events.extract import extract
from ceasefire.models import Document, Event, Published
from ceasefire.types import Extraction

PUBLISHED = Published(date="2021-11-20", precision="day", basis="metadata")
ARTICLES = ("examples/articles", "shared/corpus/articles")


def run(text: str, published: Published = PUBLISHED, doc_id: str = "doc") -> Extraction:
    return extract(Document(id=doc_id, text=text, published=published))


def of_type(text: str, event_type: str) -> list[Event]:
    return [e for e in run(text).events if e.type == event_type]


def one(text: str, event_type: str) -> Event:
    found = of_type(text, event_type)
    assert len(found) == 1, [(e.type, e.evidence[0].text) for e in run(text).events]
    return found[0]


def assert_evidence_points_into(extraction: Extraction) -> None:
    text = extraction.document.text
    spans = [ev for e in extraction.events for ev in e.evidence]
    spans += [m for a in extraction.actors for m in a.mentions] + [
        m for p in extraction.places for m in p.mentions
    ]
    spans += [q.evidence for q in extraction.quotes]
    for span in spans:
        assert span.doc == extraction.document.id
        assert text[span.start : span.end] == span.text
