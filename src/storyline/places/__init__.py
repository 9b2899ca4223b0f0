"""Places: resolve place names in article text with an offline gazetteer.

``resolve_place("Hyderabad", context_countries=("PAK",))`` gives Hyderabad, Pakistan, with its
country (ISO alpha-3), first-level region, coordinates, precision and GeoNames id;
``find_places(doc)`` finds the place mentions of a spaCy ``Doc`` (entities and datelines) with
exact character offsets. The gazetteer ships inside installed packages and ``storyline/data``;
nothing is downloaded.
"""

from storyline.places.mentions import dominant_place_country, find_places
from storyline.places.records import PRECISIONS, Place, PlaceMention, Precision
from storyline.places.resolve import resolve_place

__all__ = ["PRECISIONS", "Place", "PlaceMention", "Precision", "dominant_place_country", "find_places", "resolve_place"]
