"""Flat rows for spreadsheets and peers: one row per event or per story event, with flat columns in the
spirit of the GDELT 2.0 event table and POLECAT (one actor and one recipient: the first of each side;
PLOVER type and mode; CAMEO root code; quad class; Goldstein score; date with its precision and
source; place; pages and sources; the source page's URL and outlet; the evidence sentence).

Filters go through the query layer (``storyline.query``): an actor (code, actor id or name), PLOVER
types, and a date range.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from storyline import query
from storyline.store.database import Store
from storyline.store.queries import event_contexts

SIDE_FIELDS = ("actor_name", "actor_code", "actor_country", "actor_sector",
               "recipient_name", "recipient_code", "recipient_country", "recipient_sector")
KIND_FIELDS = ("plover_type", "plover_mode", "cameo_root", "quad_class", "goldstein")
PLACE_FIELDS = ("place", "place_country", "lat", "lon")
FLAT_EVENT_FIELDS = ("event_id", "story_id", "doc_id", "date", "date_precision", "date_source", *SIDE_FIELDS,
                     *KIND_FIELDS, *PLACE_FIELDS, "pages", "sources", "source_url", "source_outlet", "evidence")
FLAT_STORY_FIELDS = ("story_id", "date", "date_precision", "date_source", *SIDE_FIELDS, *KIND_FIELDS,
                     *PLACE_FIELDS, "pages", "sources", "source_url", "source_outlet", "evidence")


def _side(prefix: str, name: str | None, code: str | None, country: str | None, sector: str | None) -> dict[str, Any]:
    return {f"{prefix}_name": name, f"{prefix}_code": code, f"{prefix}_country": country, f"{prefix}_sector": sector}


def _cameo_root(cameo: str | None) -> str | None:
    return cameo[:2] if cameo else None


def flat_event_rows(store: Store, *, actor: str | None = None, types: Sequence[str] = (), since: str | None = None,
                    until: str | None = None) -> Iterator[dict[str, Any]]:
    """One flat row per factual event, in date order (undated last). A bad filter raises here, before
    any row is made."""
    code = query.resolve_actor(store, actor) if actor else None
    events = query.events(store, types=types, actor=code, since=since, until=until)
    return _event_rows(events, event_contexts(store, [e.event_id for e in events]))


def _event_rows(events: Sequence[Any], contexts: dict[str, tuple]) -> Iterator[dict[str, Any]]:
    for e in events:
        story_id, inferred, pages, sources, url, outlet = contexts.get(e.event_id, (None,) * 6)
        first, second = (e.actors[0] if e.actors else None), (e.recipients[0] if e.recipients else None)
        loc = e.location
        yield {
            "event_id": e.event_id, "story_id": story_id, "doc_id": e.doc_id,
            "date": e.date or inferred, "date_precision": e.date_precision if e.date else ("day" if inferred else None),
            "date_source": "reported" if e.date else ("inferred" if inferred else None),
            **_side("actor", *_participant(first)), **_side("recipient", *_participant(second)),
            "plover_type": e.type, "plover_mode": e.mode, "cameo_root": _cameo_root(e.cameo),
            "quad_class": e.quad_class, "goldstein": e.goldstein,
            "place": loc.text if loc else None, "place_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
            "pages": pages or 1, "sources": sources or 1, "source_url": url, "source_outlet": outlet,
            "evidence": e.evidence.text,
        }


def _participant(p: Any) -> tuple[str | None, str | None, str | None, str | None]:
    if p is None:
        return None, None, None, None
    return p.name or p.text, p.actor_id or p.country, p.country, p.sector


def flat_story_rows(store: Store, *, actor: str | None = None, types: Sequence[str] = (), since: str | None = None,
                    until: str | None = None) -> Iterator[dict[str, Any]]:
    """One flat row per story event, in time order (undated last; left out by ``since``/``until``). A
    bad filter raises here, before any row is made."""
    asked = query.StoryQuery(actors=(actor,) if actor else (), types=tuple(types), since=since, until=until,
                             limit=query.MAX_LIMIT)
    return _story_rows(store, asked, query.stories(store, asked))


def _story_rows(store: Store, asked: query.StoryQuery, page: query.Page[query.StoryItem]) -> Iterator[dict[str, Any]]:
    from storyline.store.events import load_events_by_id

    offset = 0
    while True:
        canonical = {e.event_id: e for e in load_events_by_id(store, [s.canonical_event_id for s in page.items])}
        for s in page.items:
            yield _story_row(s, canonical.get(s.canonical_event_id))
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return
        page = query.stories(store, replace(asked, offset=offset))


def _story_row(s: query.StoryItem, event: Any) -> dict[str, Any]:
    first, second = (s.actors[0] if s.actors else None), (s.recipients[0] if s.recipients else None)
    source = next((r for r in s.reports if r.event_id == s.canonical_event_id), s.reports[0] if s.reports else None)
    return {
        "story_id": s.story_id, "date": s.when, "date_precision": s.date_precision, "date_source": s.date_source,
        **_side("actor", *(_story_side(first))), **_side("recipient", *(_story_side(second))),
        "plover_type": s.type, "plover_mode": event.mode if event else None,
        "cameo_root": _cameo_root(event.cameo) if event else None, "quad_class": s.quad_class, "goldstein": s.goldstein,
        "place": s.place.text if s.place else None, "place_country": s.place.country if s.place else None,
        "lat": s.place.lat if s.place else None, "lon": s.place.lon if s.place else None,
        "pages": s.pages, "sources": s.sources, "source_url": source.url if source else None,
        "source_outlet": source.outlet if source else None, "evidence": s.evidence,
    }


def _story_side(p: query.Side | None) -> tuple[str | None, str | None, str | None, str | None]:
    if p is None:
        return None, None, None, None
    return p.name, p.actor_id or p.country, p.country, p.sector
