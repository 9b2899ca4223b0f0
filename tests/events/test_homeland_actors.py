"""Attackers of a non-state group with no country named (militants, gunmen, rebels) are of the country
where they struck, as the groups acted on are; with no place they stay unknown."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "gunmen": "Gunmen killed 12 villagers near Maiduguri.",
    "modifier": "The attack followed a brazen militant attack on a police station in Kano.",
    "nowhere": "Gunmen killed 12 villagers on Sunday night.",
    "national": "Chadian soldiers killed 12 villagers near Maiduguri.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name", ["gunmen", "modifier"])
def test_a_group_attacker_is_of_the_country_it_struck_in(events, name):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].actor_codes() == {"NGA"}, events[name]
    assert found[0].actors[0].rule == "homeland_group"


def test_with_no_place_the_attacker_stays_unknown(events):
    assert not factual(events["nowhere"], "ASSAULT"), events["nowhere"]


def test_a_named_nationality_comes_first(events):
    found = factual(events["national"], "ASSAULT")
    assert found and found[0].actor_codes() == {"TCD"}
