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

from storyline.actors.kb import load_kb
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
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _region_nouns():
        root = root.head.head  # "in the Semdinli district of Hakkari", "in northern parts of Mali": where
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
        return national_region(token, page)
    best = min(pool, key=lambda p: (0 if _place_prep(p, page.doc) else 1, abs(p.start - token.idx)))
    return _location(best, page)


def national_region(token: Token, page: ReadPage) -> EventLocation | None:
    """A part of a country that no place name gives but a nationality or a country's possessive
    does, after "in/at/across..." on the trigger, the verb that governs it or that verb's object:
    "protests erupted in several Iranian cities", "killed six villagers in Peru's border areas"
    (``region_nouns``); the country only."""
    verb = token if token.pos_ == "VERB" else token.head if token.head.pos_ in {"VERB", "AUX"} else None
    heads = [token] + ([verb] if verb is not None and verb is not token else [])
    heads += [c for c in (verb.children if verb is not None else ()) if c.dep_ in {"dobj", "nsubjpass"}]
    kb = load_kb()
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for noun in (g for g in prep.children if g.dep_ == "pobj" and g.lower_ in _region_nouns()):
                for word in (c for c in noun.children if c.dep_ in {"amod", "compound", "poss"}):
                    country = kb.country_of(word.text)
                    if country is not None and country.code:
                        span = noun.doc[word.left_edge.i : noun.i + 1]
                        start, end = page.stored(span.start_char, span.end_char)
                        return EventLocation(text=span.text, country=country.code, lat=None, lon=None,
                                             start=start, end=end)
    return None


@functools.cache
def _region_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in read_json("mention_rules.json")["region_nouns"])


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
