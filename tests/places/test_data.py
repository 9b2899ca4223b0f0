"""The places data files parse and hold sane values."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from storyline.places import PRECISIONS
from storyline.places._data import read_json, read_tsv
from storyline.places.gazetteer import Gazetteer

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "storyline"
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def test_admin1_rows_parse_with_coordinates_in_range() -> None:
    rows = read_tsv("admin1.tsv")
    assert len(rows) > 3000
    for row in rows:
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), row
        assert row["name"].strip() == row["name"] != ""
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert int(row["population"]) >= 0 and int(row["cities"]) >= 1


def test_admin1_keys_are_unique() -> None:
    keys = [(r["country"], r["admin1code"]) for r in read_tsv("admin1.tsv")]
    assert len(keys) == len(set(keys))


def test_regions_cover_many_countries_with_valid_fields() -> None:
    rows = read_tsv("regions.tsv")
    countries = {r["country"] for r in rows if r["country"]}
    assert len(countries) >= 25
    for row in rows:
        assert row["precision"] in PRECISIONS, row
        assert (row["country"] == "") == (row["precision"] == "area"), row
        assert row["country"] == "" or row["country"] in ISO3, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert all(alias.strip() for alias in row["aliases"].split("|") if row["aliases"])


@pytest.mark.parametrize("name", ["country_aliases.tsv", "demonyms.tsv"])
def test_country_tables_use_iso3_codes(name: str) -> None:
    rows = read_tsv(name)
    assert rows
    assert all(r["country"] == "" or r["country"] in ISO3 for r in rows), name


def test_json_rules_have_their_lists() -> None:
    rules = read_json("mention_rules.json")
    for key in ("not_places", "organisation_heads", "agencies", "facility_heads", "locative_prepositions"):
        assert rules[key] and all(isinstance(w, str) and w for w in rules[key])
    affixes = read_json("name_affixes.json")
    assert {"prefixes", "suffixes", "directions"} <= affixes.keys()


def test_index_has_countries_regions_cities_and_continents(built: Gazetteer) -> None:
    kinds = {e.kind for e in built.entries}
    assert kinds == {"country", "continent", "area", "region", "city"}
    assert sum(e.kind == "country" for e in built.entries) >= 240
    assert sum(e.kind == "city" for e in built.entries) > 60_000


def test_share_of_cities_with_a_region_name(built: Gazetteer) -> None:
    cities = [e for e in built.entries if e.kind == "city"]
    share = sum(e.place.region is not None for e in cities) / len(cities)
    assert share > 0.9


BANNED = ("kayani", "kiyani", "mattis", "allen", "dunford", "salala", "shamsi", "gilani", "wynne")


def test_product_files_name_no_sample_page_people_or_places() -> None:
    paths = [*(PACKAGE / "places").glob("*.py"), *(PACKAGE / "data" / "places").iterdir()]
    for path in paths:
        text = path.read_text(encoding="utf-8").lower()
        found = [word for word in BANNED if re.search(rf"\b{word}\b", text)]
        assert not found, (path.name, found)
