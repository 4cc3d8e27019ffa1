"""Paged, filtered reads of a store for the dashboard and the REST API.

``Store.events()`` loads everything, which an export needs and a web page must
not: a page shows 50 events of perhaps millions. Every query here asks the
database for one page (filters in SQL, bound parameters only), then loads the
actors and evidence of that page alone. Full-text search uses the structures
``store/migrate.py`` creates: FTS5 on SQLite, ``to_tsvector`` on PostgreSQL.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased, sessionmaker

from ceasefire.entities.registry import builtin_registry
from ceasefire.linking.ceasefires import party_of
from ceasefire.models import Actor, Ceasefire, DateValue, Document, Event, Place, Quote
from ceasefire.store.rows import events_from_rows, place_from_row
from ceasefire.store.schema import (
    ActorRow,
    CeasefireRow,
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

T = TypeVar("T")
MAX_LIMIT = 500
MONTHLY_CACHE = 256  # monthly aggregates kept per reader (filters x store versions)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing and where it sits in the whole."""

    items: list[T]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class EventFilter:
    """What a listing of events is narrowed to; every field is optional.

    types: event types (any of them); actors: actor ids (an event of any of them, in any role);
    since/until: ISO dates the event's date must reach into; doc: a document; q: words its
    evidence sentences contain (full-text).
    """

    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class EventHead:
    """What a timeline marker needs of an event: no actors, evidence or attributes to read."""

    id: str
    type: str
    date: DateValue


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    precision: str
    near_duplicate_of: str | None
    events: int


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    country: str | None
    events: int


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a document: ``kind`` is actor, place, event or quote; ``ref`` the
    id of its record (a comma-joined list when several events share one sentence)."""

    start: int
    end: int
    kind: str
    ref: str
    label: str


@dataclass(frozen=True)
class DocumentView:
    document: Document
    spans: list[Span]
    events: list[Event]
    quotes: list[Quote]


@dataclass(frozen=True)
class Month:
    month: str  # YYYY-MM
    events: int
    fatalities: int


@dataclass(frozen=True)
class ActorView:
    actor: Actor
    events: int
    months: list[Month]
    quotes: list[Quote]
    with_actors: list[tuple[ActorSummary, int]]
    recent: list[Event] = field(default_factory=list)


def _limit(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))


class Reader:
    """Read-only queries over one store's engine (safe to share between requests)."""

    def __init__(self, session_factory: sessionmaker[Session], dialect: str) -> None:
        self._session = session_factory
        self.dialect = dialect
        self._lock = threading.Lock()
        self._months: OrderedDict[tuple[EventFilter, bool, str | None], list[Month]] = OrderedDict()

    # -- the store ---------------------------------------------------------------------------------

    def updated(self) -> str | None:
        """When the store last changed (None for an empty one), to the second."""
        with self._session() as session:
            row = session.get(MetaRow, "updated")
            return row.value if row else None

    def revision(self) -> str | None:
        """A token that changes with every write to the store: the key of cached derived views."""
        with self._session() as session:
            row = session.get(MetaRow, "revision") or session.get(MetaRow, "updated")
            return row.value if row else None

    def counts(self) -> dict[str, int]:
        with self._session() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in (
                    ("documents", DocumentRow),
                    ("events", EventRow),
                    ("actors", ActorRow),
                    ("ceasefires", CeasefireRow),
                    ("quotes", QuoteRow),
                )
            }

    # -- events ------------------------------------------------------------------------------------

    def events(
        self,
        where: EventFilter,
        offset: int = 0,
        limit: int = 50,
        newest_first: bool = True,
        count: bool = True,
    ) -> Page[Event]:
        """One page of events; ``count=False`` skips counting the whole match (``total`` is then -1)."""
        limit = _limit(limit)
        with self._session() as session:
            conditions = self._event_conditions(where)
            total = -1
            if count:
                total = session.scalar(select(func.count()).select_from(EventRow).where(*conditions)) or 0
            order = (
                (EventRow.date_start.is_(None), EventRow.date_start.desc(), EventRow.id)
                if newest_first
                else (EventRow.date_start.is_(None), EventRow.date_start, EventRow.id)
            )
            rows = session.scalars(
                select(EventRow).where(*conditions).order_by(*order).offset(offset).limit(limit)
            )
            return Page(events_from_rows(session, list(rows)), total, offset, limit)

    def event_heads(self, where: EventFilter, limit: int = 200) -> list[EventHead]:
        """The newest matching events' ids, types and dates, for markers: a column query that
        reads no actors or evidence (the overview's markers cost three times its rest).

        Marker types are rare, so the events of those types are found first (by the type
        index) and each is checked for the actors through the event_actors key; the set of
        all events of the state's forces, which the IN form would build, is most of the store.
        """
        conditions = self._event_conditions(replace(where, actors=()) if where.types else where)
        if where.types and where.actors:
            conditions.append(
                exists().where(
                    EventActorRow.event_id == EventRow.id, EventActorRow.actor_id.in_(list(where.actors))
                )
            )
        with self._session() as session:
            stmt = (
                select(
                    EventRow.id,
                    EventRow.type,
                    EventRow.date_start,
                    EventRow.date_end,
                    EventRow.date_precision,
                )
                .where(*conditions)
                .order_by(EventRow.date_start.is_(None), EventRow.date_start.desc(), EventRow.id)
                .limit(_limit(limit))
            )
            return [
                EventHead(i, t, DateValue(start=s, end=e, precision=p))  # type: ignore[arg-type]
                for i, t, s, e, p in session.execute(stmt)
            ]

    def event(self, event_id: str) -> Event | None:
        with self._session() as session:
            row = session.get(EventRow, event_id)
            return events_from_rows(session, [row])[0] if row is not None else None

    def events_by_id(self, ids: Sequence[str]) -> list[Event]:
        """Events in the order of ``ids`` (unknown ids skipped)."""
        with self._session() as session:
            rows = {r.id: r for r in session.scalars(select(EventRow).where(EventRow.id.in_(list(ids))))}
            found = events_from_rows(session, [rows[i] for i in ids if i in rows])
            return found

    def monthly(self, where: EventFilter, violent_only: bool = True) -> list[Month]:
        """Events and fatalities per month (by the event's start date), oldest first.

        An aggregate over every matching event, so it is kept until the store changes (its
        ``revision``): the overview asks for the same months on every visit.
        """
        key = (where, violent_only, self.revision())
        with self._lock:
            if key in self._months:
                self._months.move_to_end(key)
                return self._months[key]
        found = self._monthly(where, violent_only)
        with self._lock:
            self._months[key] = found
            while len(self._months) > MONTHLY_CACHE:
                self._months.popitem(last=False)
        return found

    def _monthly(self, where: EventFilter, violent_only: bool) -> list[Month]:
        month = func.substr(EventRow.date_start, 1, 7)
        conditions = self._event_conditions(where)
        if violent_only and not where.types:
            conditions.append(EventRow.type.in_(sorted(VIOLENCE - {"violence_summary"})))
        conditions.append(EventRow.date_start.is_not(None))
        stmt = (
            select(month, func.count(), func.coalesce(func.sum(EventRow.fatalities), 0))
            .where(*conditions)
            .group_by(month)
            .order_by(month)
        )
        with self._session() as session:
            return [Month(m, int(n), int(f)) for m, n, f in session.execute(stmt)]

    def _event_conditions(self, where: EventFilter) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if where.types:
            conditions.append(EventRow.type.in_(list(where.types)))
        # uncorrelated IN subqueries: the database computes the set once; a correlated EXISTS let
        # SQLite (without statistics) rescan an actor's rows for every event of a large store
        if where.actors:
            conditions.append(
                EventRow.id.in_(
                    select(EventActorRow.event_id).where(EventActorRow.actor_id.in_(list(where.actors)))
                )
            )
        if where.since:
            conditions.append(func.coalesce(EventRow.date_end, EventRow.date_start) >= where.since)
        if where.until:
            conditions.append(EventRow.date_start <= end_of(where.until))
        if where.doc:
            conditions.append(
                EventRow.id.in_(
                    select(EvidenceRow.owner_id).where(
                        EvidenceRow.owner == "event", EvidenceRow.doc_id == where.doc
                    )
                )
            )
        if where.q:
            conditions.append(EventRow.id.in_(self._evidence_matches(where.q)))
        return conditions

    def _evidence_matches(self, q: str) -> Select[str]:
        """Ids of events with an evidence sentence matching ``q``."""
        if self.dialect == "sqlite":
            hits: Select[Any] = (
                select(literal_column("rowid"))
                .select_from(text("evidence_fts"))
                .where(text("evidence_fts MATCH :evidence_q").bindparams(evidence_q=fts5_query(q)))
            )
            return select(EvidenceRow.owner_id).where(EvidenceRow.owner == "event", EvidenceRow.id.in_(hits))
        if self.dialect == "postgresql":
            vector = func.to_tsvector("english", EvidenceRow.text)
            return select(EvidenceRow.owner_id).where(
                EvidenceRow.owner == "event", vector.op("@@")(func.plainto_tsquery("english", q))
            )
        return select(EvidenceRow.owner_id).where(EvidenceRow.owner == "event", EvidenceRow.text.contains(q))

    # -- documents ---------------------------------------------------------------------------------

    def documents(self, q: str | None = None, offset: int = 0, limit: int = 50) -> Page[DocumentSummary]:
        limit = _limit(limit)
        conditions: list[ColumnElement[bool]] = []
        if q:
            conditions.append(DocumentRow.id.in_(self._document_matches(q)))
        with self._session() as session:
            total = session.scalar(select(func.count()).select_from(DocumentRow).where(*conditions)) or 0
            rows = session.scalars(
                select(DocumentRow)
                .where(*conditions)
                .order_by(DocumentRow.seq.desc())
                .offset(offset)
                .limit(limit)
            ).all()
            counts = dict(
                session.execute(
                    select(EvidenceRow.doc_id, func.count(func.distinct(EvidenceRow.owner_id)))
                    .where(EvidenceRow.owner == "event", EvidenceRow.doc_id.in_([r.id for r in rows]))
                    .group_by(EvidenceRow.doc_id)
                ).all()
            )
            items = [
                DocumentSummary(
                    r.id,
                    r.title,
                    r.outlet,
                    r.published_date,
                    r.published_precision,
                    r.near_duplicate_of,
                    int(counts.get(r.id, 0)),
                )
                for r in rows
            ]
            return Page(items, total, offset, limit)

    def _document_matches(self, q: str) -> Select[str]:
        if self.dialect == "sqlite":
            hits: Select[Any] = (
                select(literal_column("rowid"))
                .select_from(text("documents_fts"))
                .where(text("documents_fts MATCH :document_q").bindparams(document_q=fts5_query(q)))
            )
            return select(DocumentRow.id).where(literal_column("documents.rowid").in_(hits))
        if self.dialect == "postgresql":
            vector = func.to_tsvector(
                "english", func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text
            )
            return select(DocumentRow.id).where(vector.op("@@")(func.plainto_tsquery("english", q)))
        return select(DocumentRow.id).where(DocumentRow.text.contains(q))

    def document(self, doc_id: str) -> DocumentView | None:
        """A document with every span extracted from it, for highlighting."""
        from ceasefire.store.store import _document_model, _quote_model

        with self._session() as session:
            row = session.get(DocumentRow, doc_id)
            if row is None:
                return None
            document = _document_model(row)
            names = _names(session)
            spans = [
                Span(m.start, m.end, m.entity, m.ref, names.get((m.entity, m.ref), m.ref))
                for m in session.scalars(
                    select(MentionRow).where(MentionRow.doc_id == doc_id).order_by(MentionRow.start)
                )
            ]
            by_sentence: dict[tuple[int, int], list[str]] = defaultdict(list)
            event_ids: list[str] = []
            for ev in session.scalars(
                select(EvidenceRow)
                .where(EvidenceRow.owner == "event", EvidenceRow.doc_id == doc_id)
                .order_by(EvidenceRow.start, EvidenceRow.owner_id)
            ):
                by_sentence[(ev.start, ev.end)].append(ev.owner_id)
                event_ids.append(ev.owner_id)
            events = {
                e.id: e
                for e in events_from_rows(
                    session,
                    list(session.scalars(select(EventRow).where(EventRow.id.in_(sorted(set(event_ids)))))),
                )
            }
            for (start, end), ids in by_sentence.items():
                label = ", ".join(sorted({events[i].type for i in ids if i in events}))
                spans.append(Span(start, end, "event", ",".join(dict.fromkeys(ids)), label))
            quotes = [
                _quote_model(q)
                for q in session.scalars(
                    select(QuoteRow).where(QuoteRow.doc_id == doc_id).order_by(QuoteRow.start)
                )
            ]
            spans += [
                Span(q.evidence.start, q.evidence.end, "quote", q.id, q.speaker_text or "") for q in quotes
            ]
            ordered = [events[i] for i in dict.fromkeys(event_ids) if i in events]
            return DocumentView(document, sorted(spans, key=lambda s: (s.start, -s.end)), ordered, quotes)

    def titles(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """A label per document: its title, else the start of its text (no spans, no events)."""
        with self._session() as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.title, func.substr(DocumentRow.text, 1, 80)).where(
                    DocumentRow.id.in_(list(doc_ids))
                )
            )
            return {i: title or head for i, title, head in rows}

    def quotes(self, doc_ids: Sequence[str]) -> list[Quote]:
        """The quotes of some documents, by document then position."""
        from ceasefire.store.store import _quote_model

        with self._session() as session:
            stmt = (
                select(QuoteRow)
                .where(QuoteRow.doc_id.in_(list(doc_ids)))
                .order_by(QuoteRow.doc_id, QuoteRow.start)
            )
            return [_quote_model(q) for q in session.scalars(stmt)]

    # -- actors ------------------------------------------------------------------------------------

    def actors(
        self, q: str | None = None, kind: str | None = None, offset: int = 0, limit: int = 50
    ) -> Page[ActorSummary]:
        limit = _limit(limit)
        conditions: list[ColumnElement[bool]] = []
        if q:
            like = f"%{_escape_like(q.lower())}%"
            conditions.append(
                or_(
                    func.lower(ActorRow.name).like(like, escape="\\"),
                    func.lower(ActorRow.id).like(like, escape="\\"),
                )
            )
        if kind:
            conditions.append(ActorRow.kind == kind)
        count = (
            select(func.count(func.distinct(EventActorRow.event_id)))
            .where(EventActorRow.actor_id == ActorRow.id)
            .scalar_subquery()
        )
        with self._session() as session:
            total = session.scalar(select(func.count()).select_from(ActorRow).where(*conditions)) or 0
            rows = session.execute(
                select(ActorRow, count.label("n"))
                .where(*conditions)
                .order_by(count.desc(), ActorRow.id)
                .offset(offset)
                .limit(limit)
            ).all()
            items = [ActorSummary(r.id, r.name, r.kind, r.country, int(n or 0)) for r, n in rows]
            return Page(items, total, offset, limit)

    def actor(self, actor_id: str) -> ActorView | None:
        from ceasefire.store.store import _quote_model

        with self._session() as session:
            row = session.get(ActorRow, actor_id)
            if row is None:
                return None
            actor = Actor(
                id=row.id,
                name=row.name,
                kind=row.kind,  # type: ignore[arg-type]
                country=row.country,
                aliases=list(row.aliases),
                parent=row.parent,
                affiliation=row.affiliation,
                origin="discovered" if row.origin == "discovered" else "registry",
            )
            total = (
                session.scalar(
                    select(func.count(func.distinct(EventActorRow.event_id))).where(
                        EventActorRow.actor_id == actor_id
                    )
                )
                or 0
            )
            quotes = [
                _quote_model(q)
                for q in session.scalars(
                    select(QuoteRow).where(QuoteRow.speaker == actor_id).order_by(QuoteRow.id).limit(50)
                )
            ]
            other = aliased(EventActorRow)
            mine = aliased(EventActorRow)
            pairs = session.execute(
                select(other.actor_id, func.count(func.distinct(other.event_id)).label("n"))
                .join(mine, and_(mine.event_id == other.event_id, mine.actor_id == actor_id))
                .where(other.actor_id != actor_id)
                .group_by(other.actor_id)
                .order_by(literal_column("n").desc(), other.actor_id)
                .limit(20)
            ).all()
            summaries = {
                r.id: ActorSummary(r.id, r.name, r.kind, r.country, 0)
                for r in session.scalars(select(ActorRow).where(ActorRow.id.in_([p for p, _ in pairs])))
            }
            with_actors = [
                (summaries.get(p) or ActorSummary(p, p, "other", None, 0), int(n)) for p, n in pairs
            ]
        months = self.monthly(EventFilter(actors=(actor_id,)), violent_only=False)
        recent = self.events(EventFilter(actors=(actor_id,)), limit=20).items
        return ActorView(actor, int(total), months, quotes, with_actors, recent)

    def actor_names(self, ids: Sequence[str]) -> dict[str, str]:
        with self._session() as session:
            return dict(
                session.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(list(ids)))).all()
            )

    def places(self, ids: Sequence[str]) -> dict[str, Place]:
        with self._session() as session:
            return {
                r.id: place_from_row(r)
                for r in session.scalars(select(PlaceRow).where(PlaceRow.id.in_(list(ids))))
            }

    # -- the registry ------------------------------------------------------------------------------

    def ceasefires(self) -> list[Ceasefire]:
        from ceasefire.store.store import _load_ceasefires

        with self._session() as session:
            return _load_ceasefires(session)

    def ceasefire(self, ceasefire_id: str) -> Ceasefire | None:
        return next((c for c in self.ceasefires() if c.id == ceasefire_id), None)


def members(party: str) -> tuple[str, ...]:
    """The actor ids that stand for ``party``: a state with its forces and agencies."""
    return _members().get(party, (party,))


@cache
def _members() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for actor_id in builtin_registry():
        out[party_of(actor_id)].append(actor_id)
    return {party: tuple(sorted(ids)) for party, ids in out.items()}


def _names(session: Session) -> dict[tuple[str, str], str]:
    out = {("actor", i): n for i, n in session.execute(select(ActorRow.id, ActorRow.name))}
    out.update({("place", i): n for i, n in session.execute(select(PlaceRow.id, PlaceRow.name))})
    return out


def end_of(day: str) -> str:
    """The last ISO date string a prefix covers ("2022" -> "2022-12-31", "2022-06" -> "2022-06-31")."""
    if len(day) == 4:
        return f"{day}-12-31"
    if len(day) == 7:
        return f"{day}-31"
    return day


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_FTS_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fts5_query(q: str) -> str:
    """A user's words as an FTS5 query: every word quoted, so no character is FTS syntax."""
    words = _FTS_WORD.findall(q)
    return " ".join(f'"{w}"' for w in words) or '""'
