"""Forces deployed or mobilised in the passive with no agent are moved by their own state; a road
blockade by protesters with no country is a protest where it happens; "Riot police" opening a
sentence is an agent phrase, never a person named Riot."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "deployed": "The Bolivian army was deployed to the streets of La Paz.",
    "mobilised": "Thousands of Ukrainian reservists were mobilised on Monday.",
    "by_agent": "Troops were deployed by Bolivia to the border with Peru.",
    "blocked": "Farmers blocked highways across France to protest fuel prices.",
    "riot": "Riot police beat protesters in Minsk, witnesses said.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "code"), [("deployed", "BOL"), ("mobilised", "UKR")])
def test_forces_moved_in_the_passive_are_their_own_states(events, name, code):
    found = factual(events[name], "MOBILIZE")
    assert found and found[0].actor_codes() == {code}, events[name]
    assert found[0].actors[0].rule == "own_forces"


def test_a_named_agent_comes_first(events):
    found = factual(events["by_agent"], "MOBILIZE")
    assert found and found[0].actor_codes() == {"BOL"} and found[0].actors[0].rule != "own_forces"


def test_a_blockade_by_farmers_is_a_protest_where_it_is(events):
    found = factual(events["blocked"], "PROTEST")
    assert found and found[0].actor_codes() == {"FRA"}, events["blocked"]


def test_riot_police_are_police(events):
    found = factual(events["riot"], "ASSAULT")
    assert found and found[0].actors[0].text == "Riot police"
    assert found[0].actor_codes() == {"BLR"}
