"""Calling an act by a name of wrongdoing accuses its author, however the parser hangs the name: as
the object's complement ("called the shelling a crime"), or through "an act of" ("an act of
aggression"); "an act of X" carried by a light verb is X ("committed an act of sabotage")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SHELLED = "Azerbaijani troops shelled Armenian villages on Monday."
SENTENCES = {
    "complement": f"{SHELLED} Armenia called the shelling a crime.",
    "branded": f"{SHELLED} Armenia branded the attack a crime.",
    "act_of": f"{SHELLED} Armenia called the shelling an act of aggression.",
    "described": f"{SHELLED} Armenia described the attack as an act of aggression.",
    "praised": f"{SHELLED} Armenia called the ceasefire a relief.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name", ["complement", "branded", "act_of", "described"])
def test_naming_an_act_a_wrong_accuses_its_author(events, name):
    found = factual(events[name], "ACCUSE")
    assert found, events[name]
    assert found[0].actor_codes() == {"ARM"}
    assert {r.country for r in found[0].recipients} == {"AZE"}


def test_a_name_that_is_no_wrong_accuses_nobody(events):
    assert not factual(events["praised"], "ACCUSE")
