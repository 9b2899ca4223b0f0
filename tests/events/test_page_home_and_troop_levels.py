"""Attackers of no country in a sentence that names no place strike in the page's own country; a
build-up told through a measure of troops ("troop numbers", "troop levels") is a mobilisation."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "gunmen": "Niger said Niger would respond. Gunmen killed 12 villagers on Sunday.",
    "no_home": "Gunmen killed 12 villagers on Sunday.",
    "levels": "Kenya increased troop levels along the Somali border.",
    "numbers": "Indian and Chinese commanders beefed up troop numbers along the disputed frontier.",
    "prices": "Kenya increased fuel prices on Monday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_attackers_strike_in_the_pages_country(events):
    found = factual(events["gunmen"], "ASSAULT")
    assert found and found[0].actor_codes() == {"NER"}, events["gunmen"]
    assert not factual(events["no_home"], "ASSAULT"), "no page country, no guess"


@pytest.mark.parametrize(("name", "codes"), [("levels", {"KEN"}), ("numbers", {"IND", "CHN"})])
def test_a_measure_of_troops_raised_is_a_mobilisation(events, name, codes):
    found = factual(events[name], "MOBILIZE")
    assert found and set().union(*(e.actor_codes() for e in found)) == codes, events[name]
    assert not factual(events["prices"], "MOBILIZE")


@pytest.mark.parametrize(("sentence", "actor"), [
    ("Armenia called up reservists after the border clash.", "ARM"),
    ("The Kenyan president ordered troops to the Somali border.", "KEN"),
    ("India moved tanks to the Chinese border.", "IND"),
])
def test_calling_up_ordering_and_moving_forces_mobilise(sentence, actor):
    found = factual(events_of({"s": sentence})["s"], "MOBILIZE")
    assert found and found[0].actor_codes() == {actor}


@pytest.mark.parametrize("sentence", ["Kenya moved its embassy to Jerusalem.", "The president ordered troops to leave the capital."])
def test_other_moves_and_orders_do_not(sentence):
    assert not factual(events_of({"s": sentence})["s"], "MOBILIZE")


def test_weapons_delivered_are_aid_and_sold_are_military_cooperation():
    events = events_of({
        "delivered": "Turkey delivered drones to Azerbaijan.",
        "sold": "The US sold F-16 jets to Turkey.",
        "tea": "Kenya sold tea to Pakistan.",
    })
    found = factual(events["delivered"], "AID")
    assert found and found[0].actor_codes() == {"TUR"} and found[0].recipient_codes() == {"AZE"}
    found = factual(events["sold"], "COOPERATE")
    assert found and found[0].actor_codes() == {"USA"} and found[0].recipient_codes() == {"TUR"}
    assert not factual(events["tea"])
