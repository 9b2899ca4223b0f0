"""Stopping or blocking another side's supplies, convoys or passage is a sanction or a restriction
("stopped the passage of Nato cargo", "blocked the convoys"); stopping a car or a match is no event."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event

SENTENCES = {
    "passage": "Kyrgyzstan stopped the passage of Nato cargo over its territory in protest at the raid.",
    "passage_supplies": "Uzbekistan on Monday stopped the passage of all Nato supplies across its territory to "
                        "protest the shooting.",
    "transit": "Mongolia stopped the transit of Nato supplies across its territory last week.",
    "supplies": "Kazakhstan stopped Nato supplies to Afghanistan after the dispute.",
    "convoys": "Tajikistan blocked Nato supply convoys at the border on Monday.",
    "halted": "Turkmenistan halted Nato convoys at the frontier.",
    "car": "Police stopped the car at a checkpoint.",
    "match": "The referee stopped the match after an hour.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor"), [
    ("passage", "KGZ"), ("passage_supplies", "UZB"), ("transit", "MNG"), ("supplies", "KAZ"), ("convoys", "TJK"), ("halted", "TKM")])
def test_stopping_anothers_supplies_is_a_sanction_or_restriction(events, name, actor):
    found = [e for e in factual(events[name]) if e.type in {"SANCTION", "COERCE"}]
    assert len(found) == 1
    assert found[0].actor_codes() == {actor} and found[0].recipient_codes() == {"NATO"}


@pytest.mark.parametrize("name", ["car", "match"])
def test_stopping_a_car_or_a_match_is_no_event(events, name):
    assert not factual(events[name])
