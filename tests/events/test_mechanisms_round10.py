"""Tenth round of extractor mechanisms, on sentences of our own making: an attack that names no
attacker but where it came from is the act of that place's state; a partitive object ("a number
of rockets") counts what it is made of."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event
from storyline.events.words import load_words

SENTENCES = {
    "fired_from_into": "Shortly before the truce began, a number of rockets were fired from Lebanon into Israel.",
    "killed_by_fire_from": "A Kenyan farmer was killed by mortar fire from Somalia on Tuesday.",
    "named_attacker": "Syrian troops fired shells from Syria into Turkey.",
    "no_origin": "A number of rockets were fired at the town.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_rockets_fired_from_a_place_into_another_are_an_attack_between_their_states(
        events: dict[str, list[Event]]) -> None:
    [attack] = factual(events["fired_from_into"], "ASSAULT")
    assert attack.actor_codes() == {"LBN"} and attack.recipient_codes() == {"ISR"}


def test_victims_killed_by_fire_from_a_place_are_attacked_by_its_state(events: dict[str, list[Event]]) -> None:
    [attack] = factual(events["killed_by_fire_from"], "ASSAULT")
    assert attack.actor_codes() == {"SOM"} and attack.recipient_codes() == {"KEN"}


def test_a_named_attacker_is_kept_over_the_origin(events: dict[str, list[Event]]) -> None:
    attacks = factual(events["named_attacker"], "ASSAULT")
    assert attacks and all(a.actor_codes() == {"SYR"} for a in attacks)


def test_an_attack_without_attacker_or_origin_is_not_coded(events: dict[str, list[Event]]) -> None:
    assert factual(events["no_origin"], "ASSAULT") == []


def test_origin_and_partitive_lists_parse() -> None:
    words = load_words()
    assert "ASSAULT" in words.origin_types and "from" in words.origin_preps
    assert {"number", "barrage"} <= words.partitive_nouns
