"""An attack whose actor is named by the weapon that carried it out ("helicopters fired on ...")
takes that weapon's mode, so a page's air strike told again by what the aircraft did is one event."""

from __future__ import annotations

import pytest

from .sentence_events import events_of, factual

SENTENCES = {
    "helicopters": "Israeli helicopters fired on two houses in Gaza on Sunday.",
    "drones": "Turkish drones struck a convoy in northern Syria.",
    "tanks": "Russian tanks fired at Ukrainian positions near Kharkiv.",
    "troops": "Indian troops fired on Pakistani posts in Kashmir.",
    "page": ("The Kenyan government condemned the Somali air strike on its border posts. "
             "Somali helicopters fired on two Kenyan border posts at dawn, officials said."),
}


@pytest.fixture(scope="module")
def events():
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,mode", [("helicopters", "aerial"), ("drones", "drone"), ("tanks", "heavy-weapons"),
                                       ("troops", "firearms")])
def test_the_weapon_that_acted_gives_the_mode(events, name, mode):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].mode == mode, found


def test_an_air_strike_told_again_by_its_aircraft_is_one_event(events):
    found = factual(events["page"], "ASSAULT")
    assert len(found) == 1 and found[0].mode == "aerial", found
    assert found[0].actor_codes() == {"SOM"} and found[0].recipient_codes() == {"KEN"}
