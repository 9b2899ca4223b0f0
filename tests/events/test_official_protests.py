"""A protest by a state or an office is an official complaint (ACCUSE, CAMEO 114); civilians' and
lawmakers' protests stay demonstrations."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "ministry": "The Egyptian foreign ministry conveyed its strong protest to Israel.",
    "state": "Chile protested to Argentina over the border incident.",
    "state_verb": "Vietnam protested against the Chinese survey near its coast.",
    "students": "Thousands of students protested in Dhaka.",
    "lawmakers": "Kenyan lawmakers protested against the tax bill outside parliament.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "recipient"), [
    ("ministry", "EGY", "ISR"), ("state", "CHL", "ARG"), ("state_verb", "VNM", "CHN")])
def test_a_states_protest_is_an_official_complaint(events, name, actor, recipient):
    found = factual(events[name], "ACCUSE")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]
    assert not factual(events[name], "PROTEST")


@pytest.mark.parametrize("name", ["students", "lawmakers"])
def test_other_protests_stay_demonstrations(events, name):
    assert factual(events[name], "PROTEST") and not factual(events[name], "ACCUSE"), events[name]


@pytest.mark.parametrize(("sentence", "actor", "recipient"), [
    ("Egypt held Ethiopia responsible for the water crisis.", "EGY", "ETH"),
    ("The Iranian foreign minister lashed out at Saudi Arabia.", "IRN", "SAU"),
    ("China hit out at Japan over the textbook row.", "CHN", "JPN"),
])
def test_blame_and_verbal_attacks_are_accusations(sentence, actor, recipient):
    found = factual(events_of({"s": sentence})["s"], "ACCUSE")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}


@pytest.mark.parametrize(("sentence", "plover_type", "actor", "recipient"), [
    ("Beijing brushed aside Japanese protests over the islands.", "REJECT", "CHN", "JPN"),
    ("Moscow shrugged off the new EU sanctions.", "REJECT", "RUS", "EU"),
    ("India stood by Bhutan in the border dispute.", "SUPPORT", "IND", "BTN"),
])
def test_rejections_and_backing_in_phrasal_verbs(sentence, plover_type, actor, recipient):
    found = factual(events_of({"s": sentence})["s"], plover_type)
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}


def test_standing_by_ones_decision_backs_no_one():
    assert not factual(events_of({"s": "Kenya stood by its decision."})["s"])
