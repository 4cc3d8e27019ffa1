"""One snippet in, its main event type and ACLED mapping out (``ceasefire classify``)."""

from __future__ import annotations

from typing import TypedDict

from ceasefire.events.extract import extract
from ceasefire.models import Document, Published, document_id


class Classification(TypedDict):
    type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    modality: str | None


def classify(text: str) -> Classification:
    """The most confident event the snippet states (the earliest on a tie); all ``None`` if there is none."""
    snippet = " ".join(text.split())
    doc = Document(id=document_id(snippet), text=snippet, published=Published())
    events = extract(doc).events if snippet else []
    if not events:
        return {"type": None, "acled_event_type": None, "acled_sub_event_type": None, "modality": None}
    best = max(events, key=lambda e: (e.confidence, -e.evidence[0].start if e.evidence else 0))
    return {
        "type": best.type,
        "acled_event_type": best.acled.event_type if best.acled else None,
        "acled_sub_event_type": best.acled.sub_event_type if best.acled else None,
        "modality": best.modality,
    }
