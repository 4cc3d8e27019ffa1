"""Stored rows back into contract records, in one place for every reader of the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.models import Acled, DateValue, Event, Evidence, Place, Quantities
from ceasefire.store.schema import EventActorRow, EventRow, EvidenceRow, PlaceRow


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


def event_roles(session: Session, ids: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Actor ids by role for each of the events ``ids``, in stored order."""
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    if not ids:
        return roles
    stmt = (
        select(EventActorRow)
        .where(EventActorRow.event_id.in_(list(ids)))
        .order_by(EventActorRow.event_id, EventActorRow.role, EventActorRow.position)
    )
    for row in session.scalars(stmt):
        roles[row.event_id].setdefault(row.role, []).append(row.actor_id)
    return roles


def event_evidence(session: Session, ids: Sequence[str]) -> dict[str, list[Evidence]]:
    """The evidence sentences of each of the events ``ids``, in stored order."""
    found: dict[str, list[Evidence]] = defaultdict(list)
    if not ids:
        return found
    stmt = (
        select(EvidenceRow)
        .where(EvidenceRow.owner == "event", EvidenceRow.owner_id.in_(list(ids)))
        .order_by(EvidenceRow.id)
    )
    for row in session.scalars(stmt):
        found[row.owner_id].append(Evidence(doc=row.doc_id, start=row.start, end=row.end, text=row.text))
    return found


def events_from_rows(session: Session, rows: Sequence[EventRow]) -> list[Event]:
    """Contract events for ``rows``, with their actors and evidence, in the order given."""
    ids = [r.id for r in rows]
    roles, evidence = event_roles(session, ids), event_evidence(session, ids)
    return [event_from_row(r, roles.get(r.id, {}), evidence.get(r.id, [])) for r in rows]


def place_from_row(row: PlaceRow, mentions: list[Evidence] | None = None) -> Place:
    return Place(
        id=row.id,
        name=row.name,
        kind=row.kind,  # type: ignore[arg-type]
        country=row.country,
        admin1=row.admin1,
        admin2=row.admin2,
        lat=row.lat,
        lon=row.lon,
        precision=row.precision,
        mentions=mentions or [],
    )
