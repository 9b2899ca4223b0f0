"""Lookup keys ignore case, diacritics, punctuation, possessives and a leading article."""

from __future__ import annotations

import pytest

from storyline.places.normalize import bare_key, is_latin, name_key, split_affix, strip_possessive, undirected_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nigeria's", "nigeria"),
        ("Nigeria’s", "nigeria"),
        ("  LAGOS ", "lagos"),
        ("Kyïv", "kyiv"),
        ("Łódź", "lodz"),
        ("São Paulo", "sao paulo"),
        ("Straße", "strasse"),
        ("U.S.", "us"),
        ("the Punjab", "punjab"),
        ("Baden-Württemberg", "baden wurttemberg"),
        ("Trinidad & Tobago", "trinidad and tobago"),
        ("Москва", ""),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


def test_possessive_of_plural_and_non_possessive_names() -> None:
    assert strip_possessive("the Philippines'") == "the Philippines"
    assert strip_possessive("Swansea") == "Swansea"


def test_is_latin() -> None:
    assert is_latin("Zürich") and is_latin("Hà Nội")
    assert not is_latin("Киев") and not is_latin("北京")


def test_division_words_and_directions_are_split_off() -> None:
    assert split_affix("basra governorate") == ("basra", "governorate")
    assert bare_key("muhafazat kirkuk") == "kirkuk"
    assert bare_key("province") == "province"
    assert undirected_key("southern lebanon") == "lebanon"
    assert undirected_key("north korea") == "korea"
