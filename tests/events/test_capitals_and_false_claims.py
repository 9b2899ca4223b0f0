"""A capital standing for its state outside the subject ("an apology from Accra"); a place the
entity recogniser reads as a building after a locative ("in La Paz")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "from_capital": "The Togolese foreign minister received an apology from Accra.",
    "la_paz": "Tension rose in Bolivia this week. Police arrested 40 protesters in La Paz on Tuesday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_capital_after_from_is_its_state(events):
    found = factual(events["from_capital"], "CONCEDE")
    assert found and found[0].actor_codes() == {"GHA"} and found[0].recipient_codes() == {"TGO"}, events["from_capital"]


def test_a_city_read_as_a_building_is_still_a_place(events):
    found = factual(events["la_paz"], "COERCE")
    assert found and found[0].actor_codes() == {"BOL"}, events["la_paz"]
    assert found[0].location is not None and found[0].location.text == "La Paz"


def test_a_group_the_speaker_owns_in_a_quote_is_of_the_speakers_country():
    events = events_of({"ours": '"Our troops shelled Eritrean positions," the Ethiopian army spokesman said.'})
    found = factual(events["ours"], "ASSAULT")
    assert found and found[0].actor_codes() == {"ETH"} and found[0].recipient_codes() == {"ERI"}, events["ours"]
