"""A capital coordinated with a subject acts as the subject does ("Seoul and Washington held
exercises"); "nationals" of a country are its civilians, sides of what is done to them."""

from __future__ import annotations

import pytest

from storyline.events.records import Event
from tests.events.sentence_events import events_of, factual

SENTENCES = {
    "capitals": "Seoul and Washington held joint naval exercises.",
    "capitals_deal": "Moscow and Beijing signed a trade deal on Monday.",
    "place": "The talks in Paris and Washington ended without a deal.",
    "nationals": "The Taliban arrested two British nationals in Kabul.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "kind", "sides"), [("capitals", "COOPERATE", {"KOR", "USA"}),
                                                     ("capitals_deal", "SUPPORT", {"RUS", "CHN"})])
def test_coordinated_capitals_are_both_sides(events, name, kind, sides):
    found = factual(events[name], kind)
    assert found, events[name]
    assert found[0].actor_codes() | found[0].recipient_codes() == sides


def test_capitals_named_as_places_are_no_sides(events):
    assert not factual(events["place"], "CONSULT")


def test_nationals_are_the_target_of_an_arrest(events):
    found = factual(events["nationals"], "COERCE")
    assert found and found[0].recipient_codes() == {"GBR"}, events["nationals"]
