"""Resolve a place name to one gazetteer :class:`Place`, using the page's countries to break ties.

The ranking cascade, applied to every entry whose name or alternate name matches:

1. a country name wins over any city of that name ("Lebanon" is the country even on a US page);
2. a first-level division that shares its name with a sizeable city of the same country gives way
   to the city ("Lagos", "Kabul", "New York" are cities, not their states or provinces);
3. the rest are ordered by: the rank of their country in ``context_countries`` (absent last),
   then salience (countries, continents, areas, divisions, capitals and cities of a million
   before other cities), then kind (country, continent/area, region, city), then own name before
   alternate name, then population.

So "Georgia" is the country unless the page's context puts the United States first, where it is
the US state; "Hyderabad" is the Indian city unless Pakistan comes first in the context.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from storyline.places.gazetteer import Entry, Hit, gazetteer
from storyline.places.normalize import bare_key, name_key, undirected_key
from storyline.places.records import Place

logger = logging.getLogger(__name__)

_KIND_RANK = {"country": 0, "continent": 1, "area": 1, "region": 2, "city": 3}
_BIG_CITY = 1_000_000  # cities this large are salient anywhere, like capitals
_NAMESAKE_CITY = 100_000  # a division gives way to a same-country city matched by alternate name this large


def lookup_keys(name: str) -> list[str]:
    """The keys tried for ``name``, in order: as written, without division words, without direction."""
    key = name_key(name)
    keys = [key, bare_key(key), undirected_key(key)]
    keys.append(bare_key(keys[-1]))
    return list(dict.fromkeys(k for k in keys if k))


def normalise_context(context_countries: Sequence[str]) -> tuple[str, ...]:
    """Context countries as upper-case ISO alpha-3 codes (alpha-2 codes are converted)."""
    countries = gazetteer().alpha3
    codes = (code.strip().upper() for code in context_countries)
    return tuple(dict.fromkeys(countries.get(code, code) for code in codes if code))


def _drop_namesake_divisions(hits: list[Hit]) -> list[Hit]:
    """Step 2: remove divisions that share their name with a city of the same country."""
    city_countries = {
        h.entry.place.country
        for h in hits
        if h.entry.kind == "city" and (not h.alternate or h.entry.population >= _NAMESAKE_CITY)
    }
    return [h for h in hits if not (h.entry.kind == "region" and h.entry.place.country in city_countries)]


def _salience(entry: Entry) -> int:
    if entry.kind != "city" or entry.capital or entry.population >= _BIG_CITY:
        return 0
    return 1


def best_hit(hits: list[Hit], context: tuple[str, ...]) -> Hit | None:
    """The winning hit under the ranking cascade (``None`` when ``hits`` is empty)."""
    # 1. a country name beats cities
    if any(h.entry.kind == "country" for h in hits):
        hits = [h for h in hits if h.entry.kind != "city"]
    # 2. divisions named after their city give way to it
    hits = _drop_namesake_divisions(hits)
    # 3. context, salience, kind, own name, population
    position = {code: rank for rank, code in enumerate(context)}

    def order(hit: Hit) -> tuple[int, int, int, bool, int]:
        entry = hit.entry
        rank = position.get(entry.place.country or "", len(context))
        return (rank, _salience(entry), _KIND_RANK[entry.kind], hit.alternate, -entry.population)

    return min(hits, key=order, default=None)


def resolve_place(name: str, *, context_countries: Sequence[str] = ()) -> Place | None:
    """Resolve a place name (any case, with or without diacritics or a possessive) to a :class:`Place`.

    ``context_countries`` are the ISO alpha-3 codes of the countries the page mentions, most
    frequent first; they decide between places of the same name. Returns ``None`` for names the
    gazetteer does not know.
    """
    index = gazetteer()
    context = normalise_context(context_countries)
    for key in lookup_keys(name):
        hit = best_hit(index.hits(key), context)
        if hit is not None:
            return hit.entry.place
    logger.debug("no place for %r", name)
    return None
