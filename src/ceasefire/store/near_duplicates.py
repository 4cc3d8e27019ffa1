"""Near-duplicate detection inside a store transaction (the rules are in ``resolve/duplicates.py``).

``build_index`` loads every stored signature once (computing and saving those that are
missing or of another version); ``find_originals`` checks a batch of new documents
against the index and against each other, and ``split_restated`` decides which of a
copy's events only restate the original's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from datasketch import MinHash
from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.models import Event, Published
from ceasefire.resolve.duplicates import (
    SIGNATURE_VERSION,
    Candidate,
    DuplicateIndex,
    is_near_duplicate,
    match_event,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from ceasefire.store.rows import event_from_row
from ceasefire.store.schema import (
    DocSignatureRow,
    DocumentRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    MentionRow,
)
from ceasefire.types import Extraction


def build_index(session: Session) -> DuplicateIndex:
    """The index over every stored document, earliest first; signatures missing or of another
    version (documents stored before they were kept) are computed and saved."""
    index = DuplicateIndex()
    stmt = (
        select(
            DocumentRow.id,
            DocumentRow.seq,
            DocumentRow.near_duplicate_of,
            DocSignatureRow.version,
            DocSignatureRow.hashvalues,
        )
        .outerjoin(DocSignatureRow, DocSignatureRow.doc_id == DocumentRow.id)
        .order_by(DocumentRow.seq)
    )
    for doc_id, seq, root, version, hashvalues in session.execute(stmt).all():
        if version == SIGNATURE_VERSION and hashvalues is not None:
            minhash = signature_from_bytes(hashvalues)
        else:
            text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id)) or ""
            minhash = signature(text)
            session.merge(
                DocSignatureRow(doc_id=doc_id, version=SIGNATURE_VERSION, hashvalues=signature_bytes(minhash))
            )
        index.add(doc_id, minhash, seq, root)
    return index


def _candidate(x: Extraction) -> Candidate:
    doc_id = x.document.id
    places = frozenset(p.id for p in x.places if any(m.doc == doc_id for m in p.mentions))
    return Candidate(x.document.text, places, x.document.published)


def _stored_candidates(session: Session, ids: Sequence[str]) -> dict[str, Candidate]:
    if not ids:
        return {}
    places: dict[str, set[str]] = defaultdict(set)
    stmt = select(MentionRow.doc_id, MentionRow.ref).where(
        MentionRow.entity == "place", MentionRow.doc_id.in_(ids)
    )
    for doc_id, ref in session.execute(stmt):
        places[doc_id].add(ref)
    rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)))
    return {
        r.id: Candidate(
            r.text,
            frozenset(places[r.id]),
            Published(
                date=r.published_date,
                precision=r.published_precision,  # type: ignore[arg-type]
                basis=r.published_basis,  # type: ignore[arg-type]
            ),
        )
        for r in rows
    }


def find_originals(
    session: Session, index: DuplicateIndex, fresh: Sequence[Extraction], first_seq: int
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The root original of each near-duplicate in ``fresh`` (documents numbered from ``first_seq``),
    and the signature rows to insert. ``fresh`` is added to ``index`` as it goes, so a batch
    is checked against itself too."""
    batch = {x.document.id: x for x in fresh}
    roots: dict[str, str] = {}
    signature_rows: list[dict[str, Any]] = []
    for seq, extraction in enumerate(fresh, start=first_seq):
        doc_id = extraction.document.id
        minhash: MinHash = signature(extraction.document.text)
        keys = [k for k in index.candidates(minhash) if k != doc_id]
        stored = _stored_candidates(session, [k for k in keys if k not in batch])
        copy = _candidate(extraction)
        found = [
            index.root(k)
            for k in keys
            if (k in batch or k in stored)
            and is_near_duplicate(copy, _candidate(batch[k]) if k in batch else stored[k])
        ]
        root = min(found, key=index.seq) if found else None
        index.add(doc_id, minhash, seq, root)
        if root is not None:
            roots[doc_id] = root
        signature_rows.append(
            {"doc_id": doc_id, "version": SIGNATURE_VERSION, "hashvalues": signature_bytes(minhash)}
        )
    return roots, signature_rows


def stored_events(session: Session, doc_id: str) -> list[Event]:
    """The events a stored document's facts live in (its own, and those they were merged into by
    event resolution), with what ``same_event`` compares (no evidence)."""
    owned = select(EvidenceRow.owner_id).where(EvidenceRow.owner == "event", EvidenceRow.doc_id == doc_id)
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    stmt = (
        select(EventActorRow)
        .where(EventActorRow.event_id.in_(owned))
        .order_by(EventActorRow.event_id, EventActorRow.role, EventActorRow.position)
    )
    for row in session.scalars(stmt):
        roles[row.event_id].setdefault(row.role, []).append(row.actor_id)
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.id.in_(owned))
        .order_by(EventRow.id)
        .execution_options(populate_existing=True)
    )
    return [event_from_row(r, roles.get(r.id, {}), []) for r in rows]


def split_restated(
    copy: Sequence[Event], original: Sequence[Event]
) -> tuple[list[Event], list[tuple[str, Event]]]:
    """The copy's events that are new facts, and (original event id, copy event) for those that
    restate one of the original's: their evidence joins the original event."""
    kept: list[Event] = []
    restated: list[tuple[str, Event]] = []
    taken: set[str] = set()
    for event in copy:
        match = match_event(event, original, taken)
        if match is None:
            kept.append(event)
        else:
            taken.add(match.id)
            restated.append((match.id, event))
    return kept, restated
