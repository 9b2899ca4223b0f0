"""Protesters, strikers or rioters that no words tie to a country protest where they are ("thousands
demonstrated in Santiago", "riots broke out across Kenya"); a named state keeps its own country."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "crowd": "Thousands of people demonstrated in Santiago against the pension reform.",
    "riots": "Riots broke out across Kenya after the election.",
    "students": "Students marched in Dhaka on Tuesday against the new fees.",
    "foreign": "French farmers protested in Brussels against the trade deal.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,country", [("crowd", "CHL"), ("riots", "KEN"), ("students", "BGD")])
def test_unplaced_protesters_take_the_country_of_the_protest(events, name, country):
    found = factual(events[name], "PROTEST")
    assert found and found[0].actor_codes() == {country}, events[name]


def test_protesters_with_a_nationality_keep_it(events):
    found = factual(events["foreign"], "PROTEST")
    assert found and found[0].actor_codes() == {"FRA"}, events["foreign"]


@pytest.mark.parametrize("sentence,actor,recipient", [
    ("Demonstrators in Lahore burned effigies of the Indian prime minister on Friday.", "PAK", "IND"),
    ("Students torched a French flag in Bamako.", "MLI", "FRA"),
])
def test_a_flag_or_an_effigy_burned_is_a_protest_against_its_owner(sentence, actor, recipient):
    found = factual(events_of({"s": sentence})["s"], "PROTEST")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, found
    assert not factual(events_of({"s": "Rioters burned cars and shops in Lagos."})["s"], "PROTEST")
