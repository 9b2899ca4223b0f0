"""Breaking up a gathering by force is violent repression (CAMEO 175); a ban on trade with another
state is an embargo (SANCTION), a ban on a party or a rally at home stays coercion; a place named
with its division word ("in Kaduna state") places the event."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "dispersed": "Tunisian security forces dispersed a rally in Tunis with water cannon.",
    "crowd": "The crowd dispersed peacefully after the speech.",
    "imports": "Lithuania banned imports of fertiliser from Belarus.",
    "party": "Lithuania banned the opposition party.",
    "state": "Gunmen kidnapped 30 students in Kaduna state.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_dispersing_a_rally_is_repression(events):
    found = factual(events["dispersed"], "ASSAULT")
    assert found and found[0].actor_codes() == {"TUN"}, events["dispersed"]
    assert not events["crowd"]


def test_an_import_ban_is_a_sanction_and_a_party_ban_coercion(events):
    found = factual(events["imports"], "SANCTION")
    assert found and found[0].actor_codes() == {"LTU"} and found[0].recipient_codes() == {"BLR"}
    assert factual(events["party"], "COERCE") and not factual(events["party"], "SANCTION")


def test_a_division_named_with_its_word_places_the_attackers(events):
    found = factual(events["state"], "ASSAULT")
    assert found and found[0].actor_codes() == {"NGA"}, events["state"]


def test_ground_recaptured_is_seized_from_its_holder():
    found = factual(events_of({"r": "Somalia's army recaptured the town from al-Shabab militants."})["r"], "COERCE")
    assert found and found[0].actor_codes() == {"SOM"}, found
