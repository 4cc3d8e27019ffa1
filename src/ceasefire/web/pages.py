"""Server-rendered pages: they read without JavaScript; ``static/app.js`` only adds the charts.

Filters live in the URL (``?actor=ttp&type=bombing&since=2021&until=2022-12``), so a
view can be bookmarked and shared. Every id in a link is a record id; every piece of
text goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from typing import Annotated, Any, get_args

from fastapi import APIRouter, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ceasefire.errors import CeasefireError
from ceasefire.models import Ceasefire, DateValue, Event, EventType
from ceasefire.store.queries import EventFilter, Month, Reader, end_of, members
from ceasefire.taxonomy import family
from ceasefire.web import highlight, timeline
from ceasefire.web.app import DATE_PATTERN, ID_PATTERN, Settings

router = APIRouter(include_in_schema=False)

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
DATE = re.compile(DATE_PATTERN)
ID = re.compile(ID_PATTERN)
PAGE = 50
SORTS = ("start", "end", "status", "sources", "kind")


def _reader(request: Request) -> Reader:
    return request.app.state.reader  # type: ignore[no-any-return]


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("query", request.query_params)
    context.setdefault("types", EVENT_TYPES)
    return templates.TemplateResponse(request, name, context, status_code=status)  # type: ignore[no-any-return]


def fmt_date(value: DateValue | None) -> str:
    """A date no more precise than it is: ``2022``, ``2022-06``, ``2022-06-02`` or ``a..b``; ``?`` unknown."""
    if value is None or value.precision == "unknown" or not value.start:
        return "?"
    if value.precision == "day":
        return value.start
    if value.precision == "month":
        return value.start[:7]
    if value.precision == "year":
        return value.start[:4]
    return f"{value.start}..{value.end or '?'}"


def _filters(
    type: list[str] | None, actor: list[str] | None, since: str | None, until: str | None
) -> tuple[EventFilter, list[str]]:
    """The event filter from query parameters, and one line per value that was not understood."""
    problems = []
    type = [t for t in (type or []) if t]
    types = tuple(t for t in type if t in EVENT_TYPES)
    problems += [f"unknown event type {t!r}" for t in (type or []) if t not in EVENT_TYPES]
    actors = tuple(a for a in (actor or []) if a and ID.match(a))
    problems += [f"not an actor id: {a!r}" for a in (actor or []) if a and not ID.match(a)]
    dates = []
    for name, value in (("since", since), ("until", until)):
        if value and not DATE.match(value):
            problems.append(f"{name} is not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
            value = None
        dates.append(value or None)
    return EventFilter(types=types, actors=actors, since=dates[0], until=dates[1]), problems


def _dyads(registry: list[Ceasefire]) -> list[tuple[str, str]]:
    """Pairs of sides the registry has episodes between, most episodes first."""
    counts: dict[tuple[str, str], int] = {}
    for episode in registry:
        for pair in combinations(sorted(episode.parties), 2):
            counts[pair] = counts.get(pair, 0) + 1
    return sorted(counts, key=lambda p: (-counts[p], p))


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    type: Annotated[list[str] | None, Query()] = None,
    actor: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    r = _reader(request)
    where, problems = _filters(type, actor, since, until)
    registry = r.ceasefires()
    rows = []
    if where.actors:
        groups = [
            (list(where.actors), "Filtered: " + ", ".join(where.actors), registry_for(registry, where.actors))
        ]
    else:
        groups = [
            ([*members(a), *members(b)], f"{a} – {b}", [e for e in registry if {a, b} <= set(e.parties)])
            for a, b in _dyads(registry)[:6]
        ] or [([], "All events", registry)]
    names = r.actor_names(sorted({p for e in registry for p in [*e.parties, *e.mediators]}))
    for actors, title, episodes in groups:
        scope = EventFilter(where.types, tuple(actors), where.since, where.until)
        months = r.monthly(scope)
        markers = r.event_heads(
            EventFilter(tuple(timeline.MARKER_TYPES), tuple(actors), where.since, where.until), limit=200
        )
        drawn = timeline.build(months, _within(episodes, where), markers, names)
        series = chart_series(months)
        rows.append(
            {"title": _title(title, names), "timeline": drawn, "series": series, "episodes": episodes}
        )
    return _render(
        request, "overview.html", rows=rows, problems=problems, counts=r.counts(), where=where, names=names
    )


def chart_series(months: list[Month]) -> str:
    """Monthly counts for the chart, every month from the first to the last (empty months as 0,
    so a line never bridges months with nothing)."""
    by_month = {m.month: m for m in months}
    labels: list[str] = []
    if months:
        year, month = int(months[0].month[:4]), int(months[0].month[5:7])
        while (label := f"{year:04d}-{month:02d}") <= months[-1].month:
            labels.append(label)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return json.dumps(
        {
            "months": labels,
            "events": [by_month[m].events if m in by_month else 0 for m in labels],
            "fatalities": [by_month[m].fatalities if m in by_month else 0 for m in labels],
        }
    )


def registry_for(registry: list[Ceasefire], actors: tuple[str, ...]) -> list[Ceasefire]:
    wanted = set(actors)
    return [e for e in registry if wanted & set(e.parties)]


def _within(episodes: list[Ceasefire], where: EventFilter) -> list[Ceasefire]:
    """Episodes that reach into the date range (undated ones always shown)."""
    out = []
    for e in episodes:
        spans = [v.interval() for v in (e.declared, e.start, e.end, e.expected_end) if v is not None]
        known = [s for s in spans if s is not None]
        if not known:
            out.append(e)
            continue
        first, last = min(s[0] for s in known).isoformat(), max(s[1] for s in known).isoformat()
        if (where.since and last < where.since) or (where.until and first > end_of(where.until)):
            continue
        out.append(e)
    return out


def _title(title: str, names: dict[str, str]) -> str:
    parts = title.split(" – ")
    return " – ".join(names.get(p, p) for p in parts) if len(parts) == 2 else title


@router.get("/ceasefires", response_class=HTMLResponse)
def ceasefires(request: Request, sort: str = "start", dir: str = "desc") -> HTMLResponse:
    r = _reader(request)
    registry = r.ceasefires()
    key = sort if sort in SORTS else "start"
    reverse = dir != "asc"

    def value(e: Ceasefire) -> tuple[int, str]:
        raw: Any = {
            "start": fmt_date(e.start or e.declared),
            "end": fmt_date(e.end),
            "status": e.status,
            "sources": f"{e.sources:06d}",
            "kind": e.kind,
        }[key]
        return (0 if raw != "?" else 1, str(raw))

    known = sorted([e for e in registry if value(e)[0] == 0], key=value, reverse=reverse)
    unknown = [e for e in registry if value(e)[0] == 1]
    names = r.actor_names(sorted({p for e in registry for p in [*e.parties, *e.mediators]}))
    return _render(
        request,
        "ceasefires.html",
        registry=known + unknown,
        sort=key,
        dir="asc" if reverse else "desc",
        current_dir="desc" if reverse else "asc",
        names=names,
        fmt_date=fmt_date,
    )


@router.get("/ceasefires/{ceasefire_id}", response_class=HTMLResponse)
def ceasefire(request: Request, ceasefire_id: str) -> HTMLResponse:
    r = _reader(request)
    episode = r.ceasefire(ceasefire_id)
    if episode is None:
        raise HTTPException(404, "no such ceasefire")
    events = r.events_by_id(episode.events)
    violations = r.events_by_id(episode.violations)
    docs = sorted({ev.doc for ev in episode.evidence})
    demands = r.events(EventFilter(types=("demand",), actors=tuple(episode.parties)), limit=20).items
    quotes = r.quotes(docs)
    ids = sorted(
        {a for e in [*events, *violations, *demands] for v in e.actors.values() for a in v}
        | set(episode.parties)
        | set(episode.mediators)
    )
    names = r.actor_names(ids)
    conflicts = [(c.field, [_shown(v, names) for v in c.values], c.sources) for c in episode.conflicts]
    docs = sorted(set(docs) | {d for c in episode.conflicts for d in c.sources})
    return _render(
        request,
        "ceasefire.html",
        episode=episode,
        events=events,
        violations=violations,
        demands=demands,
        quotes=quotes,
        names=names,
        fmt_date=fmt_date,
        titles=r.titles(docs),
        conflicts=conflicts,
    )


def _shown(value: object, names: dict[str, str]) -> str:
    """A conflicting value as text: a date no more precise than it is, an actor by name."""
    if isinstance(value, dict) and "precision" in value:
        return fmt_date(DateValue.model_validate(value))
    if isinstance(value, str):
        return names.get(value, value)
    return str(value)


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    type: Annotated[list[str] | None, Query()] = None,
    actor: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    r = _reader(request)
    where, problems = _filters(type, actor, since, until)
    where = EventFilter(where.types, where.actors, where.since, where.until, None, q or None)
    page = r.events(where, offset=offset, limit=PAGE)
    ids = sorted({a for e in page.items for v in e.actors.values() for a in v})
    return _render(
        request,
        "events.html",
        page=page,
        problems=problems,
        names=r.actor_names(ids),
        fmt_date=fmt_date,
        where=where,
        family=family,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    r = _reader(request)
    found = r.event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    ids = sorted(
        {a for v in found.actors.values() for a in v} | ({found.said_by} if found.said_by else set())
    )
    places = r.places([found.place] if found.place else [])
    episodes = [c for c in r.ceasefires() if found.id in c.events or found.id in c.violations]
    docs = sorted({ev.doc for ev in found.evidence})
    return _render(
        request,
        "event.html",
        event=found,
        names=r.actor_names(ids),
        place=places.get(found.place or ""),
        fmt_date=fmt_date,
        episodes=episodes,
        titles=r.titles(docs),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    page = _reader(request).actors(q=q or None, offset=offset, limit=PAGE)
    return _render(request, "actors.html", page=page)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str) -> HTMLResponse:
    r = _reader(request)
    view = r.actor(actor_id)
    if view is None:
        raise HTTPException(404, "no such actor")
    ids = sorted(
        {a for e in view.recent for v in e.actors.values() for a in v}
        | ({view.actor.parent} if view.actor.parent else set())
    )
    series = chart_series(view.months)
    return _render(
        request, "actor.html", view=view, names=r.actor_names(ids), fmt_date=fmt_date, series=series
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    page = _reader(request).documents(q=q or None, offset=offset, limit=PAGE)
    return _render(request, "documents.html", page=page)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    r = _reader(request)
    view = r.document(doc_id)
    if view is None:
        raise HTTPException(404, "no such document")
    parts = highlight.pieces(view.document.text, view.spans)
    ids = sorted({a for e in view.events for v in e.actors.values() for a in v})
    return _render(
        request, "document.html", view=view, parts=parts, names=r.actor_names(ids), fmt_date=fmt_date
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[list[str] | None, Query()] = None,
    actor: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    r = _reader(request)
    where, problems = _filters(type, actor, since, until)
    docs = r.documents(q=q, limit=20) if q.strip() else None
    found = (
        r.events(EventFilter(where.types, where.actors, where.since, where.until, None, q), limit=PAGE)
        if q.strip()
        else None
    )
    ids = sorted({a for e in (found.items if found else []) for v in e.actors.values() for a in v})
    return _render(
        request,
        "search.html",
        where=where,
        q=q,
        docs=docs,
        found=found,
        problems=problems,
        names=r.actor_names(ids),
        fmt_date=fmt_date,
    )


@router.get("/try", response_class=HTMLResponse)
def try_form(request: Request) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    return _render(
        request, "try.html", result=None, error=None, stored=None, allow_write=settings.allow_write
    )


@router.post("/try", response_class=HTMLResponse)
def try_extract(
    request: Request,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    store: Annotated[str, Form(max_length=5)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Extract a pasted or uploaded article; store it only when asked, with write access and the token."""
    from ceasefire.ingest.readers import read_bytes, suffix_of
    from ceasefire.pipeline import check_date, process, to_export
    from ceasefire.types import RawDocument, ReadFailure

    settings: Settings = request.app.state.settings
    context: dict[str, Any] = {
        "result": None,
        "error": None,
        "stored": None,
        "allow_write": settings.allow_write,
        "text": text,
        "title": title,
        "published": published,
    }
    raw: RawDocument | None = None
    if upload is not None and upload.filename:
        data = upload.file.read(settings.max_body + 1)  # a plain function: FastAPI runs it off the event loop
        name = upload.filename[-200:]
        read = next(iter(read_bytes(data, name, suffix_of(name))), None)
        if isinstance(read, ReadFailure) or read is None:
            context["error"] = str(read) if read else f"{name}: nothing to read"
        else:
            raw = read
    elif text.strip():
        raw = RawDocument(source="<pasted>", text=text, title=title or None)
    else:
        context["error"] = "Paste an article or choose a file."
    if raw is not None:
        try:
            extraction = process(raw, published=check_date(published or None))
        except CeasefireError as exc:
            context["error"] = f"{raw.source}: {exc}"
        else:
            export = to_export([extraction])
            ids = sorted({a.id for a in export.actors})
            context["result"] = export
            context["parts"] = highlight.pieces(extraction.document.text, _spans_of(export))
            context["names"] = {a.id: a.name for a in export.actors} | {
                i: i for i in ids if i not in {a.id for a in export.actors}
            }
            if store:
                if not settings.allow_write:
                    context["error"] = (
                        "This server is read-only: start it with --allow-write and a token to store."
                    )
                elif not settings.token_matches(token):
                    context["error"] = "Wrong token: nothing was stored."
                else:
                    result = request.app.state.store.add([extraction])
                    request.app.state.store.rebuild()
                    context["stored"] = extraction.document.id if not result.failed else None
    status = 200 if context["error"] is None else 422
    return _render(request, "try.html", status=status, fmt_date=fmt_date, **context)


