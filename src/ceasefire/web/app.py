"""The web app: the dashboard pages and the REST API over one store.

``create_app`` builds a FastAPI application reading the store at a URL (SQLite or
PostgreSQL). It is read-only unless started with ``allow_write`` and a token, which
every write request must send as ``Authorization: Bearer <token>``. Every response
carries a Content-Security-Policy that allows scripts, styles and images from the
app itself only (the chart library is vendored; nothing comes from a CDN) and the
usual hardening headers; request bodies are capped; each client gets a bounded
number of requests per minute. Templates escape every value (Jinja2 autoescape).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import QueryParams

from ceasefire import __version__
from ceasefire.store import Store

HERE = Path(__file__).parent
DATE_PATTERN = (
    r"^\d{4}(-\d{2}(-\d{2})?)?$"  # a date as precise as the user gives it: 2021, 2021-11, 2021-11-09
)
ID_PATTERN = r"^[\w:.\-]{1,120}$"  # a record id (actor, place, event, document)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(frozen=True)
class Settings:
    """How the app may be used.

    allow_write: accept requests that store (the try-it page's "store it", ``POST /api/documents``).
    token: the secret such requests must carry; required when ``allow_write`` is set.
    max_body: the largest request body accepted, in bytes (an article upload).
    rate: requests per client per minute (0: no limit).
    """

    allow_write: bool = False
    token: str | None = None
    max_body: int = 2_000_000
    rate: int = 1200

    def __post_init__(self) -> None:
        if self.allow_write and not self.token:
            raise ValueError("--allow-write needs a token (--token or CEASEFIRE_TOKEN)")

    def may_write(self, request: Request) -> bool:
        """True when writes are on and the request carries the token as a bearer token."""
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.token_matches(value)

    def token_matches(self, sent: str) -> bool:
        """True when writes are on and ``sent`` is the token (compared in constant time)."""
        if not self.allow_write or not self.token:
            return False
        return hmac.compare_digest(sent.encode(), self.token.encode())


class RateLimiter:
    """A sliding one-minute window of request times per client address."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            times = self._seen.setdefault(client, deque())
            while times and now - times[0] > 60:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            if len(self._seen) > 10_000:  # forget idle clients rather than grow without bound
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return True


def create_app(
    db: str | None = None, settings: Settings | None = None, store: Store | None = None
) -> FastAPI:
    """The dashboard and REST API over the store at ``db`` (or an open ``store``)."""
    from ceasefire.web import api, pages

    settings = settings or Settings()
    store = store or Store(db)
    app = FastAPI(
        title="ceasefire",
        version=__version__,
        description="Source-linked records of ceasefires, talks and violence, read from news.",
        docs_url=None,  # Swagger UI would load its scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.reader = store.reader()
    app.state.settings = settings
    app.state.templates = templates()
    limiter = RateLimiter(settings.rate)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        client = request.client.host if request.client else "unknown"
        if not limiter.allow(client):
            response: Response = JSONResponse({"detail": "too many requests"}, status_code=429)
        elif _too_big(request, settings.max_body):
            response = JSONResponse(
                {"detail": f"request body over {settings.max_body} bytes"}, status_code=413
            )
        elif _has_nul(request):
            response = JSONResponse({"detail": "NUL characters are not allowed in a URL"}, status_code=400)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)
    return app


def _too_big(request: Request, limit: int) -> bool:
    """A declared body over the limit, or a body with no declared length on a method that sends one."""
    length = request.headers.get("content-length")
    if length is not None:
        try:
            return int(length) > limit
        except ValueError:
            return True
    return request.method in {"POST", "PUT", "PATCH"} and "chunked" in request.headers.get(
        "transfer-encoding", ""
    )


def _has_nul(request: Request) -> bool:
    """A NUL in the path or a query value: no id or word holds one, and PostgreSQL refuses it
    in text, so it is the client's error, answered before any query is built."""
    return "\x00" in request.url.path or any("\x00" in v for _, v in request.query_params.multi_items())


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every value, whatever the file's extension
    t.env.globals["with_offset"] = with_offset
    t.env.globals["month_query"] = month_query
    return t


def with_offset(query: Mapping[str, str] | QueryParams, offset: int) -> str:
    """The page's query string with ``offset`` replaced (repeated parameters kept)."""
    items = query.multi_items() if isinstance(query, QueryParams) else list(query.items())
    return urlencode([(k, v) for k, v in items if k not in {"offset", "format"}] + [("offset", str(offset))])


def month_query(query: QueryParams, month: str) -> str:
    """The events listing's query for one month of the overview's filters."""
    items = [(k, v) for k, v in query.multi_items() if k not in {"since", "until", "offset"}]
    return urlencode([*items, ("since", month), ("until", month)])
