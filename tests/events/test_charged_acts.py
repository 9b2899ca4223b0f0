"""A charge against an act named without its author falls on the author of the page's nearest earlier
act of that kind; a noun that names no kind ("the incident") takes the nearest hostile act."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

EXPELLED = "Peru expelled two Bolivian diplomats on Monday."
SHELLED = "Chilean troops shelled a border post in Argentina on Tuesday."
SENTENCES = {
    "expulsion": f"{EXPELLED} {SHELLED} Bolivia condemned the expulsion.",
    "attack": f"{SHELLED} {EXPELLED} Argentina condemned the attack.",
    "incident": f"{EXPELLED} {SHELLED} Argentina condemned the incident.",
    "nothing_earlier": "Bolivia condemned the expulsion.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def _accused(found: list[Event]) -> set[str]:
    charges = factual(found, "ACCUSE")
    assert charges, found
    return {r.country for r in charges[0].recipients}


def test_a_typed_act_skips_a_nearer_act_of_another_kind(events):
    assert _accused(events["expulsion"]) == {"PER"}
    assert _accused(events["attack"]) == {"CHL"}


def test_an_untyped_act_takes_the_nearest_hostile_act(events):
    assert _accused(events["incident"]) == {"CHL"}


def test_no_earlier_act_gives_no_recipient(events):
    assert not any(r.country for e in factual(events["nothing_earlier"], "ACCUSE") for r in e.recipients)
