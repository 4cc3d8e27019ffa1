"""Event resolution inside a store transaction (the rules are in ``linking/events.py``).

After a batch's rows are inserted, ``resolve_batch`` takes its documents in
arrival order and each document's events in extraction order. Blocking keeps
the work bounded by what could match, never by the store or the date window:
a new event's blocking keys (``blocking_keys``: its place and divisions, named
parties by role, its set of sides, its toll, its distinctive words, all within
its type family) are looked up in the ``event_keys`` index inside its date
window, and only the stored events that share a key, of compatible type, from
documents that arrived earlier, are built and scored. ``corroborates`` needs a
shared key for any merge, so blocking loses none.

A match folds the new event into the stored one: its evidence and actors move
over, its reading is added to ``attributes.reports``, its keys join the stored
event's and the new row is deleted, so the stored event keeps its id. An event
that joins nothing gets its own keys. Because candidates must have arrived
earlier, ingesting A then B gives the same events as one batch of A and B.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from sqlalchemy import Select, bindparam, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ceasefire.linking.duplicates import int64_hash
from ceasefire.linking.events import (
    DAY_SLACK,
    MAX_SPAN,
    Candidate,
    best_match,
    blocking_keys,
    combine_fatalities,
    compatible_types,
    disagreements,
    interval,
    merged_type,
    narrower_date,
    narrower_place,
    report,
)
from ceasefire.models import Event, Place
from ceasefire.store.rows import event_evidence, event_from_row, event_roles, events_from_rows, place_from_row
from ceasefire.store.schema import (
    DocumentRow,
    EventActorRow,
    EventKeyRow,
    EventRow,
    EvidenceRow,
    MetaRow,
    PlaceRow,
)

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


KEYS_VERSION = "1"  # of blocking_keys; a store without this meta gets its keys computed once
KEYS_META = "event_keys"
BACKFILL_CHUNK = 500


def hashed_keys(event: Event, places: Mapping[str, Place]) -> list[int]:
    """The event's blocking keys as the integers ``event_keys`` indexes (collisions only add candidates)."""
    return sorted({int64_hash(k.encode("utf-8")) for k in blocking_keys(event, places)})


def add_keys(session: Session, event_id: str, day: str | None, keys: Sequence[int]) -> None:
    """Index ``event_id`` under ``keys`` at its first ``day`` (rows already there are kept)."""
    if day is None or not keys:
        return
    stmt = (sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert)(EventKeyRow)
    session.execute(
        stmt.on_conflict_do_nothing(), [{"key": k, "date_start": day, "event_id": event_id} for k in keys]
    )


def ensure_keys(session: Session) -> None:
    """Index every stored event that has none yet: a store written before blocking keys (or
    by another version of them) gets them once; a current store costs one lookup."""
    if (row := session.get(MetaRow, KEYS_META)) is not None and row.value == KEYS_VERSION:
        return
    session.execute(delete(EventKeyRow))
    places = _Places(session)
    ids = list(
        session.scalars(select(EventRow.id).where(EventRow.date_start.is_not(None)).order_by(EventRow.id))
    )
    for i in range(0, len(ids), BACKFILL_CHUNK):
        chunk = ids[i : i + BACKFILL_CHUNK]
        rows = list(session.scalars(select(EventRow).where(EventRow.id.in_(chunk))))
        events = events_from_rows(session, rows)
        places.need([e.place for e in events])
        for event in events:
            if interval(event.date) is not None:
                add_keys(session, event.id, event.date.start, hashed_keys(event, places))
    session.merge(MetaRow(key=KEYS_META, value=KEYS_VERSION))


@cache
def _candidate_query() -> Select[str, int]:
    """The blocking query, built once: it runs for every new event, and building a statement
    costs SQLAlchemy more than the database spends answering it."""
    keyed = select(EventKeyRow.event_id).where(
        EventKeyRow.key.in_(bindparam("keys", expanding=True)),
        EventKeyRow.date_start >= bindparam("first"),
        EventKeyRow.date_start <= bindparam("last"),
    )
    return (
        select(EventRow.id, DocumentRow.seq)
        .join(DocumentRow, DocumentRow.id == EventRow.doc_id)
        .where(
            EventRow.id.in_(keyed),
            EventRow.type.in_(bindparam("types", expanding=True)),
            EventRow.date_start >= bindparam("first"),
            EventRow.date_start <= bindparam("last"),
            EventRow.date_end >= bindparam("reach"),
            EventRow.id != bindparam("event_id"),
            DocumentRow.seq < bindparam("seq"),
        )
        .order_by(DocumentRow.seq, EventRow.id)
        .limit(MAX_CANDIDATES)
    )


def candidates(
    session: Session,
    event: Event,
    seq: int,
    keys: Sequence[int],
    known: dict[str, Candidate] | None = None,
) -> list[Candidate]:
    """Stored events sharing a blocking key with ``event`` (``keys``), of a compatible type, whose
    dates overlap ``event``'s, from documents before ``seq``.

    ``known`` keeps the candidates already built in this batch: neighbouring events of a batch
    share most of their date windows, and building a stored event (its row, actors and
    evidence) costs far more than asking which ids a window holds. The caller drops an entry
    when its event changes.
    """
    span = interval(event.date)
    if span is None or not keys:
        return []
    start, end = span
    params: dict[str, object] = {
        "keys": list(keys),
        "types": sorted(compatible_types(event.type)),
        "first": (start - MAX_SPAN - DAY_SLACK).isoformat(),
        "last": (end + DAY_SLACK).isoformat(),
        "reach": (start - DAY_SLACK).isoformat(),
        "event_id": event.id,
        "seq": seq,
    }
    found: list[tuple[str, int]] = [(i, n) for i, n in session.execute(_candidate_query(), params)]
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


def _merge(
    session: Session, target: Event, target_doc: str, new: Event, doc: str, places: _Places
) -> str | None:
    """Fold ``new`` (of ``doc``) into the stored ``target``; the new row goes. Returns the
    merged event's first day."""
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
    return date.start


def resolve_batch(
    session: Session, documents: Sequence[tuple[str, int, Sequence[str]]], events: Mapping[str, Event]
) -> dict[str, str]:
    """Merge the new events of ``documents`` (doc id, arrival seq, event ids in extraction order)
    into earlier stored events that report the same real-world event; returns new id -> kept id.

    ``events`` holds the new events as they were stored (evidence of near-duplicate copies
    included), so they are not read back.
    """
    places = _Places(session)
    merged: dict[str, str] = {}
    known: dict[str, Candidate] = {}  # stored events built for this batch, by id (see ``candidates``)
    for doc, seq, event_ids in documents:
        for event_id in event_ids:
            new = events.get(event_id)
            if new is None:
                continue
            if interval(new.date) is None:
                continue  # too vague to identify an event: it neither joins nor is joined
            places.need([new.place])
            keys = hashed_keys(new, places)
            found = candidates(session, new, seq, keys, known)
            places.need([c.event.place for c in found])
            target = best_match(new, doc, found, places)
            if target is None:
                add_keys(session, new.id, new.date.start, keys)
                continue
            target_doc = session.scalar(select(EventRow.doc_id).where(EventRow.id == target.id)) or doc
            day = _merge(session, target, target_doc, new, doc, places)
            add_keys(session, target.id, day, sorted({*keys, *hashed_keys(target, places)}))
            known.pop(target.id, None)  # its row, actors and evidence just changed
            merged[event_id] = target.id
    return merged
