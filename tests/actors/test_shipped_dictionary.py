"""The shipped actor dictionary (compiled from the PETRARCH2/Phoenix dictionaries) codes people the
text names without a country, with no option, and a user's dictionary comes first."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from storyline.actors.petrarch import (
    ActorDictionary,
    parse_actor_dictionary,
    read_compiled,
    shipped_dictionary,
    write_compiled,
)
from storyline.actors.resolve import resolve_page
from storyline.nlp.pipeline import load_pipeline


def test_shipped_dictionary_loads_with_date_bounded_roles():
    d = shipped_dictionary()
    assert len(d) > 20000
    assert d.lookup("Angela Merkel", date(2012, 5, 1))[1] == "DEUGOV"
    assert d.lookup("Goodluck Jonathan", date(2012, 5, 1))[1] == "NGAGOV"
    assert d.lookup("Barack Obama", date(1990, 1, 1))[1] == "USAELI"
    assert d.lookup("Barack Obama", date(2012, 1, 1))[1] == "USAGOV"
    assert d.lookup("Nobody Inparticular Zzyzx") is None


def test_compiled_form_round_trips(tmp_path):
    actors = parse_actor_dictionary([
        "JANE_ROE_ [ABCGOV 100101-121231] [ABCELI >130101]\n", "+MS_ROE\n", "ACME_ [ABCBUS]\n"])
    path = tmp_path / "d.tsv.gz"
    assert write_compiled(actors, path) == 2
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        again = read_compiled(handle)
    assert again == actors


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _countries(nlp, text: str, *, published: date, dictionary: ActorDictionary | None = None) -> dict[str, str | None]:
    page = resolve_page("t", nlp(text), to_stored=lambda k: k, published=published, dictionary=dictionary)
    return {e.name: e.country for e in page.entities}


@pytest.mark.parametrize("name,country", [("Angela Merkel", "DEU"), ("Nouri al-Maliki", "IRQ"), ("Goodluck Jonathan", "NGA")])
def test_a_person_named_without_country_gets_it_by_default(nlp, name: str, country: str):
    found = _countries(nlp, f"{name} spoke to reporters on Tuesday about the budget.", published=date(2012, 6, 5))
    assert country in found.values(), found


def test_a_user_dictionary_comes_first(nlp):
    mine = ActorDictionary.build(parse_actor_dictionary(["ANGELA_MERKEL_ [AUTGOV]\n"], source="mine.txt"))
    from storyline.actors.petrarch import merge_dictionaries

    found = _countries(nlp, "Angela Merkel spoke to reporters on Tuesday about the budget.", published=date(2012, 6, 5),
                       dictionary=merge_dictionaries(mine, shipped_dictionary()))
    assert found.get("Angela Merkel") == "AUT"


def test_an_empty_dictionary_turns_the_default_off(nlp):
    found = _countries(nlp, "Goodluck Jonathan spoke to reporters on Tuesday about the budget.",
                       published=date(2012, 6, 5), dictionary=ActorDictionary.build([]))
    assert found.get("Goodluck Jonathan") is None


def test_an_ambiguous_demonym_on_an_office_is_a_nationality(nlp):
    found = _countries(nlp, "The Georgian president met the Indian army chief on Monday.", published=date(2012, 6, 5))
    assert {"GEO", "IND"} <= set(found.values()), found
    plain = _countries(nlp, "The restored Georgian townhouse was sold on Monday.", published=date(2012, 6, 5))
    assert "GEO" not in plain.values(), plain


def test_a_former_office_holder_keeps_the_state_of_all_his_roles():
    d = ActorDictionary.build(parse_actor_dictionary([
        "JANE_ROE_ [ABCGOV 100101-121231]\n", "JOHN_DOE_ [ABCGOV 100101-121231] [DEFGOV 130101-141231]\n"]))
    assert d.lookup("Jane Roe", date(2020, 1, 1))[1] == "ABC"
    assert d.lookup("John Doe", date(2020, 1, 1)) is None  # served two states: none is his for sure


def test_a_surname_alone_names_the_few_people_of_one_state_who_bear_it():
    d = ActorDictionary.build(parse_actor_dictionary([
        "JANE_ROE_ [ABCGOV >100101]\n", "PAUL_ROE_ [ABCMIL]\n",
        "ANN_SMITHSON_ [ABCGOV]\n", "BOB_SMITHSON_ [DEFGOV]\n",
        "A_LEE_ [ABCGOV]\n"]))
    assert d.lookup_surname("Roe", date(2012, 1, 1)) is None  # three letters: too short to trust
    assert d.lookup("Roe") is None
    d = ActorDictionary.build(parse_actor_dictionary([
        "JANE_ROEBUCK_ [ABCGOV >100101]\n", "PAUL_ROEBUCK_ [ABCMIL]\n",
        "ANN_SMITHSON_ [ABCGOV]\n", "BOB_SMITHSON_ [DEFGOV]\n"]))
    actor, code = d.lookup_surname("Roebuck", date(2012, 1, 1))
    assert code == "ABCGOV" and actor.names[0] == "JANE_ROEBUCK"
    assert d.lookup_surname("Smithson") is None  # two states bear it
    assert d.lookup_surname("Jane Roebuck") is None  # not a surname


def test_surnames_of_known_leaders_resolve_in_text():
    from tests.events.sentence_events import events_of

    found = events_of({"talks": "Prime Minister Modi held talks with President Biden in Washington."})["talks"]
    consult = [e for e in found if e.factual and e.type == "CONSULT"]
    assert consult and {*consult[0].actor_codes(), *consult[0].recipient_codes()} == {"IND", "USA"}
