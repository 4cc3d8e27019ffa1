"""Stored rows back into contract records, in one place for every reader of the store."""

from __future__ import annotations

from ceasefire.models import Acled, DateValue, Event, Evidence, Quantities
from ceasefire.store.schema import EventRow


def event_from_row(row: EventRow, roles: dict[str, list[str]], evidence: list[Evidence]) -> Event:
    """An event as the export shows it, from its row, its actors by role and its evidence."""
    return Event(
        id=row.id,
        type=row.type,  # type: ignore[arg-type]
        date=DateValue(
            start=row.date_start,
            end=row.date_end,
            precision=row.date_precision,  # type: ignore[arg-type]
            text=row.date_text,
        ),
        actors=roles,
        place=row.place_id,
        quantities=Quantities.model_validate(row.quantities),
        attributes=dict(row.attributes),
        acled=Acled.model_validate(row.acled) if row.acled else None,
        modality=row.modality,  # type: ignore[arg-type]
        said_by=row.said_by,
        evidence=evidence,
        confidence=row.confidence,
    )
