"""A group or role that states no country takes the one its own words place it in ("workers in Malawi")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "workers": "Workers in Malawi announced a total work stoppage on Monday.",
    "protesters": "Protesters in Lima marched against the new law on Saturday.",
    "police": "Police in Lagos arrested 30 protesters on Friday.",
    "own": "Kenyan police in Kampala arrested 30 protesters on Friday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,kind,state", [("workers", "PROTEST", "MWI"), ("protesters", "PROTEST", "PER"),
                                             ("police", "COERCE", "NGA")])
def test_the_groups_own_place_gives_its_country(events, name, kind, state):
    found = factual(events[name], kind)
    assert found and found[0].actor_codes() == {state}, events[name]


def test_a_stated_nationality_wins_over_the_place(events):
    found = factual(events["own"], "COERCE")
    assert found and found[0].actor_codes() == {"KEN"}
