"""Storing events, their participants and quotes; reading them back as records and export rows.

A participant's canonical actor id is filled in when actors are relinked across pages; where the
page itself gave no country or sector, the canonical actor's is used (``resolved_*`` columns of
``event_sides``), so an actor named plainly on one page is coded as other pages describe it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from storyline.events.records import Event, EventLocation, EventParticipant, Evidence, Quote
from storyline.store.database import Store, insert_rows

EVENT_TABLES = ("events", "event_participants", "event_evidence", "quotes")

_SIDES_SQL = """
    SELECT p.event_id, p.side, p.seq, p.text, p.name, p.kind, p.local_entity, p.actor_id,
           coalesce(p.country, a.country) AS country, coalesce(p.sector, a.sector) AS sector, p.affiliation,
           p.start_offset, p.end_offset, p.rule
    FROM event_participants p LEFT JOIN actors a USING (actor_id)
"""


def delete_events(store: Store, doc_id: str) -> None:
    delete_page_events(store, [doc_id])


def delete_page_events(store: Store, doc_ids: Sequence[str]) -> None:
    """Delete the events and quotes of these pages (inside the caller's transaction)."""
    for table in EVENT_TABLES:
        store.con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [list(doc_ids)])  # noqa: S608


def insert_events(store: Store, *, doc_id: str, version: int, events: Sequence[Event], quotes: Sequence[Quote]) -> None:
    """Insert one page's events and quotes (inside the caller's transaction)."""
    insert_page_events(store, [(doc_id, version, events, quotes)])


def insert_page_events(store: Store, pages: Sequence[tuple[str, int, Sequence[Event], Sequence[Quote]]]) -> None:
    """Insert the events and quotes of pages ``(doc_id, version, events, quotes)``, a few statements for all."""
    insert_rows(store.con, "events", [_event_values(e, version) for _, version, events, _ in pages for e in events])
    sides = [[e.event_id, doc_id, side, seq, *_side_values(p)]
             for doc_id, _, events, _ in pages for e in events
             for side, group in (("actor", e.actors), ("recipient", e.recipients))
             for seq, p in enumerate(group)]
    insert_rows(store.con, "event_participants", sides)
    spans = [[e.event_id, doc_id, seq, s.text, s.start, s.end]
             for doc_id, _, events, _ in pages for e in events for seq, s in enumerate(e.evidence_spans)]
    insert_rows(store.con, "event_evidence", spans)
    quote_rows = [[doc_id, version, q.start, q.end, q.text, q.direct, *_speaker_values(q.speaker)]
                  for doc_id, version, _, quotes in pages for q in quotes]
    insert_rows(store.con, "quotes", quote_rows)


def _event_values(e: Event, version: int) -> list[Any]:
    loc, date_text, quote = e.location, e.date_text, e.quote
    return [
        e.event_id, e.doc_id, version, e.type, e.mode, list(e.contexts), e.date, e.date_precision,
        date_text.text if date_text else None, date_text.start if date_text else None, date_text.end if date_text else None,
        loc.text if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        e.negated, e.hypothetical, e.evidence.text, e.evidence.start, e.evidence.end,
        e.trigger.text, e.trigger.start, e.trigger.end, e.confidence,
        quote.text if quote else None, _speaker_name(quote.speaker) if quote else None,
        e.cameo, e.quad_class, e.goldstein, e.symmetric, list(e.cues),
    ]


def _side_values(p: EventParticipant) -> list[Any]:
    return [p.text, p.name, p.kind, p.local_entity, p.actor_id, p.country, p.sector, p.affiliation, p.start, p.end, p.rule]


def _speaker_name(p: EventParticipant | None) -> str | None:
    return (p.name or p.text) if p else None


def _speaker_values(p: EventParticipant | None) -> list[Any]:
    if p is None:
        return [None] * 5
    return [p.text, p.name, p.local_entity, p.actor_id, p.country]


def relink_event_actors(store: Store) -> None:
    """Copy canonical actor ids from the temporary ``_assign`` table onto event sides and quote speakers."""
    store.con.execute(
        "UPDATE event_participants p SET actor_id = a.actor_id FROM _assign a "
        "WHERE p.doc_id = a.doc_id AND p.local_entity = a.local_entity"
    )
    store.con.execute(
        "UPDATE quotes q SET speaker_actor_id = a.actor_id FROM _assign a "
        "WHERE q.doc_id = a.doc_id AND q.speaker_local_entity = a.local_entity"
    )


_EVENT_SQL = (
    "SELECT event_id, doc_id, type, mode, contexts, date, date_precision, date_text, date_start, date_end, "
    "location_text, location_country, location_lat, location_lon, negated, hypothetical, evidence_text, "
    "evidence_start, evidence_end, trigger_text, trigger_start, trigger_end, confidence, quote_text, quote_speaker, "
    "cameo, quad_class, goldstein, is_symmetric, cues FROM events"
)


