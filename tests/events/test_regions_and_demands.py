"""Where a place name is missing but a nationality or a country's possessive places the act ("in
several Iranian cities", "in Peru's northern provinces"); a common noun the entity recogniser took
for a name still triggers; "told X to act" is a demand, "told X to leave" an expulsion."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "erupted": "Protests erupted in several Iranian cities after the death of a young woman.",
    "rallied": "Thousands rallied in Turkish cities against the war.",
    "villagers": "Gunmen killed six villagers in Peru's northern provinces.",
    "whose": "Farmers protested against Chilean imports in Lima.",
    "told_act": "The Turkish leader told Sweden to crack down on Kurdish groups.",
    "told_leave": "Rwanda told Burundian diplomats to leave within 48 hours.",
    "told_that": "The Chinese ambassador told reporters that Beijing would respond.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "code"), [("erupted", "IRN"), ("rallied", "TUR")])
def test_protests_in_a_nations_cities_are_there(events, name, code):
    found = factual(events[name], "PROTEST")
    assert found and found[0].actor_codes() == {code}, events[name]
    assert found[0].location is not None and found[0].location.country == code


def test_attackers_strike_where_a_possessive_places_the_act(events):
    found = factual(events["villagers"], "ASSAULT")
    assert found and found[0].actor_codes() == {"PER"}, events["villagers"]


def test_a_nationality_on_the_object_says_whose_not_where(events):
    found = factual(events["whose"], "PROTEST")
    assert found and found[0].location is not None and found[0].location.country == "PER"
    assert found[0].location.text == "Lima" and found[0].actor_codes() == {"PER"}


def test_telling_a_side_to_act_is_a_demand(events):
    found = factual(events["told_act"], "REQUEST")
    assert found and found[0].actor_codes() == {"TUR"} and found[0].recipient_codes() == {"SWE"}
    assert [e.type for e in factual(events["told_leave"])] == ["COERCE"]
    assert not factual(events["told_that"])


def test_an_agentless_conviction_is_by_the_persons_own_state_when_nothing_else_says():
    events = events_of({
        "sentenced": "A former Kenyan minister was sentenced to seven years in prison on Monday.",
        "guilty": "Two Egyptian activists were found guilty of spreading false news.",
        "abroad": "A former Kenyan minister was sentenced in Kampala to seven years in prison.",
    })
    for name, code in (("sentenced", "KEN"), ("guilty", "EGY")):
        found = factual(events[name], "SANCTION")
        assert found and found[0].actor_codes() == {code}, events[name]
    found = factual(events["abroad"], "SANCTION")
    assert found and found[0].actor_codes() == {"UGA"}, events["abroad"]


def test_barring_a_group_and_blocking_a_platform_are_coercion():
    events = events_of({
        "barred": "Six human rights groups have been barred from operating in Armenia.",
        "blocked": "Twitter was blocked in Turkey after the protests.",
        "no_way": "The ruling barred the way to a new vote in Chile.",
    })
    assert [e.actor_codes() for e in factual(events["barred"], "COERCE")] == [{"ARM"}], events["barred"]
    assert [e.mode for e in factual(events["blocked"], "COERCE")] == ["censor"], events["blocked"]
    assert not factual(events["no_way"], "COERCE")


@pytest.mark.parametrize(("sentence", "plover_type", "actor", "recipient"), [
    ("Venezuela nationalised the assets of a US oil company.", "COERCE", "VEN", "USA"),
    ("China restricted exports of rare earths to Japan.", "SANCTION", "CHN", "JPN"),
    ("The US added Chinese firms to its trade blacklist.", "SANCTION", "USA", "CHN"),
])
def test_seizures_export_curbs_and_blacklists(sentence, plover_type, actor, recipient):
    found = factual(events_of({"s": sentence})["s"], plover_type)
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}