def _spans_of(export: Any) -> list[Any]:
    from ceasefire.store.queries import Span

    spans = [Span(m.start, m.end, "actor", a.id, a.name) for a in export.actors for m in a.mentions]
    spans += [Span(m.start, m.end, "place", p.id, p.name) for p in export.places for m in p.mentions]
    by_sentence: dict[tuple[int, int], list[Event]] = {}
    for e in export.events:
        for ev in e.evidence:
            by_sentence.setdefault((ev.start, ev.end), []).append(e)
    spans += [
        Span(s, t, "event", ",".join(e.id for e in es), ", ".join(e.type for e in es))
        for (s, t), es in by_sentence.items()
    ]
    spans += [
        Span(q.evidence.start, q.evidence.end, "quote", q.id, q.speaker_text or "") for q in export.quotes
    ]
    return spans


def install_error_pages(app: FastAPI) -> None:
    """HTML error pages for the pages, JSON for the API; never a traceback."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return _render(
            request, "error.html", status=exc.status_code, status_code=exc.status_code, detail=exc.detail
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        return _render(
            request, "error.html", status=422, status_code=422, detail="Some parameters were not understood."
        )

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "internal error"}, status_code=500)
        return _render(request, "error.html", status=500, status_code=500, detail="Something went wrong.")


def jsonable(errors: Any) -> Any:
    """Validation errors without the raw input (it may be huge or hostile)."""
    return [{k: v for k, v in e.items() if k in {"loc", "msg", "type"}} for e in errors]
