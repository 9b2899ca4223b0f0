"""A cooperative act a side says it will not do ("will not take part in the talks", "said it would not
meet") or decides not to do ("decided not to meet") is PLOVER's refusal (REJECT), made now; a plain
past negation, a question or a condition is no refusal."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "future": "Egypt will not take part in the talks with Israel.",
    "decided": "Bolivia has decided not to meet the Chilean delegation.",
    "reported": "Kenya said it would not hold talks with Somalia this week.",
    "past": "Iran did not meet the French envoys on Monday.",
    "question": "Will Peru not meet the Ecuadorian envoys?",
    "done": "Norway met the Swedish delegation in Oslo.",
    "not_attend": "Serbia decided not to attend the summit with Kosovo in Brussels.",
    "attended": "Serbia attended the conference with Kosovo in Brussels.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor,recipient", [("future", "EGY", "ISR"), ("decided", "BOL", "CHL"),
                                                  ("reported", "KEN", "SOM"), ("not_attend", "SRB", "XKX")])
def test_a_declared_refusal_to_meet_is_a_rejection(events, name, actor, recipient):
    found = factual(events[name], "REJECT")
    assert found, events[name]
    assert found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}
    assert found[0].mode == "meet" and "declared_refusal" in found[0].cues
    assert not factual(events[name], "CONSULT")


@pytest.mark.parametrize("name", ["past", "question"])
def test_a_past_negation_or_a_question_is_no_refusal(events, name):
    assert not factual(events[name], "REJECT"), events[name]


def test_a_meeting_held_stays_a_meeting(events):
    assert factual(events["done"], "CONSULT") and not factual(events["done"], "REJECT")


def test_attending_a_conference_is_a_meeting(events):
    found = factual(events["attended"], "CONSULT")
    assert found and "SRB" in found[0].actor_codes(), events["attended"]
