"""An event noun's other side after "to", "from", "on" or "against" is an actor, not a place, also
when a light verb carries the noun ("issued an apology to X"); a journey's "from"/"to" stay places."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "noun": "An apology from Japan to South Korea was issued on Friday.",
    "light": "Japan issued an apology to South Korea on Friday.",
    "light_other": "Chile issued an apology to Peru on Friday.",
    "journey": "The minister flew from Germany to Japan on Monday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor,recipient", [("noun", "JPN", "KOR"), ("light", "JPN", "KOR"),
                                                  ("light_other", "CHL", "PER")])
def test_the_other_side_of_an_event_noun(events, name, actor, recipient):
    found = factual(events[name], "CONCEDE")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]


def test_a_journey_names_places_not_sides(events):
    assert factual(events["journey"]) == []
