"""An event noun after "of" and a partitive noun ("a state of emergency", "a round of talks", "a wave
of arrests") takes the actor of the light verb that carries the partitive noun."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "emergency": "The Peruvian government declared a state of emergency in Lima on Monday.",
    "emergency_title": "The president of Ecuador declared a state of emergency in Quito.",
    "arrests": "Belarus carried out a wave of arrests of opposition activists on Sunday.",
    "not_partitive": "The report on the state of the economy worried Brazilian officials.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,country", [("emergency", "PER"), ("emergency_title", "ECU"), ("arrests", "BLR")])
def test_the_light_verb_subject_acts_through_a_partitive_noun(events, name, country):
    found = factual(events[name], "COERCE")
    assert found and found[0].actor_codes() == {country}, events[name]


def test_a_partitive_noun_alone_makes_no_event(events):
    assert factual(events["not_partitive"]) == []
