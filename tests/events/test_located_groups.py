"""A group or role that states no country takes the one its own words place it in ("workers in Malawi"),
also where the page would lend it another (a page about the United States: "police in Lagos" are
Nigeria's); a domestic coercion or deployment with no other side named falls on the actor's own
country, never on the page's most mentioned foreign one."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "workers": "Workers in Malawi announced a total work stoppage on Monday.",
    "protesters": "Protesters in Lima marched against the new law on Saturday.",
    "police": "Police in Lagos arrested 30 protesters on Friday.",
    "own": "Kenyan police in Kampala arrested 30 protesters on Friday.",
    "lent": ("The United States criticised Nigeria over its drug laws. The United States wants more arrests. "
             "Police in Lagos confiscated three tonnes of drugs on Monday."),
    "government_in": ("France withdrew its last soldiers from the Sahel. Paris wants a new mission. "
                      "The caretaker administration in Bamako dismissed the proposal on Sunday."),
    "seized": ("Chile and Peru signed a fisheries accord. Peru expects more trade with Chile. "
               "Peruvian officials seized four tonnes of illegal timber in Iquitos on Monday."),
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


@pytest.mark.parametrize("name,kind,state", [("lent", "COERCE", "NGA"), ("government_in", "REJECT", "MLI")])
def test_the_groups_own_place_wins_over_the_pages_country(events, name, kind, state):
    found = factual(events[name], kind)
    assert found and found[0].actor_codes() == {state}, events[name]


def test_a_domestic_seizure_is_aimed_at_no_foreign_country(events):
    found = factual(events["seized"], "COERCE")
    assert found and found[0].actor_codes() == {"PER"} and "CHL" not in found[0].recipient_codes(), events["seized"]
