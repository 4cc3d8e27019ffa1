"""The store: one place where the CLI, the web app and the Python API read and write.

Writes go in batches, one transaction each, so a failure never leaves half a
document; a batch that fails is retried one document at a time so one bad
document cannot take its neighbours down with it. Documents are keyed by the
hash of their cleaned text, which makes ingest idempotent.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ceasefire.entities.registry import builtin_registry
from ceasefire.errors import CeasefireError, Errors
from ceasefire.linking.ceasefires import (
    REGISTRY_TYPES,
    build_episodes,
    registry_order,
    violation_windows,
    with_violations,
)
from ceasefire.linking.titles import with_titles
from ceasefire.models import (
    Actor,
    Ceasefire,
    Document,
    Event,
    Evidence,
    Export,
    Place,
    Published,
    Quote,
    Removed,
)
from ceasefire.store.event_resolution import add_keys, ensure_keys, hashed_keys, resolve_batch
from ceasefire.store.migrate import upgrade
from ceasefire.store.near_duplicates import ensure_index, find_originals, split_restated, stored_events
from ceasefire.store.rows import event_from_row, events_from_rows, place_from_row
from ceasefire.store.schema import (
    ActorRow,
    Base,
    CeasefireRow,
    DocBandRow,
    DocSignatureRow,
    DocumentRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    MetaRow,
    PlaceRow,
    QuoteRow,
)
from ceasefire.taxonomy import VIOLENCE
from ceasefire.types import Extraction

if TYPE_CHECKING:
    import pandas

    from ceasefire.store.queries import Reader

DEFAULT_URL = "sqlite:///ceasefire.db"
INSERT_ORDER: tuple[type[Base], ...] = (
    DocumentRow,
    DocSignatureRow,
    DocBandRow,
    MentionRow,
    EventRow,
    EventActorRow,
    EvidenceRow,
    QuoteRow,
)


def resolve_url(url: str | None) -> str:
    """``--db`` wins, then ``CEASEFIRE_DB``, then a SQLite file in the working directory."""
    return url or os.environ.get("CEASEFIRE_DB") or DEFAULT_URL


@dataclass
class AddResult:
    """What one ``Store.add`` call did, for the ingest summary."""

    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    near_duplicate: dict[str, str] = field(default_factory=dict)  # new copy id -> original id


WRITER_LOCK = 0x63656173  # PostgreSQL advisory lock of the store's writers ("ceas")
SQLITE_WAIT_MS = 120_000  # how long a SQLite writer waits for another's batch (or its registry rebuild)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app) work while ingest writes. The driver's own transaction
    handling is off, so ``_sqlite_begin`` decides how each transaction starts."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # first: a second process opening a new store waits for the first to finish creating it
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_WAIT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _shown(url: str) -> str:
    """The URL for an error message, with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


def _sqlite_begin(connection: Connection) -> None:
    """Every transaction reads one snapshot (a page never mixes two states of the store), and a
    writer's transaction takes the write lock before its first read (``BEGIN IMMEDIATE``): two
    ingests at once then run their batches one after the other, never on the same stale view."""
    writing = connection.get_execution_options().get("ceasefire_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL, with SQLite tuned for one writer and many readers."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": SQLITE_WAIT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _writing(target: Session | Connection) -> None:
    """Serialise the store's writers: on PostgreSQL a transaction-scoped advisory lock (SQLite's
    writers already hold the write lock from their first statement). Arrival numbers, duplicate
    checks and event resolution all read what the writer before committed."""
    dialect = target.dialect if isinstance(target, Connection) else target.get_bind().dialect
    if dialect.name == "postgresql":
        target.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK)))


