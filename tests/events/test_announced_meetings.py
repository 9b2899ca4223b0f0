"""A meeting a report says will take place is PLOVER's expressed intent to meet (AGREE, CAMEO 036),
made now; a condition, a question, a hope, a negation or a mere possibility keeps it unreal. A
counterpart takes a country only from its own words."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "will": "Officials in Nairobi say the Dutch trade minister will visit Kenya next month to ease tensions.",
    "due": "The Kenyan president is due to meet his Ugandan counterpart on Monday.",
    "plans": "A Chilean delegation plans to visit Bolivia in March.",
    "reported_would": "Officials said the Indian minister would visit Nepal next week.",
    "condition": "If talks go well, the Chinese envoy will visit Seoul.",
    "question": "Will the Iranian foreign minister visit Riyadh?",
    "hope": "The Brazilian leader hopes to visit Argentina soon.",
    "could": "Analysts say the Japanese premier could visit Beijing.",
    "refusal": "The Polish president will not meet the Russian envoy.",
    "agreed_that": "The two sides agreed that they would meet again in Oslo.",
    "agreed_to_talk": "Armenia agreed to hold talks with Azerbaijan.",
    "decided_not": "Serbia decided not to attend the talks with Kosovo.",
    "reported_boycott": "Officials said Egypt would boycott the conference.",
    "bare_counterpart": "The Kenyan minister met his counterpart in Nairobi.",
    "own_counterpart": "The Vietnamese defence minister welcomed his Cambodian counterpart.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "recipient"), [
    ("will", "NLD", "KEN"), ("due", "KEN", "UGA"), ("plans", "CHL", "BOL"), ("reported_would", "IND", "NPL")])
def test_an_announced_meeting_is_an_intent_to_meet(events, name, actor, recipient):
    found = factual(events[name], "AGREE")
    assert found, events[name]
    assert found[0].cameo == "036" and "announced_intent" in found[0].cues
    assert actor in found[0].actor_codes() | found[0].recipient_codes()
    assert recipient in found[0].actor_codes() | found[0].recipient_codes()
    assert not factual(events[name], "CONSULT")


@pytest.mark.parametrize("name", ["condition", "question", "hope", "could"])
def test_an_uncertain_meeting_is_neither_met_nor_announced(events, name):
    assert not factual(events[name]), events[name]


def test_a_meeting_declared_off_stays_a_refusal(events):
    found = factual(events["refusal"])
    assert [e.type for e in found] == ["REJECT"]


def test_a_foreseen_boycott_is_no_boycott(events):
    assert not factual(events["reported_boycott"])
    assert not factual(events["agreed_that"], "CONSULT")


def test_agreeing_to_talk_is_an_intent_and_deciding_not_to_a_refusal(events):
    assert {e.type for e in factual(events["agreed_to_talk"])} == {"AGREE"}, events["agreed_to_talk"]
    assert [e.type for e in factual(events["decided_not"])] == ["REJECT"]


def test_a_counterpart_is_never_of_the_page_or_its_possessor(events):
    assert not any("KEN" in e.recipient_codes() and "KEN" in e.actor_codes() for e in events["bare_counterpart"])
    found = factual(events["own_counterpart"], "CONSULT")
    assert found and found[0].actor_codes() | found[0].recipient_codes() == {"VNM", "KHM"}, events["own_counterpart"]


def test_announced_cooperation_is_an_intent_to_cooperate():
    events = events_of({"drills": "Japan and India will hold joint naval exercises next month."})
    found = factual(events["drills"], "AGREE")
    assert found and found[0].cameo == "031" and not factual(events["drills"], "COOPERATE"), events["drills"]
