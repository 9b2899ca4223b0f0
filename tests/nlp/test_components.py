"""Corrective components on sentences of our own making (other countries, other names)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.nlp import parse_articles

from .conftest import make_document


def ents(doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


def persons(doc) -> dict[str, str | None]:
    return {e.text: e._.title for e in doc.ents if e.label_ == "PERSON"}


def roles(doc) -> set[tuple[str, str, str]]:
    return {(r.person.text, r.role.text, r.kind) for r in doc._.role_phrases}


# possessives ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "place", "person"), [
    ("Kenya's Ruto met the delegation.", "Kenya", "Ruto"),
    ("Talks between Nigeria's Buhari and the rebels resumed.", "Nigeria", "Buhari"),
    ("Russia's Putin spoke by phone.", "Russia", "Putin"),
    ("Iran’s Raisi arrived in the capital.", "Iran", "Raisi"),
    ("Pak's Haqqani was questioned.", "Pak", "Haqqani"),
])
def test_possessive_place_and_person_are_split(nlp, text: str, place: str, person: str) -> None:
    found = ents(nlp(text))
    assert (place, "GPE") in found
    assert (person, "PERSON") in found


def test_possessive_place_name_stays_a_place(nlp) -> None:
    found = ents(nlp("Troops were sent to India's Kashmir and China's Xinjiang."))
    assert ("Kashmir", "PERSON") not in found and ("Xinjiang", "PERSON") not in found


def test_possessive_organisation_or_office_is_not_a_person(nlp) -> None:
    doc = nlp("Russia's Parliament and Kenya's President rejected the plan; India's BJP agreed.")
    assert not {p for p in persons(doc)} & {"Parliament", "President", "BJP"}


def test_possessive_of_a_non_place_is_left_alone(nlp) -> None:
    doc = nlp("the driver's Mercedes was stopped")
    assert ("Mercedes", "PERSON") not in ents(doc)


# titles and ranks -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "title"), [
    ("Gen. Okonkwo inspected the troops.", "Okonkwo", "Gen."),
    ("The talks were led by General Wazir.", "Wazir", "General"),
    ("Gen Yusuf Musa arrived in Kano.", "Yusuf Musa", "Gen"),
    ("Lt-Gen Karim Haddad spoke.", "Karim Haddad", "Lt-Gen"),
    ("Lt. Gen. Tomas Ruiz spoke.", "Tomas Ruiz", "Lt. Gen."),
    ("He met Brig. Ole Hansen in Oslo.", "Ole Hansen", "Brig."),
    ("Air Chief Marshal Raj Kumar retired.", "Raj Kumar", "Air Chief Marshal"),
    ("ACM Imran Qadir and the crew returned.", "Imran Qadir", "ACM"),
    ("Prime Minister Maria Lindqvist resigned.", "Maria Lindqvist", "Prime Minister"),
    ("Foreign Minister Wang Yi met reporters.", "Wang Yi", "Foreign Minister"),
    ("Army Chief General Tunde Bako visited the base.", "Tunde Bako", "Army Chief General"),
    ("Chief of Army Staff General Emeka Obi said so.", "Emeka Obi", "Chief of Army Staff General"),
    ("Dr Ayman al-Masri and Mr. Ibrahim al-Jaafari spoke.", "Ayman al-Masri", "Dr"),
])
def test_name_after_title_is_person_without_title(nlp, text: str, name: str, title: str) -> None:
    found = persons(nlp(text))
    assert found.get(name) == title, found
    assert not any(p.startswith(title.split()[0] + " ") for p in found)


def test_surname_tagged_as_nationality_after_title_becomes_person(nlp) -> None:
    doc = nlp("Gen Kurdi spoke with Col Afghani and Major Turki.")
    found = persons(doc)
    assert found.get("Kurdi") == "Gen" and found.get("Afghani") == "Col" and found.get("Turki") == "Major"
    assert not {e.text for e in doc.ents if e.label_ == "NORP"} & {"Kurdi", "Afghani", "Turki"}


def test_title_chars_point_at_the_title(nlp) -> None:
    doc = nlp("On Friday Rear Adm. Selin Kaya took command.")
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    start, end = person._.title_chars
    assert doc.text[start:end] == "Rear Adm." and person.text == "Selin Kaya"


@pytest.mark.parametrize("text", [
    "The UN General Assembly voted on Tuesday.",
    "General Motors shares rose.",
    "The President said nothing.",
    "A general strike shut the ports.",
    "Kenyan President Meets Chinese Counterpart",
])
def test_title_words_without_a_name_make_no_person(nlp, text: str) -> None:
    doc = nlp(text)
    assert not any(e._.title for e in doc.ents if e.label_ == "PERSON")
    assert ("Motors", "PERSON") not in ents(doc) and ("Assembly", "PERSON") not in ents(doc)


# role phrases -----------------------------------------------------------------------------------

def test_apposition_after_the_name_is_a_role(nlp) -> None:
    doc = nlp("Gen Yusuf Musa, the head of Nigeria's army, said the attack was repelled.")
    assert ("Yusuf Musa", "head of Nigeria's army", "appos") in roles(doc)


def test_apposition_with_capitalised_role(nlp) -> None:
    doc = nlp("He met General Pedro Alvarez, Commander of the Joint Task Force in Cartagena on Monday.")
    found = {(p, r) for p, r, _k in roles(doc)}
    assert ("Pedro Alvarez", "Commander of the Joint Task Force") in found or \
           ("Pedro Alvarez", "Commander of the Joint Task Force in Cartagena") in found


def test_comma_pattern_when_the_parse_misses_it(nlp) -> None:
    doc = nlp("Mr. Tariq Aziz, a spokesman for the interior ministry, denied the report.")
    found = {(p, r) for p, r, _k in roles(doc)}
    assert ("Tariq Aziz", "spokesman for the interior ministry") in found


def test_role_before_a_rank_is_recorded(nlp) -> None:
    doc = nlp("Africa Command chief Gen Daniel Okeke visited the base.")
    assert ("Daniel Okeke", "Africa Command chief", "pre_title") in roles(doc)


def test_office_title_is_a_role(nlp) -> None:
    doc = nlp("Army Chief General Tunde Bako met Defence Minister Ama Boateng.")
    found = roles(doc)
    assert ("Tunde Bako", "Army Chief", "title") in found
    assert ("Ama Boateng", "Defence Minister", "title") in found


def test_a_list_of_people_is_not_a_role(nlp) -> None:
    doc = nlp("The delegation included Maria Lopez, Juan Perez and Ana Gomez.")
    assert not any(r.role.text in {"Juan Perez", "Ana Gomez"} for r in doc._.role_phrases)


# line breaks and multiprocessing ---------------------------------------------------------------

def test_headline_line_is_its_own_sentence(nlp) -> None:
    doc = nlp("Rebels seize border town\nThe army said on Monday that rebels had taken the town.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Rebels seize border town"


def test_extensions_survive_two_processes(nlp) -> None:
    docs = [make_document([("headline", "Talks in Accra"), ("body", f"Gen Kwame Mensah, the head of Ghana's army, spoke on day {i}.")],
                          doc_id=f"d{i}") for i in range(4)]
    parsed = list(parse_articles(docs, nlp=nlp, n_process=2, batch_size=2))
    assert [p.document.doc_id for p in parsed] == ["d0", "d1", "d2", "d3"]
    for p in parsed:
        assert persons(p.doc).get("Kwame Mensah") == "Gen"
        assert ("Kwame Mensah", "head of Ghana's army", "appos") in roles(p.doc)


def test_role_stops_before_conjoined_people_and_dates(nlp) -> None:
    doc = nlp("They met Gen Pedro Alvarez, commander of the southern brigade, and Col Ana Ruiz, head of the air wing, on Tuesday.")
    found = {(p, r) for p, r, _k in roles(doc)}
    assert ("Pedro Alvarez", "commander of the southern brigade") in found
    assert not any("Ana Ruiz" in r or "Tuesday" in r for _p, r in found)


def test_comma_after_a_person_followed_by_another_person_is_not_a_role(nlp) -> None:
    doc = nlp("The visitors were Gen Omar Farouk, and General Lars Berg.")
    assert not any(r.person.text == "Omar Farouk" for r in doc._.role_phrases)


def test_role_after_the_name_ends_before_a_date(nlp) -> None:
    doc = nlp("Officials met Gen Pedro Alvarez, Commander of the Andean Task Force on Thursday.")
    role = next(r.role.text for r in doc._.role_phrases if r.person.text == "Pedro Alvarez")
    assert role == "Commander of the Andean Task Force"


def test_person_is_not_extended_over_organisation_words(nlp) -> None:
    doc = nlp("Chairman Joint Staff Committee Admiral Kofi Asante met the press.")
    assert ("Kofi Asante", "PERSON") in ents(doc)
    assert not any(p.startswith("Joint") for p in persons(doc))


def test_title_followed_by_an_organisation_word_leaves_no_person(nlp) -> None:
    doc = nlp("Chairman Joint Chiefs of Staff Committee Admiral Kofi Asante arrived.")
    assert not any(p.startswith(("Joint", "Chairman")) for p in persons(doc))


def test_possessive_bloc_stays_an_organisation(nlp) -> None:
    found = ents(nlp("NATO's Rutte warned the allies."))
    assert ("NATO", "ORG") in found and ("Rutte", "PERSON") in found


def test_closing_quote_is_not_a_possessive(nlp) -> None:
    words = ["‘", "We", "stand", "with", "Kenya", "’", "Ruto", "told", "the", "crowd"]
    pos = ["PUNCT", "PRON", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "DET", "NOUN"]
    ents_in = ["O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, pos=pos, ents=ents_in)
    assert ents(nlp.get_pipe("storyline_possessive_persons")(doc)) == {("Kenya", "GPE"), ("Ruto", "GPE")}
    doc = Doc(nlp.vocab, words=["Kenya", "'s", "Ruto", "spoke"], pos=["PROPN", "PART", "PROPN", "VERB"],
              ents=["B-GPE", "O", "B-GPE", "O"])
    assert ents(nlp.get_pipe("storyline_possessive_persons")(doc)) == {("Kenya", "GPE"), ("Ruto", "PERSON")}


@pytest.mark.parametrize("text", ["Major Western powers met in Rome.", "Private security firms were hired."])
def test_sentence_initial_title_word_before_a_common_phrase_is_no_title(nlp, text: str) -> None:
    assert not any(e._.title for e in nlp(text).ents)


def test_regnal_number_belongs_to_the_name(nlp) -> None:
    assert persons(nlp("Speaker Ana Ruiz met King Carlos III of Spain.")).get("Carlos III") == "King"
