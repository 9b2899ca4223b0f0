"""PLOVER's de-escalations: an armed campaign a side halts is a RETREAT (and no new attack); a ceasefire
declared or announced, not yet carried out, is a verbal concession (CONCEDE)."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "halted": "Turkey halted its offensive in northern Syria.",
    "suspended": "The Colombian army suspended its operation against the rebels in Cauca.",
    "declared": "Yemen's Houthi rebels declared a ceasefire on Friday.",
    "announced": "Azerbaijan and Armenia announced a truce in Nagorno-Karabakh.",
    "violated": "Azerbaijan accused Armenia of violating the truce.",
    "strike": "The union suspended its strike in Lagos.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor", [("halted", "TUR"), ("suspended", "COL")])
def test_a_halted_campaign_is_a_retreat_not_an_attack(events, name, actor):
    found = factual(events[name], "RETREAT")
    assert found and found[0].actor_codes() == {actor}, events[name]
    assert not factual(events[name], "ASSAULT")


@pytest.mark.parametrize("name", ["declared", "announced"])
def test_a_declared_ceasefire_is_a_concession(events, name):
    assert factual(events[name], "CONCEDE"), events[name]
    assert not factual(events[name], "RETREAT")


def test_a_violated_truce_is_no_concession(events):
    assert not factual(events["violated"], "CONCEDE")


def test_a_labour_strike_suspended_is_no_ceasefire(events):
    assert not factual(events["strike"], "RETREAT")
