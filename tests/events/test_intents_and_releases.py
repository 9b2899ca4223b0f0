"""An offer or pledge to act is PLOVER's AGREE (CAMEO 03x, "express intent"), the act itself unreal;
only a side's own decision ("ministers agreed to impose sanctions") is the decided act. Blacklisting
is a sanction; a pardon releases the pardoned."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "offer": "Germany offered to mediate between Serbia and Kosovo.",
    "pledge": "Norway pledged to mediate between Colombia and the rebels.",
    "decision": "Danish ministers agreed to impose sanctions on Belarus.",
    "blacklist": "The US Treasury blacklisted three Lebanese banks.",
    "pardon": "The Ghanaian president pardoned 12 prisoners on Independence Day.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "code"), [("offer", "DEU"), ("pledge", "NOR")])
def test_an_offer_to_act_is_an_intent(events, name, code):
    found = factual(events[name], "AGREE")
    assert found and found[0].actor_codes() == {code}, events[name]
    assert not factual(events[name], "CONSULT")


def test_a_sides_own_decision_is_the_decided_act(events):
    assert factual(events["decision"], "SANCTION")
    assert not factual(events["decision"], "AGREE")


def test_blacklisting_is_a_sanction(events):
    found = factual(events["blacklist"], "SANCTION")
    assert found and found[0].actor_codes() == {"USA"} and found[0].recipient_codes() == {"LBN"}


def test_a_pardon_is_a_release(events):
    found = factual(events["pardon"], "RETREAT")
    assert found and found[0].actor_codes() == {"GHA"}, events["pardon"]
