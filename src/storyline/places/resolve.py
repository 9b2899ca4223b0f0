"""Resolve a place name to one gazetteer :class:`Place`, using the page's countries to break ties.

The ranking cascade, applied to every entry whose name or alternate name matches:

1. a country name wins over any city of that name ("Lebanon" is the country even on a US page);
2. a first-level division from the gazetteer gives way to a city of the same name that lies in
   it, near its centre or is the national capital ("Lagos", "Kabul", "New York", "Washington" are
   cities, not their states or provinces);
3. the rest are ordered by: whether their country is in ``context_countries`` (in first), then
   salience (countries, continents, areas, regions, capitals and cities of 250,000 or more before
   other cities), then the rank of their country in the context, then kind (country; continent or
   area; region or city), then own name before alternate name, then population.

So "Georgia" is the country unless the context has the United States (and not Georgia, or ranks
it after the US), where it is the US state; "Hyderabad" is the Indian city unless Pakistan comes
first in the context; "Cairo" on a page that mentions both Egypt and the US is still Egypt's
capital, while a small town of a context country beats a big city elsewhere.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.places._data import read_json
from storyline.places.gazetteer import Entry, Hit, Kind, gazetteer
from storyline.places.normalize import name_key, split_affix, undirected_key
from storyline.places.records import Place

logger = logging.getLogger(__name__)

_KIND_RANK = {"country": 0, "continent": 1, "area": 1, "region": 2, "city": 2}
_SALIENT_CITY = 250_000  # cities this large compete with regions anywhere, like capitals
_NAMESAKE_CITY = 100_000  # a division gives way to a same-country city matched by alternate name this large
_NAMESAKE_KM = 150.0  # a city this close to a division's centre counts as inside it
_EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True, kw_only=True)
class _Lookup:
    """One key to try; ``prefer`` restricts hits to a kind when the name said which ("X province")."""

    key: str
    prefer: Kind | None = None


def _lookups(name: str) -> list[_Lookup]:
    """Keys tried for ``name``, in order: as written, without division word, without direction word."""
    lookups = []
    for key in dict.fromkeys((name_key(name), undirected_key(name_key(name)))):
        lookups.append(_Lookup(key=key))
        bare, suffix = split_affix(key)
        if bare != key:
            lookups.append(_Lookup(key=bare, prefer="city" if suffix == "city" else "region"))
    return [lookup for lookup in lookups if lookup.key]


def lookup_keys(name: str) -> list[str]:
    """The keys tried for ``name``, in order."""
    return [lookup.key for lookup in _lookups(name)]


def normalise_context(context_countries: Sequence[str]) -> tuple[str, ...]:
    """Context countries as upper-case ISO alpha-3 codes (alpha-2 codes are converted)."""
    countries = gazetteer().alpha3
    codes = (code.strip().upper() for code in context_countries)
    return tuple(dict.fromkeys(countries.get(code, code) for code in codes if code))


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres (infinite when a coordinate is missing)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def _names_division(city: Hit, division: Entry) -> bool:
    """True when ``city`` is the namesake of ``division``: same country, and in it, near it or the capital."""
    place, area = city.entry.place, division.place
    if city.entry.kind != "city" or place.country != area.country:
        return False
    if city.alternate and city.entry.population < _NAMESAKE_CITY:
        return False
    inside = place.region is not None and name_key(place.region) == name_key(area.name)
    return inside or city.entry.capital or _km(place, area) <= _NAMESAKE_KM


def _drop_namesake_divisions(hits: list[Hit]) -> list[Hit]:
    """Step 2: remove gazetteer divisions that share their name with their own city."""
    return [
        h
        for h in hits
        if not (h.entry.kind == "region" and h.entry.divisional and any(_names_division(c, h.entry) for c in hits))
    ]


def _salience(entry: Entry) -> int:
    if entry.kind != "city" or entry.capital or entry.population >= _SALIENT_CITY:
        return 0
    return 1


def best_hit(hits: list[Hit], context: tuple[str, ...], *, namesakes: bool = True) -> Hit | None:
    """The winning hit under the ranking cascade (``None`` when ``hits`` is empty).

    ``namesakes=False`` skips step 2, for names that said they mean the division ("Lagos State").
    """
    # 1. a country name beats cities
    if any(h.entry.kind == "country" for h in hits):
        hits = [h for h in hits if h.entry.kind != "city"]
    # 2. divisions named after their city give way to it
    if namesakes:
        hits = _drop_namesake_divisions(hits)
    # 3. in context, salience, context rank, kind, own name, population
    return min(hits, key=functools.partial(_order, position={code: n for n, code in enumerate(context)}), default=None)


def _order(hit: Hit, *, position: dict[str, int]) -> tuple[bool, int, int, int, bool, int]:
    entry = hit.entry
    rank = position.get(entry.place.country or "", len(position))
    return (rank == len(position), _salience(entry), rank, _KIND_RANK[entry.kind], hit.alternate, -entry.population)


def resolve_place(
    name: str, *, context_countries: Sequence[str] = (), own_names_only: bool = False
) -> Place | None:
    """Resolve a place name (any case, with or without diacritics or a possessive) to a :class:`Place`.

    ``context_countries`` are the ISO alpha-3 codes of the countries the page mentions, most
    frequent first; they decide between places of the same name. A qualified name
    (``"Paris, Texas"``, ``"Tema, Ghana"``) is resolved inside its qualifier's country, or as the
    qualifier when the first part is unknown; a leading preposition (``"near Accra"``) is dropped.
    Returns ``None`` for names the gazetteer does not know. ``own_names_only`` ignores alternate
    names (for doubtful mentions: "White House" is an alternate name of Casablanca).
    """
    context = normalise_context(context_countries)
    place = _resolve_key_variants(name, context, own_names_only=own_names_only)
    if place is None and "," in name:
        place = _resolve_qualified(name, context, own_names_only=own_names_only)
    if place is None:
        logger.debug("no place for %r", name)
    return place


def _resolve_key_variants(name: str, context: tuple[str, ...], *, own_names_only: bool) -> Place | None:
    index = gazetteer()
    for lookup in _lookups(_without_preposition(name)):
        hits = index.hits(lookup.key)
        if own_names_only:
            hits = [h for h in hits if not h.alternate]
        preferred = [h for h in hits if h.entry.kind == lookup.prefer]
        hit = best_hit(preferred or hits, context, namesakes=not preferred)
        if hit is not None:
            return hit.entry.place
    return None


def _resolve_qualified(name: str, context: tuple[str, ...], *, own_names_only: bool) -> Place | None:
    """``"A, B"``: A inside B (its country, and its region when B is one), else B itself."""
    head, _, qualifier = name.rpartition(",")
    outer = resolve_place(qualifier, context_countries=context, own_names_only=own_names_only)
    if outer is None or outer.country is None:
        return outer
    for lookup in _lookups(_without_preposition(head)):
        hits = [h for h in gazetteer().hits(lookup.key) if _inside(h.entry.place, outer)]
        hit = best_hit([h for h in hits if not (own_names_only and h.alternate)], (outer.country, *context))
        if hit is not None:
            return hit.entry.place
    return outer


def _inside(place: Place, outer: Place) -> bool:
    if place.country != outer.country or place is outer:
        return False
    return outer.precision != "region" or outer.region is None or place.region == outer.region


@functools.cache
def _prepositions() -> frozenset[str]:
    return frozenset(w.lower() for w in read_json("mention_rules.json")["locative_prepositions"])


def _without_preposition(name: str) -> str:
    first, _, rest = name.strip().partition(" ")
    return rest if rest and first.lower() in _prepositions() else name
