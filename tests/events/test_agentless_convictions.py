"""A conviction or sentence in the agentless passive is the act of the state where it was handed down,
as an arrest is; "handed down sentences" carries its noun like other light verbs."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "sentenced": "Two opposition politicians were sentenced to eight years in prison in Minsk on Monday.",
    "convicted": "Three journalists were convicted of espionage in Tehran.",
    "handed_down": "A Nigerian court handed down death sentences to two politicians on Monday.",
    "nowhere": "Two politicians were sentenced to eight years in prison.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,country", [("sentenced", "BLR"), ("convicted", "IRN"), ("handed_down", "NGA")])
def test_a_sentence_is_the_state_s(events, name, country):
    found = factual(events[name], "SANCTION")
    assert found and found[0].actor_codes() == {country}, events[name]


def test_with_no_place_nor_page_country_nobody_sentenced(events):
    assert not factual(events["nowhere"], "SANCTION"), events["nowhere"]