class Store:
    """Documents and everything extracted from them, in a SQL database.

    :param url: a SQLAlchemy URL; ``None`` uses ``CEASEFIRE_DB`` or ``sqlite:///ceasefire.db``.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.engine = make_engine(self.url)
            # under the writers' lock: two processes opening a new store at once never race to create it
            with self.engine.execution_options(ceasefire_write=True).begin() as conn:
                _writing(conn)
                Base.metadata.create_all(conn)
                for table in ("events", "evidence"):  # indexes added since a store was created
                    for index in Base.metadata.tables[table].indexes:
                        index.create(conn, checkfirst=True)
                upgrade(conn)
        except (SQLAlchemyError, ImportError) as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise CeasefireError(Errors.E019.format(url=_shown(self.url), detail=detail)) from None
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(ceasefire_write=True), expire_on_commit=False
        )

    def reader(self) -> Reader:
        """Paged, filtered reads for the web app and the REST API (``store/queries.py``)."""
        from ceasefire.store.queries import Reader

        return Reader(self._session, self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------

    def add(self, extractions: Sequence[Extraction]) -> AddResult:
        """Store a batch of extracted documents in one transaction; known texts are skipped.

        A near-duplicate of a stored (or earlier in the batch) document is stored with
        ``near_duplicate_of`` set to the original; those of its events that restate the
        original's become evidence of the original's events (``linking/duplicates.py``).
        Every other new event that reports a stored (or earlier in the batch) event of
        another document is merged into it, with its reading kept (``linking/events.py``).
        """
        result = AddResult()
        try:
            with self._write.begin() as session:
                _writing(session)
                self._add_batch(session, extractions, result)
        except SQLAlchemyError:
            result = AddResult()
            for extraction in extractions:
                self._add_one(extraction, result)
        return result

    def _add_one(self, extraction: Extraction, result: AddResult) -> None:
        try:
            with self._write.begin() as session:
                _writing(session)
                self._add_batch(session, [extraction], result)
        except SQLAlchemyError as exc:
            reason = str(exc.orig if hasattr(exc, "orig") and exc.orig else exc).splitlines()[0]
            source = extraction.document.source or extraction.document.id
            result.failed.append((source, f"could not store: {reason}"))

    def _add_batch(self, session: Session, extractions: Sequence[Extraction], result: AddResult) -> None:
        ids = {x.document.id for x in extractions}
        known = set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))
        seq = session.scalar(select(DocumentRow.seq).order_by(DocumentRow.seq.desc()).limit(1)) or 0
        fresh: list[Extraction] = []
        for extraction in extractions:
            doc_id = extraction.document.id
            if doc_id in known:
                result.duplicate.append(extraction.document.source or doc_id)
                continue
            known.add(doc_id)
            fresh.append(extraction)
        if not fresh:
            return
        self._upsert_actors(session, [a for x in fresh for a in x.actors])
        self._upsert_places(session, [p for x in fresh for p in x.places])
        rows: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        ensure_index(session)
        ensure_keys(session)
        originals, rows[DocSignatureRow], rows[DocBandRow] = find_originals(session, fresh, seq + 1)
        batch_events = {x.document.id: x.events for x in fresh}
        arrivals: list[tuple[str, int, list[str]]] = []
        new_events: dict[str, Event] = {}  # as stored: resolution needs not read them back
        restatements: list[tuple[str, Event, dict[str, Place]]] = []
        for extraction in fresh:
            seq += 1
            original = originals.get(extraction.document.id)
            document = extraction.document.model_copy(update={"near_duplicate_of": original})
            rows[DocumentRow].append(_document_values(document, seq))
            if original is not None:
                known_events = (
                    batch_events[original] if original in batch_events else stored_events(session, original)
                )
                kept, restated = split_restated(extraction.events, known_events)
                extraction = replace(extraction, events=kept)
                for event_id, copy_event in restated:
                    rows[EvidenceRow].extend(
                        _evidence_values("event", event_id, e) for e in copy_event.evidence
                    )
                    restatements.append((event_id, copy_event, {p.id: p for p in extraction.places}))
                    if (held := new_events.get(event_id)) is not None:  # its original came in this batch
                        new_events[event_id] = held.model_copy(
                            update={"evidence": [*held.evidence, *copy_event.evidence]}
                        )
                result.near_duplicate[document.id] = original
            _extraction_rows(extraction, rows)
            arrivals.append((document.id, seq, [e.id for e in extraction.events]))
            new_events.update((e.id, e) for e in extraction.events)
        for table in INSERT_ORDER:  # parents before children
            if rows[table]:
                session.execute(insert(table), rows[table])
        resolve_batch(session, arrivals, new_events)
        for event_id, copy_event, places in restatements:  # its words now back the original's event
            day = session.scalar(select(EventRow.date_start).where(EventRow.id == event_id))
            add_keys(session, event_id, day, hashed_keys(copy_event, places))
        _touch(session)
        session.flush()
        result.new.extend(x.document.id for x in fresh)

    def _upsert_actors(self, session: Session, actors: Iterable[Actor]) -> None:
        by_id: dict[str, Actor] = {}
        for actor in actors:
            by_id.setdefault(actor.id, actor)
        if not by_id:
            return
        rows = {r.id: r for r in session.scalars(select(ActorRow).where(ActorRow.id.in_(by_id)))}
        for actor_id, actor in by_id.items():
            row = rows.get(actor_id)
            if row is None:
                session.add(
                    ActorRow(
                        id=actor.id,
                        name=actor.name,
                        kind=actor.kind,
                        country=actor.country,
                        parent=actor.parent,
                        aliases=list(actor.aliases),
                        affiliation=actor.affiliation,
                        origin=actor.origin,
                    )
                )
                continue
            if set(actor.aliases) - set(row.aliases):
                row.aliases = sorted(set(row.aliases) | set(actor.aliases))
            if row.affiliation is None and actor.affiliation is not None:  # the first document to say wins
                row.affiliation = actor.affiliation

    def _upsert_places(self, session: Session, places: Iterable[Place]) -> None:
        by_id = {p.id: p for p in places}
        if not by_id:
            return
        known = set(session.scalars(select(PlaceRow.id).where(PlaceRow.id.in_(by_id))))
        for place_id, place in by_id.items():
            if place_id not in known:
                session.add(
                    PlaceRow(
                        id=place.id,
                        name=place.name,
                        kind=place.kind,
                        country=place.country,
                        admin1=place.admin1,
                        admin2=place.admin2,
                        lat=place.lat,
                        lon=place.lon,
                        precision=place.precision,
                    )
                )

    def replace_ceasefires(self, ceasefires: Sequence[Ceasefire]) -> None:
        """Swap in a rebuilt registry atomically (it is derived from the events)."""
        with self._write.begin() as session:
            _writing(session)
            _replace_ceasefires(session, ceasefires)

    # -- reading -----------------------------------------------------------------

    def count_documents(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(DocumentRow)) or 0

    def documents(self) -> list[Document]:
        with self._session() as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.seq)).all()
            return [_document_model(r) for r in rows]

    def events(self) -> list[Event]:
        """Every event with its actors and evidence, ordered by date then id."""
        with self._session() as session:
            return _load_events(session)

    def ceasefires(self) -> list[Ceasefire]:
        with self._session() as session:
            return _load_ceasefires(session)

    def actors(self) -> list[Actor]:
        with self._session() as session:
            return _load_actors(session)

    def export(self) -> Export:
        """The whole store as the public data contract; stable for an unchanged store."""
        with self._session() as session:
            generated = session.get(MetaRow, "updated")
            return Export(
                generated=generated.value if generated else _now(),
                documents=[
                    _document_model(r) for r in session.scalars(select(DocumentRow).order_by(DocumentRow.seq))
                ],
                actors=_load_actors(session),
                places=_load_places(session),
                events=_load_events(session),
                ceasefires=_load_ceasefires(session),
                quotes=[_quote_model(r) for r in session.scalars(select(QuoteRow).order_by(QuoteRow.id))],
            )

    def rebuild(self, build: Callable[[list[Event]], list[Ceasefire]] | None = None) -> list[Ceasefire]:
        """Recompute the derived registry from the stored events and store it.

        By default in two steps, so memory does not grow with the store: episodes from the
        lifecycle and talks events alone, then violations from the violent events inside
        the episodes' windows, read in chunks; the result equals ``build_registry`` over
        every event. A custom ``build`` is given every event.
        """
        with self._write.begin() as session:  # read and replaced under the writers' lock: never stale
            _writing(session)
            if build is not None:
                registry = build(_load_events(session))
            else:
                episodes, by_id = build_episodes(
                    _events_where(session, EventRow.type.in_(sorted(REGISTRY_TYPES)))
                )
                windows = [w for w in violation_windows(episodes, by_id).values() if w is not None]
                violence: Iterable[Event] = ()
                if windows:
                    violence = _events_where(
                        session,
                        EventRow.type.in_(sorted(VIOLENCE)),
                        EventRow.date_start >= min(w[0] for w in windows).isoformat(),
                        EventRow.date_end <= max(w[1] for w in windows).isoformat(),
                    )
                registry = with_violations(episodes, by_id, violence)
            registry = _titled(session, registry)
            _replace_ceasefires(session, registry)
        return registry

    # -- tables ------------------------------------------------------------------

    def places(self) -> list[Place]:
        with self._session() as session:
            return _load_places(session)

    def events_frame(self) -> pandas.DataFrame:
        """Every event as one flat row (dates, actors by role, place, fatalities), sorted by id.

        The columns are ``ceasefire.export.flat.EVENT_COLUMNS``; needs pandas.
        """
        from ceasefire.export.flat import EVENT_COLUMNS, event_rows

        with self._session() as session:
            rows = event_rows(_load_events(session), _load_places(session), _load_actors(session))
        return _frame(rows, EVENT_COLUMNS)

    def ceasefires_frame(self) -> pandas.DataFrame:
        """Every ceasefire episode as one flat row (parties, dates, counts), sorted by id."""
        from ceasefire.export.flat import CEASEFIRE_COLUMNS, ceasefire_rows

        with self._session() as session:
            rows = ceasefire_rows(_load_ceasefires(session), _load_actors(session))
        return _frame(rows, CEASEFIRE_COLUMNS)

    def actors_frame(self) -> pandas.DataFrame:
        """Every actor as one flat row (aliases joined, mention and document counts), sorted by id."""
        from ceasefire.export.flat import ACTOR_COLUMNS, actor_rows

        with self._session() as session:
            rows = actor_rows(_load_actors(session))
        return _frame(rows, ACTOR_COLUMNS)


# -- row <-> model conversion ---------------------------------------------------------


PANDAS_DTYPES = {"string": "string", "int64": "Int64", "float64": "Float64", "bool": "boolean"}


def _frame(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...]) -> pandas.DataFrame:
    """A DataFrame of flat rows with nullable dtypes (a missing count stays <NA>, not 0)."""
    import pandas

    frame = pandas.DataFrame(rows, columns=[name for name, _ in columns])
    return frame.astype({name: PANDAS_DTYPES[kind] for name, kind in columns})


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _touch(session: Session) -> None:
    """Record a change: ``updated`` (to the second, an export's ``generated``) and a fresh
    ``revision`` that tells readers' caches any two changes apart, however close in time."""
    session.merge(MetaRow(key="updated", value=_now()))
    session.merge(MetaRow(key="revision", value=uuid.uuid4().hex))


def _document_values(doc: Document, seq: int) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "byline": doc.byline,
        "published_date": doc.published.date,
        "published_precision": doc.published.precision,
        "published_basis": doc.published.basis,
        "language": doc.language,
        "text": doc.text,
        "removed": doc.removed.model_dump(mode="json"),
        "near_duplicate_of": doc.near_duplicate_of,
        "seq": seq,
        "focus": doc.focus,
    }


