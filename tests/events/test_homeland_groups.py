"""Non-state groups acted on that no words tie to a country are of the country where the act
happened, else of the acting state's own country; "forces" heads a military mention."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "own": "Nigerian troops killed 20 militants in an ambush on Sunday.",
    "placed": "Ugandan soldiers attacked rebels near Goma on Monday.",
    "forces": "Moroccan forces have deployed at least 5,000 troops to the border.",
    "criminals": "Colombian police arrested 12 drug traffickers.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,kind,actor,recipient", [("own", "ASSAULT", "NGA", "NGA"),
                                                       ("placed", "ASSAULT", "UGA", "COD"),
                                                       ("criminals", "COERCE", "COL", "COL")])
def test_a_group_acted_on_takes_the_country_of_the_act(events, name, kind, actor, recipient):
    found = factual(events[name], kind)
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]


def test_forces_with_a_nationality_are_that_state_s_military(events):
    found = factual(events["forces"], "MOBILIZE")
    assert found and found[0].actor_codes() == {"MAR"}, events["forces"]
