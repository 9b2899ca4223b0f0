"""The records the places stage returns: a resolved :class:`Place` and a :class:`PlaceMention`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Precision = Literal["city", "region", "country", "continent", "area"]
PRECISIONS: tuple[Precision, ...] = ("city", "region", "country", "continent", "area")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place resolved in the gazetteer.

    ``country`` is ISO 3166-1 alpha-3 (``None`` for continents and multi-country areas);
    ``region`` is the first-level administrative division the place lies in, or is, where known;
    ``lat``/``lon`` are approximate for regions, countries and areas (a centre, not a boundary);
    ``geonames_id`` is the GeoNames id where the gazetteer has one.
    """

    name: str
    country: str | None
    region: str | None
    lat: float | None
    lon: float | None
    precision: Precision
    geonames_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A place name in a text: ``text == doc_text[start:end]``; ``dateline`` marks a dateline prefix."""

    text: str
    start: int
    end: int
    place: Place
    dateline: bool = False
