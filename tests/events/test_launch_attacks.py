"""Launching projectiles is an attack ("launched missiles at X", "rockets were launched from X into Y");
launching anything else is not. Sentences of our own making (none begins a page's body, so the
header line cannot merge with the first noun phrase)."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.lexicon import load_lexicon
from storyline.events.records import Event

SENTENCES = {
    "passive_from_into": "On Tuesday, mortar shells were launched from Gaza into Israel.",
    "raised_passive": "On Monday, rockets continued to be launched from Syria into Turkey.",
    "raised_passive_fire": "On Monday, rockets continued to be fired from Syria into Turkey.",
    "missiles_at": "On Monday, Venezuelan troops launched missiles at Colombia.",
    "drones_at": "On Saturday, Iran launched drones at Israel.",
    "rocket_attack": "On Monday, Eritrean troops launched a rocket attack on the Ethiopian town of Zalambessa.",
    "air_strikes": "Armenia launched air strikes on Azerbaijan on Monday.",
    "offensive": "On Monday, Ukrainian troops launched an offensive against Russian forces near Kharkiv.",
    "satellite": "On Monday, Kenya launched a new satellite.",
    "investigation": "On Monday, the Indian government launched an investigation into the crash.",
    "campaign": "On Monday, Brazil launched a campaign against hunger.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "target"), [
    ("passive_from_into", "PSE", "ISR"),
    ("raised_passive", "SYR", "TUR"),
    ("raised_passive_fire", "SYR", "TUR"),
    ("missiles_at", "VEN", "COL"),
    ("drones_at", "IRN", "ISR"),
])
def test_launching_projectiles_is_an_attack(events: dict[str, list[Event]], name: str, actor: str,
                                           target: str) -> None:
    [attack] = factual(events[name], "ASSAULT")
    assert attack.actor_codes() == {actor} and attack.recipient_codes() == {target}


@pytest.mark.parametrize(("name", "actor", "target"), [
    ("rocket_attack", "ERI", "ETH"),
    ("air_strikes", "ARM", "AZE"),
    ("offensive", "UKR", "RUS"),
])
def test_launching_an_attack_noun_stays_one_attack(events: dict[str, list[Event]], name: str, actor: str,
                                                   target: str) -> None:
    [attack] = factual(events[name], "ASSAULT")
    assert attack.actor_codes() == {actor} and attack.recipient_codes() == {target}


@pytest.mark.parametrize("name", ["satellite", "investigation", "campaign"])
def test_launching_other_things_is_no_attack(events: dict[str, list[Event]], name: str) -> None:
    assert not factual(events[name], "ASSAULT")


def test_the_launch_attack_sense_is_data_with_projectile_cues() -> None:
    senses = [e for e in load_lexicon().entries if e.lemma == "launch" and e.plover_type == "ASSAULT"]
    assert senses and any("missile" in str(e.cues) for e in senses)
