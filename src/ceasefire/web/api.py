"""The REST API under ``/api/``: documents, events, ceasefires, actors, search and extract.

Listings are paginated (``offset``, ``limit`` up to 500) and come as JSON or, with
``format=csv``, as a CSV download with the columns of ``ceasefire export``'s flat
views. Records are the export contract's own (``models.py``), so the OpenAPI
schema at ``/openapi.json`` describes the same shapes as the JSON export.
Every parameter is validated before it reaches a query; queries bind every value.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ceasefire.errors import CeasefireError
from ceasefire.export.flat import (
    ACTOR_COLUMNS,
    CEASEFIRE_COLUMNS,
    EVENT_COLUMNS,
    actor_rows,
    ceasefire_rows,
    event_rows,
    write_csv,
)
from ceasefire.models import Actor, Ceasefire, Document, Event, EventType, Export, Quote
from ceasefire.store.queries import EventFilter, Reader
from ceasefire.web.app import DATE_PATTERN, ID_PATTERN, Settings


class Problem(BaseModel):
    """Why a request was refused: one line."""

    detail: str


# every route may answer these: the guard's limits (``web/app.py``)
COMMON: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "a NUL character in the path or a query value"},
    413: {"model": Problem, "description": "request body over the limit"},
    429: {"model": Problem, "description": "too many requests from this client"},
}
NOT_FOUND: dict[int | str, dict[str, object]] = {404: {"model": Problem, "description": "no such record"}}
CSV: dict[int | str, dict[str, object]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "JSON, or CSV with format=csv",
    }
}
UNUSABLE: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "the article has no usable text (one-line reason)"}
}

router = APIRouter(prefix="/api", tags=["api"], responses=COMMON)

DATE = DATE_PATTERN
ID = ID_PATTERN
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Limit = Annotated[int, Query(ge=1, le=500)]
Format = Annotated[Literal["json", "csv"], Query()]
# No NUL in a free-text query value: the schema says so (the app answers a NUL anywhere in the
# URL with a 400 before any route), so a client that keeps to the schema never meets that 400.
NO_NUL = r"^[^\x00]*$"
Words = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
PathId = Annotated[str, Path(max_length=120)]


class DocumentItem(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    precision: str
    near_duplicate_of: str | None
    events: int


class DocumentPage(BaseModel):
    items: list[DocumentItem]
    total: int
    offset: int
    limit: int


class EventPage(BaseModel):
    items: list[Event]
    total: int
    offset: int
    limit: int


class ActorItem(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    events: int


class ActorPage(BaseModel):
    items: list[ActorItem]
    total: int
    offset: int
    limit: int


class SpanModel(BaseModel):
    start: int
    end: int
    kind: str
    ref: str
    label: str


class DocumentDetail(BaseModel):
    document: Document
    events: list[Event]
    quotes: list[Quote]
    spans: list[SpanModel]


class CeasefireDetail(BaseModel):
    ceasefire: Ceasefire
    events: list[Event]
    violations: list[Event]


class MonthModel(BaseModel):
    month: str
    events: int
    fatalities: int


class CoActor(BaseModel):
    actor: ActorItem
    events: int


class ActorDetail(BaseModel):
    actor: Actor
    events: int
    months: list[MonthModel]
    quotes: list[Quote]
    with_actors: list[CoActor]
    recent: list[Event]


class SearchResult(BaseModel):
    q: str
    documents: DocumentPage
    events: EventPage


class ArticleIn(BaseModel):
    """An article to extract (and, with write access, to store)."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently dropped

    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=DATE)
    outlet: str | None = Field(default=None, max_length=200)


class Stored(BaseModel):
    id: str
    new: bool
    near_duplicate_of: str | None = None


def reader(request: Request) -> Reader:
    return request.app.state.reader  # type: ignore[no-any-return]


def event_filter(
    type: Annotated[list[EventType] | None, Query()] = None,
    actor: Annotated[list[Annotated[str, Field(pattern=ID)]] | None, Query(max_length=50)] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
) -> EventFilter:
    """The filters ``/api/events`` and ``/api/search`` share, validated once."""
    return EventFilter(types=tuple(type or ()), actors=tuple(actor or ()), since=since, until=until)