def _document_model(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        source=row.source,
        title=row.title,
        outlet=row.outlet,
        byline=row.byline,
        published=Published(
            date=row.published_date,
            precision=row.published_precision,  # type: ignore[arg-type]
            basis=row.published_basis,  # type: ignore[arg-type]
        ),
        language=row.language,
        text=row.text,
        removed=Removed.model_validate(row.removed),
        near_duplicate_of=row.near_duplicate_of,
        focus=row.focus or {},
    )


def _evidence_values(owner: str, owner_id: str, ev: Evidence) -> dict[str, Any]:
    return {
        "owner": owner,
        "owner_id": owner_id,
        "doc_id": ev.doc,
        "start": ev.start,
        "end": ev.end,
        "text": ev.text,
    }


def _evidence_model(row: EvidenceRow | MentionRow) -> Evidence:
    return Evidence(doc=row.doc_id, start=row.start, end=row.end, text=row.text)


def _extraction_rows(x: Extraction, rows: dict[type[Base], list[dict[str, Any]]]) -> None:
    """Append the rows of one document's extraction, table by table (the document row excluded)."""
    doc_id = x.document.id
    seen: set[tuple[str, str, int, int]] = set()
    for entity, items in (("actor", x.actors), ("place", x.places)):
        for item in items:
            for m in item.mentions:
                key = (entity, item.id, m.start, m.end)
                if m.doc != doc_id or key in seen:
                    continue
                seen.add(key)
                rows[MentionRow].append(
                    {
                        "entity": entity,
                        "ref": item.id,
                        "doc_id": doc_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    }
                )
    for ev in x.events:
        rows[EventRow].append(
            {
                "id": ev.id,
                "doc_id": doc_id,
                "type": ev.type,
                "date_start": ev.date.start,
                "date_end": ev.date.end,
                "date_precision": ev.date.precision,
                "date_text": ev.date.text,
                "place_id": ev.place,
                "quantities": ev.quantities.model_dump(mode="json"),
                "fatalities": ev.quantities.fatalities.best if ev.quantities.fatalities else None,
                "attributes": dict(ev.attributes),
                "acled": ev.acled.model_dump(mode="json") if ev.acled else None,
                "modality": ev.modality,
                "said_by": ev.said_by,
                "confidence": ev.confidence,
            }
        )
        for role, actor_ids in ev.actors.items():
            for position, actor_id in enumerate(dict.fromkeys(actor_ids)):
                rows[EventActorRow].append(
                    {"event_id": ev.id, "role": role, "actor_id": actor_id, "position": position}
                )
        for evidence in ev.evidence:
            rows[EvidenceRow].append(_evidence_values("event", ev.id, evidence))
    for q in x.quotes:
        rows[QuoteRow].append(
            {
                "id": q.id,
                "doc_id": doc_id,
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "text": q.text,
                "start": q.evidence.start,
                "end": q.evidence.end,
                "evidence_text": q.evidence.text,
            }
        )


