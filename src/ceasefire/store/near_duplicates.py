"""Near-duplicate detection inside a store transaction (the rules are in ``linking/duplicates.py``).

``ensure_index`` brings the stored index (signatures and LSH band keys, in tables)
up to date once per store; ``find_originals`` checks a batch of new documents against
it and against each other, reading the texts of only those candidates that word counts
and publication days leave possible; ``split_restated`` decides which of a copy's
events only restate the original's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, aliased

from ceasefire.linking.duplicates import (
    SIGNATURE_VERSION,
    Candidate,
    band_keys,
    band_shape,
    is_near_duplicate,
    match_event,
    may_be_near_duplicate,
    signature,
    signature_bytes,
    signature_from_bytes,
    words,
)
from ceasefire.models import Event, Published
from ceasefire.store.rows import event_from_row
from ceasefire.store.schema import (
    DocBandRow,
    DocSignatureRow,
    DocumentRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    MetaRow,
)
from ceasefire.types import Extraction

INDEX_KEY = "near_duplicate_index"  # meta key: the index version the doc_bands table holds


def index_version() -> str:
    bands, rows = band_shape()
    return f"{SIGNATURE_VERSION}-b{bands}r{rows}"


def ensure_index(session: Session) -> None:
    """Make the stored index current: signatures and band keys for every stored document.

    A store written by a version that kept the index in memory (or with other LSH
    parameters) gets its signatures, word counts and bands computed once here; a current
    store costs one lookup. Every ``add`` then writes the rows of its own documents.
    """
    if (row := session.get(MetaRow, INDEX_KEY)) is not None and row.value == index_version():
        return
    session.execute(delete(DocBandRow))
    stmt = (
        select(DocumentRow.id, DocSignatureRow.version, DocSignatureRow.hashvalues, DocSignatureRow.words)
        .outerjoin(DocSignatureRow, DocSignatureRow.doc_id == DocumentRow.id)
        .order_by(DocumentRow.seq)
    )
    for doc_id, version, hashvalues, count in session.execute(stmt).all():
        if version == SIGNATURE_VERSION and hashvalues is not None and count is not None:
            minhash = signature_from_bytes(hashvalues)
        else:
            text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id)) or ""
            minhash, count = signature(text), len(words(text))
            session.merge(
                DocSignatureRow(
                    doc_id=doc_id, version=SIGNATURE_VERSION, hashvalues=signature_bytes(minhash), words=count
                )
            )
        session.execute(insert(DocBandRow), [{"key": k, "doc_id": doc_id} for k in set(band_keys(minhash))])
    session.merge(MetaRow(key=INDEX_KEY, value=index_version()))


@dataclass(frozen=True)
class _Known:
    """A document the index proposed: its arrival order, its root original's, and what
    ``may_be_near_duplicate`` needs."""

    seq: int
    root: str
    root_seq: int
    words: int
    published: Published | None


KEYS_PER_QUERY = 500  # band keys per IN list: well inside every database's parameter limit


def _stored_known(session: Session, keys: Sequence[int]) -> tuple[dict[int, list[str]], dict[str, _Known]]:
    """Stored documents sharing a band key with ``keys``: their ids by key, and each one's facts.

    One query per ``KEYS_PER_QUERY`` keys for a whole batch: a query per document costs more
    in building statements than the database spends answering it.
    """
    root = aliased(DocumentRow)
    by_key: dict[int, list[str]] = defaultdict(list)
    known: dict[str, _Known] = {}
    wanted = sorted(set(keys))
    for i in range(0, len(wanted), KEYS_PER_QUERY):
        stmt = (
            select(
                DocBandRow.key,
                DocumentRow.id,
                DocumentRow.seq,
                DocumentRow.near_duplicate_of,
                root.seq,
                DocSignatureRow.words,
                DocumentRow.published_date,
                DocumentRow.published_precision,
                DocumentRow.published_basis,
            )
            .join(DocumentRow, DocumentRow.id == DocBandRow.doc_id)
            .join(DocSignatureRow, DocSignatureRow.doc_id == DocumentRow.id)
            .outerjoin(root, root.id == DocumentRow.near_duplicate_of)
            .where(DocBandRow.key.in_(wanted[i : i + KEYS_PER_QUERY]))
        )
        for key, doc_id, seq, original, root_seq, count, day, precision, basis in session.execute(stmt):
            by_key[key].append(doc_id)
            if doc_id not in known:
                known[doc_id] = _Known(
                    seq,
                    original or doc_id,
                    seq if root_seq is None else root_seq,
                    count or 0,
                    Published(date=day, precision=precision, basis=basis),  # type: ignore[arg-type]
                )
    return by_key, known


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
    session: Session, fresh: Sequence[Extraction], first_seq: int
) -> tuple[dict[str, str], list[dict[str, Any]], list[dict[str, Any]]]:
    """The root original of each near-duplicate in ``fresh`` (documents numbered from ``first_seq``),
    and the signature and band rows to insert. The batch is checked against the store (through
    the band index) and against itself (its own bands, kept here)."""
    batch = {x.document.id: x for x in fresh}
    batch_bands: dict[int, list[str]] = defaultdict(list)
    batch_known: dict[str, _Known] = {}
    roots: dict[str, str] = {}
    signature_rows: list[dict[str, Any]] = []
    band_rows: list[dict[str, Any]] = []
    signatures = [signature(x.document.text) for x in fresh]
    batch_keys = [sorted(set(band_keys(minhash))) for minhash in signatures]
    stored_by_key, stored_known = _stored_known(session, [k for keys in batch_keys for k in keys])
    for seq, extraction, minhash, keys in zip(
        range(first_seq, first_seq + len(fresh)), fresh, signatures, batch_keys, strict=True
    ):
        document = extraction.document
        count = len(words(document.text))
        known = {k: stored_known[k] for key in keys for k in stored_by_key.get(key, ())}
        known.update({k: batch_known[k] for key in keys for k in batch_bands.get(key, ())})
        known.pop(document.id, None)
        plausible = sorted(
            (
                k
                for k, info in known.items()
                if may_be_near_duplicate(count, document.published, info.words, info.published)
            ),
            key=lambda k: known[k].seq,
        )
        stored = _stored_candidates(session, [k for k in plausible if k not in batch])
        copy = _candidate(extraction)
        found = [
            known[k]
            for k in plausible
            if is_near_duplicate(copy, _candidate(batch[k]) if k in batch else stored[k])
        ]
        original = min(found, key=lambda info: info.root_seq) if found else None
        if original is not None:
            roots[document.id] = original.root
        batch_known[document.id] = _Known(
            seq,
            original.root if original else document.id,
            original.root_seq if original else seq,
            count,
            document.published,
        )
        for key in keys:
            batch_bands[key].append(document.id)
        signature_rows.append(
            {
                "doc_id": document.id,
                "version": SIGNATURE_VERSION,
                "hashvalues": signature_bytes(minhash),
                "words": count,
            }
        )
        band_rows.extend({"key": key, "doc_id": document.id} for key in keys)
    return roots, signature_rows, band_rows


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
