"""The web app: server-rendered pages over the query layer, each with a JSON twin under ``/api``.

Read-only: only GET (and HEAD) routes exist; requests read through one read-only connection that
the app lets go of whenever a writer (``storyline ingest``) waits for the file, so both work at
once and what the writer stores shows at once (``storyline.web.readers``); a request waits up to
``lock_wait`` seconds while a writer holds the file, and a query running longer than
``query_seconds`` is interrupted. Every error is one JSON shape under ``/api`` and an error page
elsewhere (see ``storyline.web.errors``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from storyline import __version__, query
from storyline.errors import Errors, StoreError, StorylineError
from storyline.pageview import PageView, page_view
from storyline.store.database import Store, is_lock_error
from storyline.web import charts, errors
from storyline.web.readers import Readers
from storyline.web.templates import render

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'none'; img-src 'self'; style-src 'self'; script-src 'none'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorDetail:
    code: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorBody:
    """Every ``/api`` error: ``{"error": {"code": "E...", "message": "E... text"}}``."""

    error: ErrorDetail


@dataclass(frozen=True, slots=True, kw_only=True)
class MapAnswer:
    points: tuple[query.MapPoint, ...]


# the OpenAPI description of the error answers (the bodies are documented, the routes answer JSONResponse)
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorBody, "description": what} for status, what in (
    (400, "a parameter is not valid (E602, E304, E303, E609)"), (404, "not found (E203, E204, E205, E605, E608)"),
    (503, "another process holds the store (E603)"), (504, "the query took too long (E604)"))}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How the app reads its store: wait this long for a writer's lock, stop a query after this long."""

    db: Path
    lock_wait: float = 10.0
    query_seconds: float = 10.0


Limit = Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="Results per page (1-500).")]
Offset = Annotated[int, Query(ge=0, description="Results to skip.")]
Actors = Annotated[list[str], Query(alias="actor", description="Code (PAK), actor id or name; one, or two for a pair.")]
Since = Annotated[str | None, Query(description="From this ISO date or prefix (2012, 2012-03), inclusive.")]
Until = Annotated[str | None, Query(description="Up to this ISO date or prefix, inclusive.")]
Types = Annotated[list[str], Query(alias="type", description="PLOVER type (repeatable).")]
Quads = Annotated[list[int], Query(alias="quad_class", description="Quad class 1-4 (repeatable).")]
Docs = Annotated[list[str], Query(alias="doc", description="Only stories reported by this page (repeatable).")]
Text = Annotated[str | None, Query(alias="q", max_length=200, description="Words in the evidence, a name or the place.")]
MinSources = Annotated[int, Query(ge=1, le=1000, description="At least this many independent sources.")]
PeriodQ = Annotated[str, Query(description="Series by 'month' or 'week'.")]


def create_app(settings: Settings) -> FastAPI:
    """The app over ``settings.db`` (the file is opened per request, read-only)."""
    app = FastAPI(title="Storyline", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description="A sourced, deduplicated timeline of political events (read-only).")
    app.state.settings = settings
    app.state.readers = Readers(settings.db, lock_wait=settings.lock_wait)
    errors.install(app)

    @app.middleware("http")
    async def headers(request: Request, call_next):  # noqa: ANN001, ANN202 - Starlette's middleware signature
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _routes(app)
    return app


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    """The store, read-only, for one request (see ``storyline.web.readers``); its queries are
    interrupted after ``query_seconds``."""
    settings: Settings = request.app.state.settings
    readers: Readers = request.app.state.readers
    try:
        store = readers.acquire()
    except StoreError as e:
        if e.__cause__ is not None and is_lock_error(e.__cause__):
            raise StorylineError(Errors.E603.format(path=settings.db.name, seconds=settings.lock_wait)) from None
        raise
    timer = threading.Timer(settings.query_seconds, store.con.interrupt)
    timer.start()
    try:
        yield store
    except Exception as e:
        if type(e).__name__ == "InterruptException":
            raise StorylineError(Errors.E604.format(seconds=settings.query_seconds)) from None
        raise
    finally:
        timer.cancel()
        readers.release(store)


