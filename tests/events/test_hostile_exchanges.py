"""Hostile exchanges ("started firing", "clashes") always have another side: with none named, the
page's other side is the target, as for any attack. A passive subject of the clause an exchange
noun sits in ("civilians were injured in the firing") is no participant."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event

SENTENCES = {
    "started": "Armenia complained to Azerbaijan on Monday. Azerbaijani border troops started unprovoked firing late "
               "on Sunday evening.",
    "started_without": "Uzbekistan lodged a protest with Tajikistan on Monday. Tajik border guards started firing "
                       "without provocation at about 9pm on Sunday.",
    "injured": "Two Kyrgyz soldiers and nine civilians were injured in the firing on Sunday.",
    "meeting": "The Kenyan cabinet held a meeting on Monday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "target"), [("started", "AZE", "ARM"), ("started_without", "TJK", "UZB")])
def test_an_exchange_of_fire_without_a_named_target_falls_on_the_pages_other_side(events, name, actor, target):
    [firing] = factual(events[name], "ASSAULT")
    assert firing.actor_codes() == {actor} and firing.recipient_codes() == {target}


def test_a_passive_subject_is_no_participant_of_the_exchange(events):
    assert not [e for e in factual(events["injured"], "ASSAULT") if "KGZ" in e.actor_codes()]


def test_a_meeting_without_a_second_party_still_has_no_recipient(events):
    assert all(not e.recipients for e in factual(events["meeting"], "CONSULT"))
