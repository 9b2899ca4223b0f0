"""Tenth round of extractor mechanisms, on sentences of our own making: an attack that names no
attacker but where it came from is the act of that place's state; a partitive object ("a number
of rockets") counts what it is made of."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event
from storyline.events.words import load_words

SENTENCES = {
    "fired_from_into": "Hours before the ceasefire took hold, a number of missiles were launched from Eritrea into "
                       "Ethiopia.",
    "barrage_from_into": "A barrage of rockets was fired from Armenia into Azerbaijan on Friday.",
    "killed_by_fire_from": "On Friday a Tanzanian herdsman was killed by artillery fire from Mozambique.",
    "named_attacker": "Syrian troops fired shells from Syria into Turkey.",
    "no_origin": "A number of shells were fired at the village.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "origin", "target"), [
    ("fired_from_into", "ERI", "ETH"), ("barrage_from_into", "ARM", "AZE")])
def test_rockets_fired_from_a_place_into_another_are_an_attack_between_their_states(
        events: dict[str, list[Event]], name: str, origin: str, target: str) -> None:
    [attack] = factual(events[name], "ASSAULT")
    assert attack.actor_codes() == {origin} and attack.recipient_codes() == {target}


def test_victims_killed_by_fire_from_a_place_are_attacked_by_its_state(events: dict[str, list[Event]]) -> None:
    [attack] = factual(events["killed_by_fire_from"], "ASSAULT")
    assert attack.actor_codes() == {"MOZ"} and attack.recipient_codes() == {"TZA"}


def test_a_named_attacker_is_kept_over_the_origin(events: dict[str, list[Event]]) -> None:
    attacks = factual(events["named_attacker"], "ASSAULT")
    assert attacks and all(a.actor_codes() == {"SYR"} for a in attacks)


def test_an_attack_without_attacker_or_origin_is_not_coded(events: dict[str, list[Event]]) -> None:
    assert factual(events["no_origin"], "ASSAULT") == []


def test_origin_and_partitive_lists_parse() -> None:
    words = load_words()
    assert "ASSAULT" in words.origin_types and "from" in words.origin_preps
    assert {"number", "barrage"} <= words.partitive_nouns