def _mentions(session: Session, entity: str) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    stmt = (
        select(MentionRow)
        .join(DocumentRow, DocumentRow.id == MentionRow.doc_id)
        .where(MentionRow.entity == entity)
        .order_by(DocumentRow.seq, MentionRow.start, MentionRow.end)
    )
    for row in session.scalars(stmt):
        out[row.ref].append(_evidence_model(row))
    return out


def _load_actors(session: Session) -> list[Actor]:
    mentions = _mentions(session, "actor")
    return [
        Actor(
            id=r.id,
            name=r.name,
            kind=r.kind,  # type: ignore[arg-type]
            country=r.country,
            aliases=list(r.aliases),
            parent=r.parent,
            affiliation=r.affiliation,
            origin="discovered" if r.origin == "discovered" else "registry",
            mentions=mentions.get(r.id, []),
        )
        for r in session.scalars(select(ActorRow).order_by(ActorRow.id))
    ]


def _load_places(session: Session) -> list[Place]:
    mentions = _mentions(session, "place")
    return [
        place_from_row(r, mentions.get(r.id, []))
        for r in session.scalars(select(PlaceRow).order_by(PlaceRow.id))
    ]


def _owner_evidence(session: Session, owner: str) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    stmt = select(EvidenceRow).where(EvidenceRow.owner == owner).order_by(EvidenceRow.id)
    for row in session.scalars(stmt):
        out[row.owner_id].append(_evidence_model(row))
    return out


