"""An event noun a verb of receipt takes comes "from" its actor and falls on the verb's subject:
"X received an apology from Y" is Y's apology to X."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "received": "Kenya received an apology from Uganda over the border incident.",
    "welcomed": "Peru welcomed an apology from Chile for the incident.",
    "drew": "Nigerian troops shelled a village in Cameroon on Monday. The shelling drew condemnation from Ghana.",
    "sent": "Kenya sent an apology to Uganda over the border incident.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "recipient"), [("received", "UGA", "KEN"), ("welcomed", "CHL", "PER")])
def test_a_received_apology_is_the_senders(events, name, actor, recipient):
    found = factual(events[name], "CONCEDE")
    assert found, events[name]
    assert found[0].actor_codes() == {actor}
    assert {r.country for r in found[0].recipients} == {recipient}


def test_condemnation_drawn_from_a_state_is_its_accusation(events):
    found = factual(events["drew"], "ACCUSE")
    assert found and found[0].actor_codes() == {"GHA"}, events["drew"]


def test_a_sent_apology_keeps_its_subject_as_actor(events):
    found = factual(events["sent"], "CONCEDE")
    assert found and found[0].actor_codes() == {"KEN"}, events["sent"]
