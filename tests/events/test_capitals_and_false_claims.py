"""A capital standing for its state outside the subject ("an apology from Accra"); a place the
entity recogniser reads as a building after a locative ("in La Paz"); a claim the sentence calls
false tells no act ("the report on X attacking Y is fake news")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "from_capital": "The Togolese foreign minister received an apology from Accra.",
    "la_paz": "Tension rose in Bolivia this week. Police arrested 40 protesters in La Paz on Tuesday.",
    "fake": "A Turkish report that Greek jets bombed Cypriot villages is fake news, Athens said.",
    "reported": "Reports of Turkish jets bombing Syrian towns emerged on Monday.",
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


def test_a_claim_called_false_tells_no_act(events):
    told = [e for e in events["fake"] if e.type == "ASSAULT"]
    assert told and not factual(told) and any(c.startswith("hypothetical:disputed:") for c in told[0].cues), told
    assert factual(events["reported"], "ASSAULT"), "a report not called false still tells its act"
