"""An arrest in the passive with no agent is done by the authorities of the state where it happened."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "cairo": "Three journalists were arrested in Cairo on Thursday.",
    "lima": "Forty students were detained in Lima after the march.",
    "agent": "Three journalists were arrested by Kenyan police in Nairobi on Thursday.",
    "nowhere": "Three journalists were arrested on Thursday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,state", [("cairo", "EGY"), ("lima", "PER")])
def test_agentless_arrest_is_the_states(events, name, state):
    coerce = factual(events[name], "COERCE")
    assert coerce and coerce[0].actor_codes() == {state}, events[name]


def test_a_named_agent_keeps_its_own_side(events):
    coerce = factual(events["agent"], "COERCE")
    assert coerce and coerce[0].actor_codes() == {"KEN"}
    assert coerce[0].actors[0].kind != "state"


def test_no_place_no_actor(events):
    assert factual(events["nowhere"], "COERCE") == []


def test_each_side_records_the_rule_that_found_it(events):
    coerce = factual(events["cairo"], "COERCE")[0]
    assert [s.rule for s in coerce.actors] == ["agentless_authority"]
    named = factual(events["agent"], "COERCE")[0]
    assert [s.rule for s in named.actors] == ["clause"]