Filters = Annotated[EventFilter, Depends(event_filter)]


def _csv(name: str, columns: tuple[tuple[str, str], ...], rows: list[dict[str, object]]) -> Response:
    out = io.BytesIO()
    write_csv(out, [c for c, _ in columns], rows)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    """The store's record counts and when it last changed."""
    r = reader(request)
    return {"status": "ok", "counts": r.counts(), "updated": r.updated()}


@router.get("/documents", response_model=DocumentPage, responses=CSV)
def documents(
    request: Request, q: Words = None, offset: Offset = 0, limit: Limit = 50, format: Format = "json"
) -> DocumentPage | Response:
    """Stored documents, newest first; ``q`` searches titles and texts."""
    page = reader(request).documents(q=q or None, offset=offset, limit=limit)
    items = [DocumentItem(**vars(d)) for d in page.items]
    if format == "csv":
        columns = tuple((name, "string") for name in DocumentItem.model_fields)
        return _csv("documents", columns, [i.model_dump() for i in items])
    return DocumentPage(items=items, total=page.total, offset=page.offset, limit=page.limit)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def document(request: Request, doc_id: PathId) -> DocumentDetail:
    """A document's cleaned text, the events and quotes it backs, and every extracted span."""
    view = reader(request).document(doc_id)
    if view is None:
        raise HTTPException(404, "no such document")
    return DocumentDetail(
        document=view.document,
        events=view.events,
        quotes=view.quotes,
        spans=[SpanModel(**vars(s)) for s in view.spans],
    )


@router.post(
    "/documents",
    response_model=Stored,
    status_code=201,
    responses={**UNUSABLE, 403: {"model": Problem, "description": "read-only, or no valid token"}},
)
def store_document(request: Request, article: ArticleIn) -> Stored:
    """Extract an article and store it (needs ``--allow-write`` and the bearer token)."""
    settings: Settings = request.app.state.settings
    if not settings.may_write(request):
        raise HTTPException(403, "read-only: writes need --allow-write and the bearer token")
    from ceasefire.pipeline import check_date, process
    from ceasefire.types import RawDocument

    raw = RawDocument(source="<web>", text=article.text, title=article.title, outlet=article.outlet)
    try:
        extraction = process(raw, published=check_date(article.published))
    except CeasefireError as exc:
        raise HTTPException(400, str(exc)) from None
    store = request.app.state.store
    result = store.add([extraction])
    if result.failed:
        raise HTTPException(400, result.failed[0][1])
    store.rebuild()
    doc_id = extraction.document.id
    return Stored(id=doc_id, new=doc_id in result.new, near_duplicate_of=result.near_duplicate.get(doc_id))


@router.get("/events", response_model=EventPage, responses=CSV)
def events(
    request: Request,
    where: Filters,
    doc: Annotated[str | None, Query(pattern=ID)] = None,
    q: Words = None,
    offset: Offset = 0,
    limit: Limit = 50,
    format: Format = "json",
) -> EventPage | Response:
    """Events, newest first, narrowed by type, actor, date range, document and words of their evidence."""
    r = reader(request)
    page = r.events(replace(where, doc=doc, q=q or None), offset=offset, limit=limit)
    if format == "csv":
        return _csv("events", EVENT_COLUMNS, _event_rows(r, page.items))
    return EventPage(items=page.items, total=page.total, offset=page.offset, limit=page.limit)


def _event_rows(r: Reader, events: list[Event]) -> list[dict[str, object]]:
    places = r.places(sorted({e.place for e in events if e.place}))
    ids = sorted({a for e in events for ids in e.actors.values() for a in ids})
    actors = [Actor(id=i, name=n) for i, n in r.actor_names(ids).items()]
    by_id = {row["id"]: row for row in event_rows(events, places.values(), actors)}
    return [by_id[e.id] for e in events]


