"""An event noun in a circumstance phrase of a request ("following the strike, X asked Y ...") is no part
of what is asked; "taken into custody" is an arrest; journalists arrested are the arrest's target, not the press spoken to."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "following": "Following Saturday's Israeli air strike on Gaza, Egypt asked Israel to halt its operations.",
    "after": "After the Russian attack on Kharkiv, Ukraine urged NATO to send more air defences.",
    "asked_content": "Egypt asked Israel to halt its air strikes on Gaza.",
    "custody": "Opposition leaders were taken into custody by Guinean soldiers in Conakry.",
    "custody_active": "Nigerian police took three opposition activists into custody in Lagos.",
    "journalists": "Egyptian police arrested three Al Jazeera journalists in Cairo.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor", [("following", "ISR"), ("after", "RUS")])
def test_an_attack_in_a_circumstance_phrase_happened(events, name, actor):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].actor_codes() == {actor}, events[name]
    assert factual(events[name], "REQUEST")


def test_an_attack_asked_to_stop_is_still_no_new_attack(events):
    assert not factual(events["asked_content"], "ASSAULT"), events["asked_content"]


@pytest.mark.parametrize("name,actor", [("custody", "GIN"), ("custody_active", "NGA")])
def test_taken_into_custody_is_an_arrest(events, name, actor):
    found = factual(events[name], "COERCE")
    assert found and found[0].actor_codes() == {actor}, events[name]


def test_journalists_arrested_are_the_target(events):
    found = factual(events["journalists"], "COERCE")
    assert found and found[0].actor_codes() == {"EGY"}
    assert any("journalists" in r.text for r in found[0].recipients), found[0]
