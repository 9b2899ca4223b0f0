"""Attacks whose sides sit outside the usual subject and object: an exchange of fire (both sides
act), a side that "came under attack from" another, a target named only as a place ("air raids on
Kabul", "a missile at the Saudi city of Jizan"), attackers placed by their own words ("militants in
Peru's border areas")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "exchanged": "Serbian police exchanged fire with Kosovar gunmen near the border.",
    "exchange_noun": "Two soldiers died in an exchange of fire between Israeli and Lebanese troops.",
    "prisoners": "Armenia exchanged prisoners with Azerbaijan on Friday.",
    "under_attack": "An Afghan army base came under attack from Pakistani militiamen overnight.",
    "under_shelling": "Indian posts came under heavy shelling by Pakistani forces.",
    "under_criticism": "The bill came under attack from Ugandan opposition lawmakers.",
    "raids_on_capital": "The Saudi-led coalition launched air raids on Kabul.",
    "city_of": "Houthi rebels fired a missile at the Saudi city of Jizan.",
    "own_state": "Israeli jets fired missiles at Israel's enemies.",
    "placed_group": "Militants in Peru's border areas killed three soldiers in a roadside bombing.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def _sides(event: Event) -> set[str]:
    return event.actor_codes() | event.recipient_codes()


@pytest.mark.parametrize(("name", "codes"), [("exchanged", {"SRB", "XKX"}), ("exchange_noun", {"ISR", "LBN"})])
def test_an_exchange_of_fire_is_an_attack_by_both_sides(events, name, codes):
    found = factual(events[name], "ASSAULT")
    assert found and _sides(found[0]) == codes, events[name]
    assert found[0].symmetric


def test_exchanging_prisoners_is_no_attack(events):
    assert not factual(events["prisoners"], "ASSAULT")


@pytest.mark.parametrize(("name", "actor", "recipient"), [
    ("under_attack", "PAK", "AFG"), ("under_shelling", "PAK", "IND")])
def test_who_came_under_attack_is_its_target(events, name, actor, recipient):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]


def test_coming_under_attack_from_critics_is_no_assault(events):
    assert not factual(events["under_criticism"], "ASSAULT")


@pytest.mark.parametrize(("name", "actor", "recipient"), [("raids_on_capital", "SAU", "AFG"), ("city_of", "YEM", "SAU")])
def test_a_target_named_as_a_place_is_its_state(events, name, actor, recipient):
    found = factual(events[name], "ASSAULT")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]


def test_a_state_is_never_the_named_target_of_its_own_attackers(events):
    assert not any("ISR" in e.recipient_codes() for e in factual(events["own_state"], "ASSAULT"))


def test_attackers_are_of_the_country_their_own_words_place_them_in(events):
    found = factual(events["placed_group"], "ASSAULT")
    assert found and found[0].actor_codes() == {"PER"}, events["placed_group"]


def test_an_attack_told_again_without_its_author_is_the_earlier_ones():
    events = events_of({
        "again": "Iraqi jets struck a Syrian post on Saturday. The air strikes that killed 24 Syrian soldiers drew outrage.",
        "alone": "Air strikes killed 24 Syrian soldiers.",
        "other_side": "Iraqi jets struck a Syrian post on Saturday. Air strikes killed 24 Lebanese soldiers.",
    })
    found = factual(events["again"], "ASSAULT")
    assert {code for e in found for code in e.actor_codes()} == {"IRQ"}
    assert any("killed 24" in e.evidence.text for e in found), found
    assert not factual(events["alone"], "ASSAULT")
    assert not [e for e in factual(events["other_side"], "ASSAULT") if "LBN" in e.recipient_codes()]
