"""A de-escalation a side only commits to ("promised to ease restrictions", "will withdraw its
complaint") is PLOVER's verbal concession (CONCEDE), made now; a negated, conditional or refused one
stays hypothetical."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "promise": "Chile promised on Monday to ease restrictions on civil society groups.",
    "vow": "Armenia's government vowed to ease restrictions on the press.",
    "future": "Ukraine will withdraw its complaint against Russia at the WTO.",
    "pledge": "Vietnam pledged to release the detained fishermen.",
    "conditional": "Serbia would withdraw its troops if Kosovo agreed to talks.",
    "negated": "Serbia did not promise to withdraw its troops.",
    "refused": "Hungary refused to lift the ban on imports from Ukraine.",
    "done": "Ethiopia withdrew its troops from the border town of Humera on Sunday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,country", [("promise", "CHL"), ("vow", "ARM"), ("future", "UKR"), ("pledge", "VNM")])
def test_a_promised_de_escalation_is_a_concession(events, name, country):
    found = factual(events[name], "CONCEDE")
    assert found and found[0].actor_codes() == {country}, events[name]
    assert "promised_concession" in found[0].cues
    assert not factual(events[name], "RETREAT")


@pytest.mark.parametrize("name", ["conditional", "negated", "refused"])
def test_a_conditional_negated_or_refused_one_is_no_concession(events, name):
    assert not factual(events[name], "CONCEDE"), events[name]
    assert not factual(events[name], "RETREAT"), events[name]


def test_a_retreat_carried_out_stays_a_retreat(events):
    assert not factual(events["done"], "CONCEDE")
