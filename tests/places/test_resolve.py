"""resolve_place: names of many countries, ambiguity by context then population, unknowns."""

from __future__ import annotations


import pytest

from storyline.places import Place, resolve_place
from storyline.places.gazetteer import Gazetteer


def where(name: str, *context: str) -> tuple[str | None, str]:
    place = resolve_place(name, context_countries=context)
    assert place is not None, name
    return place.country, place.precision


@pytest.mark.parametrize(
    ("name", "country", "precision"),
    [
        ("Lagos", "NGA", "city"),
        ("Kyiv", "UKR", "city"),
        ("Kiev", "UKR", "city"),
        ("Mosul", "IRQ", "city"),
        ("Seoul", "KOR", "city"),
        ("Kabul", "AFG", "city"),
        ("Bogotá", "COL", "city"),
        ("bogota", "COL", "city"),
        ("MOMBASA", "KEN", "city"),
        ("Bombay", "IND", "city"),
        ("Afghanistan", "AFG", "country"),
        ("Nigeria's", "NGA", "country"),
        ("the United States", "USA", "country"),
        ("U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("Ivory Coast", "CIV", "country"),
        ("Côte d'Ivoire", "CIV", "country"),
        ("Texas", "USA", "region"),
        ("Balochistan", "PAK", "region"),
        ("Sindh", "PAK", "region"),
        ("Bavaria", "DEU", "region"),
        ("Darfur", "SDN", "region"),
        ("Donbas", "UKR", "region"),
        ("Mindanao", "PHL", "region"),
        ("Tigray", "ETH", "region"),
        ("North Waziristan", "PAK", "region"),
        ("Kashmir", None, "area"),
        ("the Middle East", None, "area"),
        ("Sahel", None, "area"),
        ("Africa", None, "continent"),
        ("South America", None, "continent"),
    ],
)
def test_resolves_names_of_many_countries(name: str, country: str | None, precision: str) -> None:
    assert where(name) == (country, precision)


def test_place_carries_region_coordinates_and_geonames_id() -> None:
    place = resolve_place("Mombasa")
    assert isinstance(place, Place)
    assert place.name == "Mombasa" and place.region is not None
    assert place.lat == pytest.approx(-4.05, abs=0.1) and place.lon == pytest.approx(39.66, abs=0.1)
    assert place.geonames_id is not None


def test_country_coordinates_fall_inside_the_country() -> None:
    chile = resolve_place("Chile")
    assert chile is not None and chile.lat is not None and chile.lon is not None
    assert -56 < chile.lat < -17 and -76 < chile.lon < -66


def test_alternate_name_gives_canonical_name() -> None:
    place = resolve_place("Kiev")
    assert place is not None and place.name == "Kyiv"


@pytest.mark.parametrize(("context", "country"), [(("PAK",), "PAK"), (("IND",), "IND"), (("PK",), "PAK"), ((), "IND")])
def test_hyderabad_follows_the_page_context_then_population(context: tuple[str, ...], country: str) -> None:
    assert where("Hyderabad", *context)[0] == country


def test_context_order_breaks_ties_between_context_countries() -> None:
    assert where("Hyderabad", "PAK", "IND")[0] == "PAK"
    assert where("Hyderabad", "IND", "PAK")[0] == "IND"


def test_paris_without_context_is_france() -> None:
    place = resolve_place("Paris")
    assert place is not None and place.country == "FRA" and place.region == "Ile-de-France"


def test_springfield_is_the_most_populous_us_springfield() -> None:
    place = resolve_place("Springfield")
    assert place is not None and place.country == "USA" and place.precision == "city"
    assert place.region == "Missouri"


def test_georgia_is_the_country_unless_the_page_is_american() -> None:
    assert where("Georgia") == ("GEO", "country")
    assert where("Georgia", "USA") == ("USA", "region")
    assert where("Georgia", "GEO", "USA") == ("GEO", "country")


def test_a_country_name_beats_a_town_of_the_context_country() -> None:
    assert where("Lebanon", "USA") == ("LBN", "country")


def test_a_small_town_of_the_context_country_beats_a_foreign_city() -> None:
    assert where("Victoria", "CAN") == ("CAN", "city")
    assert where("Odessa", "USA") == ("USA", "city")


def test_a_salient_city_beats_a_town_when_both_countries_are_in_context() -> None:
    assert where("Odessa", "USA", "UKR") == ("UKR", "city")


def test_a_division_gives_way_to_its_namesake_city_unless_named_as_division() -> None:
    assert where("Lagos") == ("NGA", "city")
    assert where("Lagos State") == ("NGA", "region")
    assert where("New York") == ("USA", "city")
    assert where("Kandahar province") == ("AFG", "region")


def test_division_word_and_direction_fallbacks() -> None:
    assert where("Basra Governorate") == ("IRQ", "region")
    assert where("northern Lebanon") == ("LBN", "country")
    assert where("eastern Congo")[1] == "country"


def test_regions_shared_by_countries_follow_context() -> None:
    assert where("Punjab", "IND") == ("IND", "region")
    assert where("Punjab", "PAK") == ("PAK", "region")
    assert where("Kashmir", "IND") == ("IND", "region")


@pytest.mark.parametrize("name", ["Xyzzyville", "", "   ", "the tribal region", "Москва", "Zzz'"])
def test_unknown_names_give_none(name: str) -> None:
    assert resolve_place(name) is None


def test_own_names_only_ignores_translated_alternates() -> None:
    assert where("White House")[0] == "MAR"  # an alternate name of Casablanca
    place = resolve_place("White House", own_names_only=True)
    assert place is None or place.country != "MAR"


def test_qualified_names_resolve_inside_their_qualifier() -> None:
    texas = resolve_place("Paris, Texas")
    assert texas is not None and (texas.country, texas.region) == ("USA", "Texas")
    illinois = resolve_place("Springfield, Illinois")
    assert illinois is not None and illinois.region == "Illinois"
    assert where("Tema, Ghana") == ("GHA", "city")
    assert where("Blorpton, Ghana") == ("GHA", "country")


def test_a_leading_preposition_is_dropped() -> None:
    assert where("near Accra") == ("GHA", "city")