@router.get("/events/{event_id}", response_model=Event, responses=NOT_FOUND)
def event(request: Request, event_id: PathId) -> Event:
    """One event with all its evidence (every source's sentence)."""
    found = reader(request).event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return found


@router.get("/ceasefires", response_model=list[Ceasefire], responses=CSV)
def ceasefires(request: Request, format: Format = "json") -> list[Ceasefire] | Response:
    """The registry of ceasefire episodes, newest first."""
    r = reader(request)
    registry = r.ceasefires()
    if format == "csv":
        ids = sorted({a for c in registry for a in [*c.parties, *c.mediators]})
        actors = [Actor(id=i, name=n) for i, n in r.actor_names(ids).items()]
        return _csv("ceasefires", CEASEFIRE_COLUMNS, ceasefire_rows(registry, actors))
    return registry


@router.get("/ceasefires/{ceasefire_id}", response_model=CeasefireDetail, responses=NOT_FOUND)
def ceasefire(request: Request, ceasefire_id: PathId) -> CeasefireDetail:
    """An episode with its lifecycle events and its violations."""
    r = reader(request)
    found = r.ceasefire(ceasefire_id)
    if found is None:
        raise HTTPException(404, "no such ceasefire")
    return CeasefireDetail(
        ceasefire=found, events=r.events_by_id(found.events), violations=r.events_by_id(found.violations)
    )


@router.get("/actors", response_model=ActorPage, responses=CSV)
def actors(
    request: Request,
    q: Words = None,
    kind: Annotated[str | None, Query(pattern=r"^[a-z_]{1,20}$")] = None,
    offset: Offset = 0,
    limit: Limit = 50,
    format: Format = "json",
) -> ActorPage | Response:
    """Actors by the number of events they appear in; ``q`` matches names and ids."""
    r = reader(request)
    page = r.actors(q=q or None, kind=kind, offset=offset, limit=limit)
    items = [ActorItem(**vars(a)) for a in page.items]
    if format == "csv":
        full = [Actor(id=a.id, name=a.name, kind=a.kind, country=a.country) for a in page.items]  # type: ignore[arg-type]
        return _csv("actors", ACTOR_COLUMNS, actor_rows(full))
    return ActorPage(items=items, total=page.total, offset=page.offset, limit=page.limit)


@router.get("/actors/{actor_id}", response_model=ActorDetail, responses=NOT_FOUND)
def actor(request: Request, actor_id: PathId) -> ActorDetail:
    """An actor with its events over time, its quotes and the actors it appears with."""
    view = reader(request).actor(actor_id)
    if view is None:
        raise HTTPException(404, "no such actor")
    return ActorDetail(
        actor=view.actor,
        events=view.events,
        months=[MonthModel(**vars(m)) for m in view.months],
        quotes=view.quotes,
        with_actors=[CoActor(actor=ActorItem(**vars(a)), events=n) for a, n in view.with_actors],
        recent=view.recent,
    )


@router.get("/search", response_model=SearchResult)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, pattern=NO_NUL)],
    where: Filters,
    offset: Offset = 0,
    limit: Limit = 20,
) -> SearchResult:
    """Full-text search over documents and the evidence of events, with the event filters."""
    r = reader(request)
    docs = r.documents(q=q, offset=offset, limit=limit)
    found = r.events(replace(where, q=q), offset=offset, limit=limit)
    return SearchResult(
        q=q,
        documents=DocumentPage(
            items=[DocumentItem(**vars(d)) for d in docs.items], total=docs.total, offset=offset, limit=limit
        ),
        events=EventPage(items=found.items, total=found.total, offset=offset, limit=limit),
    )


@router.post("/extract", response_model=Export, responses=UNUSABLE)
def extract(article: ArticleIn) -> Export:
    """What the system extracts from an article, without storing it."""
    from ceasefire.pipeline import check_date, process, to_export
    from ceasefire.types import RawDocument

    raw = RawDocument(source="<web>", text=article.text, title=article.title, outlet=article.outlet)
    try:
        return to_export([process(raw, published=check_date(article.published))])
    except CeasefireError as exc:
        raise HTTPException(400, str(exc)) from None