def _load_events(session: Session) -> list[Event]:
    roles: dict[str, dict[str, list[str]]] = defaultdict(dict)
    stmt = select(EventActorRow).order_by(EventActorRow.event_id, EventActorRow.role, EventActorRow.position)
    for row in session.scalars(stmt):
        roles[row.event_id].setdefault(row.role, []).append(row.actor_id)
    evidence = _owner_evidence(session, "event")
    rows = session.scalars(
        select(EventRow).order_by(EventRow.date_start.is_(None), EventRow.date_start, EventRow.id)
    )
    return [event_from_row(r, roles.get(r.id, {}), evidence.get(r.id, [])) for r in rows]


def _titled(session: Session, registry: list[Ceasefire]) -> list[Ceasefire]:
    """Titles that name the discovered parties (people, groups the built-in registry lacks) as stored:
    the registry builder knows only built-in names."""
    known = builtin_registry()
    ids = sorted({p for cf in registry for p in cf.parties if p not in known})
    if not ids:
        return registry
    rows = session.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(ids)))
    names = {actor_id: name for actor_id, name in rows}
    return [with_titles([cf], names)[0] if not names.keys().isdisjoint(cf.parties) else cf for cf in registry]


def _replace_ceasefires(session: Session, ceasefires: Sequence[Ceasefire]) -> None:
    session.execute(delete(EvidenceRow).where(EvidenceRow.owner == "ceasefire"))
    session.execute(delete(CeasefireRow))
    for cf in ceasefires:
        record = cf.model_dump(mode="json", exclude={"evidence"})
        start = cf.start or cf.declared
        session.add(
            CeasefireRow(id=cf.id, status=cf.status, start_date=start.start if start else None, record=record)
        )
        if cf.evidence:
            session.execute(
                insert(EvidenceRow), [_evidence_values("ceasefire", cf.id, e) for e in cf.evidence]
            )
    _touch(session)


