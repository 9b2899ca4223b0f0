"""Where an event happened: a place attached to its trigger in its own clause, else the dateline.

A place after "in/at/near..." comes first, then another place in the trigger's adverbial and
coordinated clause that is not part of an actor's name; a country named as a modifier ("U.S.
supplies") says whose, not where. The page's dateline places its first body event when that has no
place of its own.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from storyline.events.participants import PageParticipants, adverbial_clause, coordinate_clause
from storyline.events.records import Event, EventLocation
from storyline.places._data import read_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.places import PlaceMention
    from storyline.read import ReadPage

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "from", "through", "within",
                         "bordering", "along"})


def _place_prep(place: PlaceMention, doc: object) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")  # type: ignore[attr-defined]
    if span is None:
        return False
    root = span.root
    while root.dep_ == "compound" and root.head.i > root.i and root.head.lower_ in _division_words():
        root = root.head  # "in Kaduna state", "in Helmand province": the division word heads the phrase
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


@functools.cache
def _division_words() -> frozenset[str]:
    """The generic words of division names ("state", "province", "district"; the gazetteer's affixes)."""
    return frozenset(w.lower() for w in read_json("name_affixes.json")["suffixes"] if " " not in w)


def event_location(token: Token, page: ReadPage, parts: PageParticipants, *,
                   after_prep: bool = False) -> EventLocation | None:
    """A place in the trigger's sentence ("in X" first) that is not part of an actor's name; with
    ``after_prep`` only a place after "in/at/near..." (not a modifier such as "US" in "US strikes")."""
    sent = token.sent
    clause = (adverbial_clause(token), coordinate_clause(token))
    pool = [p for p in parts.places_between(sent.start_char, sent.end_char) if not p.dateline
            and _place_in_clause(p, page.doc, parts, clause) and (not after_prep or _place_prep(p, page.doc))]
    if not pool:
        return None
    best = min(pool, key=lambda p: (0 if _place_prep(p, page.doc) else 1, abs(p.start - token.idx)))
    return _location(best, page)


def _place_in_clause(place: PlaceMention, doc: Doc, parts: PageParticipants, clause: tuple[int, int]) -> bool:
    """A place that is not part of an actor's name and sits in the trigger's own adverbial clause (or
    main clause) and coordinated clause: "the officers met a day after the ministers held talks in Oslo"
    places the talks only; "X shut the routes to Y, and it told Z to leave a base in W" places only the
    second act in W."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return True
    if any(parts.mention_at(t) for t in span) or (adverbial_clause(span.root), coordinate_clause(span.root)) != clause:
        return False
    if place.place.precision == "country" and span.root.dep_ in {"compound", "amod", "nmod"}:
        return False  # "U.S. military supplies", "Afghan border": whose, not where
    return not any(t.dep_ == "appos" for t in span.root.ancestors)  # "X, commander in Kabul, met Y"


def _location(place: PlaceMention, page: ReadPage) -> EventLocation:
    start, end = page.stored(place.start, place.end)
    return EventLocation(text=place.text, country=place.place.country, lat=place.place.lat, lon=place.place.lon,
                         start=start, end=end)


def with_dateline(events: list[Event], page: ReadPage) -> list[Event]:
    """The dateline place for the page's first body event, where it has no place of its own."""
    dateline = next((p for p in page.places if p.dateline), None)
    first = next((k for k, e in enumerate(events) if e.role == "body"), None)
    if dateline is None or first is None or events[first].location is not None:
        return events
    events = list(events)
    events[first] = replace(events[first], location=_location(dateline, page))
    return events
