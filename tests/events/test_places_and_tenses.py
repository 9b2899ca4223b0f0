"""A country named after a locative and a direction word ("in northern Mali") is where the event
happened, not a side, and places an attacking group; a noun a raising verb takes through a
preposition is real in the past tense ("went on strike") and unreal in the future ("are going on
strike next week")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "northern": "Militants attacked a military base in northern Mali.",
    "when": "Two soldiers were killed when militants attacked a military base in eastern Chad.",
    "went": "Thousands of workers went on strike in Johannesburg demanding higher wages.",
    "going": "Teachers in Harare are going on strike next week.",
    "area_of": "Turkish jets carried out strikes in the Semdinli district of Hakkari province on Sunday.",
    "part_of": "Colombian helicopters carried out raids in the northern part of Antioquia.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "code"), [("northern", "MLI"), ("when", "TCD")])
def test_a_group_attacks_in_the_country_named_after_a_direction(events, name, code):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].actor_codes() == {code}, events[name]
    assert found[0].actors[0].rule == "homeland_group"


@pytest.mark.parametrize(("name", "code"), [("area_of", "TUR"), ("part_of", "COL")])
def test_a_place_inside_a_named_division_is_where_it_happened(events, name, code):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].recipient_codes() == {code}, events[name]
    assert found[0].recipients[0].rule == "place"


def test_a_strike_gone_on_happened(events):
    found = factual(events["went"], "PROTEST")
    assert found and found[0].actor_codes() == {"ZAF"}, events["went"]


def test_a_strike_to_come_did_not(events):
    assert not factual(events["going"], "PROTEST")
    assert any(e.type == "PROTEST" for e in events["going"])