def plain(value: Any) -> Any:
    """A record as JSON-ready values (``dataclasses.asdict`` without its deep copies, three times faster)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _json(value: Any) -> JSONResponse:
    return JSONResponse(plain(value))


def _story_query(actors, since, until, types, quads, docs, text, min_sources, limit, offset) -> query.StoryQuery:  # noqa: ANN001
    return query.StoryQuery(actors=tuple(a for a in actors if a), since=since or None, until=until or None,
                            types=tuple(t for t in types if t), quad_classes=tuple(quads), doc_ids=tuple(docs),
                            text=text or None, min_sources=min_sources, limit=limit, offset=offset)


def _routes(app: FastAPI) -> None:  # noqa: C901 - one flat list of routes
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/timeline")

    @app.get("/api/timeline", tags=["timeline"], response_model=query.Timeline, responses=ERRORS)
    def api_timeline(request: Request, actor: Actors = [], since: Since = None, until: Until = None,  # noqa: B006
                     type: Types = [], quad_class: Quads = [], doc: Docs = [], q: Text = None,  # noqa: A002, B006
                     min_sources: MinSources = 1, period: PeriodQ = "month", limit: Limit = query.DEFAULT_LIMIT,
                     offset: Offset = 0) -> JSONResponse:
        """Placed story events (oldest first) with date and its source, sides, place, evidence, reports
        and disagreements; undated ones apart; the cooperation/conflict series."""
        with reading(request) as store:
            found = query.timeline(store, _story_query(actor, since, until, type, quad_class, doc, q, min_sources,
                                                       limit, offset), period=period)  # type: ignore[arg-type]
        return _json(found)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, actor: Actors = [], since: Since = None, until: Until = None,  # noqa: B006
                      type: Types = [], quad_class: Quads = [], doc: Docs = [], q: Text = None,  # noqa: A002, B006
                      min_sources: MinSources = 1, period: PeriodQ = "month", limit: Limit = query.DEFAULT_LIMIT,
                      offset: Offset = 0) -> HTMLResponse:
        with reading(request) as store:
            found = query.timeline(store, _story_query(actor, since, until, type, quad_class, doc, q, min_sources,
                                                       limit, offset), period=period)  # type: ignore[arg-type]
        return render(request, "timeline.html", timeline=found, chart=charts.series_chart(found.series),
                      form={"actor": actor, "since": since or "", "until": until or "", "q": q or ""})

    @app.get("/api/stories", tags=["stories"], response_model=query.Page[query.StoryItem], responses=ERRORS)
    def api_stories(request: Request, actor: Actors = [], since: Since = None, until: Until = None,  # noqa: B006
                    type: Types = [], quad_class: Quads = [], doc: Docs = [], q: Text = None,  # noqa: A002, B006
                    min_sources: MinSources = 1, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> JSONResponse:
        """Story events matching the filters in time order (undated last), one page of them."""
        with reading(request) as store:
            return _json(query.stories(store, _story_query(actor, since, until, type, quad_class, doc, q,
                                                           min_sources, limit, offset)))

    @app.get("/api/stories/{story_id}", tags=["stories"], response_model=query.StoryItem, responses=ERRORS)
    def api_story(request: Request, story_id: str) -> JSONResponse:
        """One story event: canonical fields, every report (outlet, URL, date, evidence), disagreements."""
        with reading(request) as store:
            return _json(query.story(store, story_id))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        with reading(request) as store:
            found = query.story(store, story_id)
        return render(request, "story.html", story=found)

    @app.get("/api/documents", tags=["documents"], response_model=query.Page[query.DocumentItem], responses=ERRORS)
    def api_documents(request: Request, q: Text = None, limit: Limit = query.DEFAULT_LIMIT,
                      offset: Offset = 0) -> JSONResponse:
        """Stored pages (latest versions) in id order; ``q``: words in the title or id."""
        with reading(request) as store:
            return _json(query.documents(store, text=q, limit=limit, offset=offset))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, q: Text = None, limit: Limit = query.DEFAULT_LIMIT,
                       offset: Offset = 0) -> HTMLResponse:
        with reading(request) as store:
            found = query.documents(store, text=q, limit=limit, offset=offset)
        return render(request, "documents.html", page=found, form={"q": q or ""})

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], response_model=PageView, responses=ERRORS)
    def api_document(request: Request, doc_id: str) -> JSONResponse:
        """One page as segmented, its article cut into marked pieces, its events and comment threads."""
        with reading(request) as store:
            return _json(page_view(store, doc_id))

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        with reading(request) as store:
            found = page_view(store, doc_id)
        return render(request, "document.html", page=found)

    @app.get("/api/actors", tags=["actors"], response_model=query.Page[query.ActorItem], responses=ERRORS)
    def api_actors(request: Request, q: Text = None, country: str | None = None, sector: str | None = None,
                   kind: str | None = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> JSONResponse:
        """Canonical actors: a spelling of any name or alias (best match first), or the most mentioned."""
        with reading(request) as store:
            return _json(query.actors(store, text=q, country=country, sector=sector, kind=kind, limit=limit,
                                      offset=offset))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: Text = None, country: str | None = None, sector: str | None = None,
                    kind: str | None = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> HTMLResponse:
        with reading(request) as store:
            found = query.actors(store, text=q, country=country, sector=sector, kind=kind, limit=limit, offset=offset)
        return render(request, "actors.html", page=found, form={"q": q or "", "country": country or ""})

    @app.get("/api/actors/{actor_id:path}", tags=["actors"], response_model=query.ActorDetail, responses=ERRORS)
    def api_actor(request: Request, actor_id: str, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> JSONResponse:
        """One actor: names, country and sector with their evidence, its stories, counterparts, mentions."""
        with reading(request) as store:
            return _json(query.actor(store, actor_id, limit=limit, offset=offset))

    @app.get("/actors/{actor_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> HTMLResponse:
        with reading(request) as store:
            found = query.actor(store, actor_id, limit=limit, offset=offset)
        return render(request, "actor.html", detail=found)

    @app.get("/api/map", tags=["map"], response_model=MapAnswer, responses=ERRORS)
    def api_map(request: Request, actor: Actors = [], since: Since = None, until: Until = None,  # noqa: B006
                type: Types = [], quad_class: Quads = [], doc: Docs = [], q: Text = None,  # noqa: A002, B006
                min_sources: MinSources = 1, limit: Limit = query.MAX_LIMIT) -> JSONResponse:
        """Story events with coordinates, filtered like the timeline."""
        with reading(request) as store:
            points = query.map_points(store, _story_query(actor, since, until, type, quad_class, doc, q, min_sources,
                                                          limit, 0))
        return JSONResponse({"points": plain(points)})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, actor: Actors = [], since: Since = None, until: Until = None,  # noqa: B006
                 type: Types = [], quad_class: Quads = [], doc: Docs = [], q: Text = None,  # noqa: A002, B006
                 min_sources: MinSources = 1, limit: Limit = query.MAX_LIMIT) -> HTMLResponse:
        with reading(request) as store:
            points = query.map_points(store, _story_query(actor, since, until, type, quad_class, doc, q, min_sources,
                                                          limit, 0))
        return render(request, "map.html", points=points,
                      form={"actor": actor, "since": since or "", "until": until or "", "q": q or ""})

    @app.api_route("/{path:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(request: Request, path: str) -> Response:
        if request.method not in ("GET", "HEAD"):
            raise StorylineError(Errors.E606.format(method=request.method))
        raise StorylineError(Errors.E605.format(path="/" + path))