EVENT_CHUNK = 500  # events read per query when streaming: bounded memory, few round trips


def _events_where(session: Session, *conditions: ColumnElement[bool]) -> Iterator[Event]:
    """The events matching ``conditions`` with their actors and evidence, by id, a chunk at a time."""
    ids = list(session.scalars(select(EventRow.id).where(*conditions).order_by(EventRow.id)))
    for i in range(0, len(ids), EVENT_CHUNK):
        rows = session.scalars(
            select(EventRow).where(EventRow.id.in_(ids[i : i + EVENT_CHUNK])).order_by(EventRow.id)
        )
        yield from events_from_rows(session, list(rows))


def _load_ceasefires(session: Session) -> list[Ceasefire]:
    evidence = _owner_evidence(session, "ceasefire")
    rows = session.scalars(select(CeasefireRow).order_by(CeasefireRow.id))
    episodes = [Ceasefire.model_validate({**r.record, "evidence": evidence.get(r.id, [])}) for r in rows]
    return sorted(episodes, key=registry_order)  # the registry's own order, newest first


def _quote_model(row: QuoteRow) -> Quote:
    return Quote(
        id=row.id,
        speaker=row.speaker,
        speaker_text=row.speaker_text,
        text=row.text,
        evidence=Evidence(doc=row.doc_id, start=row.start, end=row.end, text=row.evidence_text),
    )