def _participants(store: Store, where: str = "", params: list[Any] | None = None) -> dict[str, dict[str, list[EventParticipant]]]:
    sides: dict[str, dict[str, list[EventParticipant]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for r in store.con.execute(_SIDES_SQL + where + " ORDER BY p.event_id, p.side, p.seq", params or []).fetchall():
        sides[r[0]][r[1]].append(EventParticipant(
            text=r[3], name=r[4], kind=r[5], local_entity=r[6], actor_id=r[7], country=r[8], sector=r[9],
            affiliation=r[10], start=r[11], end=r[12], rule=r[13]))
    return sides


def _repeats(store: Store, where: str = "", params: list[Any] | None = None) -> dict[str, tuple[Evidence, ...]]:
    """Event id → the evidence sentences of its merged repeats (all its spans but the kept one)."""
    spans: dict[str, list[Evidence]] = defaultdict(list)
    rows = store.con.execute("SELECT event_id, text, start_offset, end_offset FROM event_evidence WHERE seq > 0"
                             + where + " ORDER BY event_id, seq", params or []).fetchall()
    for r in rows:
        spans[r[0]].append(Evidence(text=r[1], start=r[2], end=r[3]))
    return {k: tuple(v) for k, v in spans.items()}


def load_events(store: Store) -> dict[str, list[Event]]:
    """Every stored event as a record (canonical countries filled in), by document id, in text order."""
    sides = _participants(store)
    repeats = _repeats(store)
    events: dict[str, list[Event]] = defaultdict(list)
    for r in store.con.execute(_EVENT_SQL + " ORDER BY doc_id, evidence_start, trigger_start").fetchall():
        events[r[1]].append(_event(r, sides[r[0]], repeats.get(r[0], ())))
    return dict(events)


def load_events_by_id(store: Store, event_ids: Iterable[str]) -> list[Event]:
    """The stored events with these ids (canonical countries filled in), in id order."""
    ids = sorted(set(event_ids))
    if not ids:
        return []
    sides = _participants(store, " WHERE p.event_id IN (SELECT unnest(?))", [ids])
    repeats = _repeats(store, " AND event_id IN (SELECT unnest(?))", [ids])
    rows = store.con.execute(_EVENT_SQL + " WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id", [ids]).fetchall()
    return [_event(r, sides[r[0]], repeats.get(r[0], ())) for r in rows]


def _event(r: tuple, sides: dict[str, list[EventParticipant]], repeats: tuple[Evidence, ...] = ()) -> Event:
    date_text = Evidence(text=r[7], start=r[8], end=r[9]) if r[7] is not None else None
    location = EventLocation(text=r[10], country=r[11], lat=r[12], lon=r[13]) if r[10] is not None else None
    # the events table keeps the quote's words and speaker; its span is the evidence sentence's
    quote = Quote(text=r[23], speaker=None, start=r[17], end=r[18]) if r[23] is not None else None
    return Event(
        event_id=r[0], doc_id=r[1], type=r[2], mode=r[3], contexts=tuple(r[4] or ()), date=r[5], date_precision=r[6],
        date_text=date_text, location=location, negated=r[14], hypothetical=r[15],
        evidence=Evidence(text=r[16], start=r[17], end=r[18]), trigger=Evidence(text=r[19], start=r[20], end=r[21]),
        confidence=r[22], quote=quote, cameo=r[25], quad_class=r[26], goldstein=r[27], symmetric=r[28],
        cues=tuple(r[29] or ()),
        actors=tuple(sides["actor"]), recipients=tuple(sides["recipient"]), repeats=repeats,
    )


def event_rows(store: Store, events: Iterable[Event] | None = None, *, speakers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Export rows of every stored event (the `storyline export events` contract)."""
    quote_speakers = speakers if speakers is not None else _quote_speakers(store)
    chosen = events if events is not None else (e for evs in load_events(store).values() for e in evs)
    return [event_row(e, quote_speakers.get(e.event_id)) for e in chosen]


def _quote_speakers(store: Store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.con.execute(
        "SELECT event_id, quote_speaker FROM events WHERE quote_text IS NOT NULL").fetchall()}


def _side(p: EventParticipant) -> dict[str, Any]:
    return {"text": p.text, "name": p.name, "actor_id": p.actor_id, "country": p.country, "sector": p.sector,
            "affiliation": p.affiliation, "start": p.start, "end": p.end, "rule": p.rule}


def event_row(e: Event, speaker: str | None = None) -> dict[str, Any]:
    loc = e.location
    return {
        "event_id": e.event_id, "doc_id": e.doc_id, "type": e.type, "mode": e.mode, "contexts": list(e.contexts),
        "actors": [_side(p) for p in e.actors], "recipients": [_side(p) for p in e.recipients],
        "date": e.date, "date_precision": e.date_precision,
        "location": {"text": loc.text, "country": loc.country, "lat": loc.lat, "lon": loc.lon} if loc else None,
        "negated": e.negated, "hypothetical": e.hypothetical, "modality": list(e.cues),
        "evidence": {"text": e.evidence.text, "start": e.evidence.start, "end": e.evidence.end},
        "evidence_spans": [{"text": s.text, "start": s.start, "end": s.end} for s in e.evidence_spans],
        "trigger": {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end},
        "quote": {"text": e.quote.text, "speaker": speaker} if e.quote else None,
        "confidence": round(e.confidence, 3), "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
    }
