"""An attack told in a time clause of a passive ("15 militants were killed when helicopters carried
out strikes") is aimed at the passive's subject; military aircraft are military actors."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "strikes": "At least 15 suspected militants were killed when Nigerian army helicopters carried out strikes near Maiduguri.",
    "fire": "Dozens of protesters were wounded as Kenyan police opened fire in Nairobi.",
    "shelled": "Two Indian soldiers were killed when Pakistani troops shelled their post.",
    "died": "Two Indian soldiers died after Pakistani troops shelled a post in Kashmir.",
    "placed_target": "Three civilians were killed after Saudi jets bombed Sanaa.",
    "own_object": "Civilians were killed when Saudi jets bombed a market in Yemen.",
    "aircraft": "Army helicopters bombed a rebel camp in Cauca province, Colombia's army said on Monday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor,recipient", [("strikes", "NGA", "NGA"), ("fire", "KEN", "KEN"),
                                                  ("shelled", "PAK", "IND"), ("died", "PAK", "IND")])
def test_the_passive_subject_is_the_target(events, name, actor, recipient):
    found = factual(events[name], "ASSAULT")
    assert found, events[name]
    assert found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, found[0]
    assert any(p.rule == "harmed_subject" for p in found[0].recipients)


def test_an_object_of_its_own_comes_first(events):
    found = factual(events["own_object"], "ASSAULT")
    assert found and not any(p.rule == "harmed_subject" for e in found for p in e.recipients)


def test_military_helicopters_are_military_actors(events):
    found = factual(events["aircraft"], "ASSAULT")
    assert found and found[0].actor_codes() == {"COL"}, events["aircraft"]
    assert found[0].actors[0].sector == "MIL" and "helicopters" in found[0].actors[0].text


def test_a_subject_of_no_country_leaves_the_target_to_the_clause(events):
    found = factual(events["placed_target"], "ASSAULT")
    assert found and found[0].recipient_codes() == {"YEM"}, found
