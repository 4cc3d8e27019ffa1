"""Event resolution inside a store transaction (the rules are in ``resolve/events.py``).

After a batch's rows are inserted, ``resolve_batch`` takes its documents in
arrival order and each document's events in extraction order. A blocking
query proposes the stored events of compatible type whose date interval
overlaps the new one's (on the indexed ``type``/``date_start`` columns, with
intervals no wider than ``MAX_SPAN``), from documents that arrived earlier; the
candidate set is bounded by the date window, never the store. A match folds the
new event into the stored one: its evidence and actors move over, its reading
is added to ``attributes.reports`` and the new row is deleted, so the stored
event keeps its id. Because candidates must have arrived earlier, ingesting A
then B gives the same events as one batch of A and B.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ceasefire.models import Event, Place
from ceasefire.resolve.events import (
    DAY_SLACK,
    MAX_SPAN,
    Candidate,
    best_match,
    combine_fatalities,
    compatible_types,
    disagreements,
    interval,
    merged_type,
    narrower_date,
    narrower_place,
    report,
)
from ceasefire.store.rows import event_evidence, event_from_row, event_roles, place_from_row
from ceasefire.store.schema import DocumentRow, EventActorRow, EventRow, EvidenceRow, PlaceRow

MAX_CANDIDATES = 500  # a safety bound; a date window of one family rarely holds more than a few


class _Places(dict[str, Place]):
    """Place records by id, read from the store on first use."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def need(self, ids: Sequence[str | None]) -> None:
        missing = {i for i in ids if i is not None and i not in self}
        if not missing:
            return
        for r in self.session.scalars(select(PlaceRow).where(PlaceRow.id.in_(missing))):
            self[r.id] = place_from_row(r)


def candidates(
    session: Session, event: Event, seq: int, known: dict[str, Candidate] | None = None
) -> list[Candidate]:
    """Stored events of a compatible type whose dates overlap ``event``'s, from documents before ``seq``.

    ``known`` keeps the candidates already built in this batch: neighbouring events of a batch
    share most of their date windows, and building a stored event (its row, actors and
    evidence) costs far more than asking which ids a window holds. The caller drops an entry
    when its event changes.
    """
    span = interval(event.date)
    if span is None:
        return []
    start, end = span
    stmt = (
        select(EventRow.id, DocumentRow.seq)
        .join(DocumentRow, DocumentRow.id == EventRow.doc_id)
        .where(
            EventRow.type.in_(sorted(compatible_types(event.type))),
            EventRow.date_start >= (start - MAX_SPAN - DAY_SLACK).isoformat(),
            EventRow.date_start <= (end + DAY_SLACK).isoformat(),
            EventRow.date_end >= (start - DAY_SLACK).isoformat(),
            EventRow.id != event.id,
            DocumentRow.seq < seq,
        )
        .order_by(DocumentRow.seq, EventRow.id)
        .limit(MAX_CANDIDATES)
    )
    found = session.execute(stmt).all()
    cache = known if known is not None else {}
    missing = [event_id for event_id, _ in found if event_id not in cache]
    if missing:
        rows = {
            r.id: r
            for r in session.scalars(
                select(EventRow).where(EventRow.id.in_(missing)).execution_options(populate_existing=True)
            )
        }
        roles, evidence = event_roles(session, missing), event_evidence(session, missing)
        seqs = dict(found)
        for event_id in missing:
            cache[event_id] = Candidate(
                event_from_row(rows[event_id], roles.get(event_id, {}), evidence[event_id]),
                seqs[event_id],
                frozenset(e.doc for e in evidence[event_id]),
            )
    return [cache[event_id] for event_id, _ in found]


def _merge(session: Session, target: Event, target_doc: str, new: Event, doc: str, places: _Places) -> None:
    """Fold ``new`` (of ``doc``) into the stored ``target``; the new row goes."""
    reports = list(target.attributes.get("reports") or [report(target, target_doc)])  # type: ignore[call-overload]
    reports.append(report(new, doc))
    kind = merged_type(target.type, new.type)
    fatalities = combine_fatalities(reports)
    quantities = target.quantities.model_copy(update={"fatalities": fatalities})
    for name in ("injured", "abducted", "count"):
        if getattr(quantities, name) is None:
            quantities = quantities.model_copy(update={name: getattr(new.quantities, name)})
    attributes = {**new.attributes, **target.attributes, "reports": reports}
    attributes.pop("disagreements", None)
    if found := disagreements(reports):
        attributes["disagreements"] = found
    date = narrower_date(target.date, new.date)
    acled = new.acled if kind != target.type else target.acled or new.acled
    session.execute(
        update(EventRow)
        .where(EventRow.id == target.id)
        .values(
            type=kind,
            date_start=date.start,
            date_end=date.end,
            date_precision=date.precision,
            date_text=date.text,
            place_id=narrower_place(target.place, new.place, places),
            quantities=quantities.model_dump(mode="json"),
            fatalities=fatalities.best if fatalities else None,
            attributes=attributes,
            acled=acled.model_dump(mode="json") if acled else None,
            said_by=target.said_by or new.said_by,
            confidence=max(target.confidence, new.confidence),
        )
    )
    for role, ids in new.actors.items():
        have = target.actors.get(role, [])
        added = [a for a in dict.fromkeys(ids) if a not in have]
        if added:
            session.execute(
                insert(EventActorRow),
                [
                    {"event_id": target.id, "role": role, "actor_id": a, "position": len(have) + i}
                    for i, a in enumerate(added)
                ],
            )
    session.execute(
        update(EvidenceRow)
        .where(EvidenceRow.owner == "event", EvidenceRow.owner_id == new.id)
        .values(owner_id=target.id)
    )
    session.execute(delete(EventActorRow).where(EventActorRow.event_id == new.id))
    session.execute(delete(EventRow).where(EventRow.id == new.id))


def resolve_batch(session: Session, documents: Sequence[tuple[str, int, Sequence[str]]]) -> dict[str, str]:
    """Merge the new events of ``documents`` (doc id, arrival seq, event ids in extraction order)
    into earlier stored events that report the same real-world event; returns new id -> kept id."""
    places = _Places(session)
    merged: dict[str, str] = {}
    known: dict[str, Candidate] = {}  # stored events built for this batch, by id (see ``candidates``)
    for doc, seq, event_ids in documents:
        rows = {
            r.id: r
            for r in session.scalars(
                select(EventRow).where(EventRow.id.in_(event_ids)).execution_options(populate_existing=True)
            )
        }
        roles, evidence = event_roles(session, list(rows)), event_evidence(session, list(rows))
        for event_id in event_ids:
            row = rows.get(event_id)
            if row is None or row.doc_id != doc:
                continue
            new = event_from_row(row, roles.get(event_id, {}), evidence[event_id])
            found = candidates(session, new, seq, known)
            places.need([new.place, *(c.event.place for c in found)])
            target = best_match(new, doc, found, places)
            if target is None:
                continue
            target_doc = session.scalar(select(EventRow.doc_id).where(EventRow.id == target.id)) or doc
            _merge(session, target, target_doc, new, doc, places)
            known.pop(target.id, None)  # its row, actors and evidence just changed
            merged[event_id] = target.id
    return merged
