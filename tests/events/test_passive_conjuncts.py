"""A participle conjoined to a passive shares its passive subject as the side acted on ("the envoy
was summoned and asked to explain"); an event noun in the passive of a light verb takes the verb's
recipient ("protests were lodged with X"); a protest lodged or conveyed is a diplomatic complaint."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "summoned_asked": "Ghana summoned the Togolese envoy, who was reprimanded and asked to explain the remarks.",
    "arrested_charged": "Peruvian police arrested a Chilean trader, who was detained and questioned for hours.",
    "lodged": "Chile lodged a strong protest with Argentina.",
    "conveyed": "Egypt conveyed its protest to Israel.",
    "held_with": "Talks were held with Ugandan officials in Kampala, the Kenyan ministry said.",
    "staged": "Students staged a protest against Israel.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_conjoined_passive_acts_on_the_shared_subject(events):
    asked = factual(events["summoned_asked"], "REQUEST")
    assert not any("TGO" in e.actor_codes() for e in asked), asked


@pytest.mark.parametrize(("name", "actor", "recipient"), [("lodged", "CHL", "ARG"), ("conveyed", "EGY", "ISR")])
def test_a_lodged_protest_is_a_complaint_to_its_addressee(events, name, actor, recipient):
    found = factual(events[name], "ACCUSE")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]
    assert not factual(events[name], "PROTEST")


def test_a_passive_light_verb_gives_its_noun_the_recipient(events):
    found = factual(events["held_with"], "CONSULT")
    assert found and found[0].actor_codes() | found[0].recipient_codes() == {"UGA", "KEN"}, events["held_with"]


def test_a_staged_protest_is_no_complaint(events):
    assert not factual(events["staged"], "ACCUSE")
