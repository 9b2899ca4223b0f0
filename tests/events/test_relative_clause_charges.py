"""A charge made in a relative clause on the act it charges ("..., an act Baku denounced as a
provocation"): the clause's verb is an event of its own, against the act's author; a purpose clause
without a subject ("summoned the envoy to protest") stays part of the act it is the purpose of."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event

SENTENCES = {
    "omitted_pronoun": "Armenia shot down an Azerbaijani drone on Tuesday, an act Azerbaijan denounced as a provocation.",
    "which": "Armenia shot down an Azerbaijani drone on Tuesday, an act which Azerbaijan denounced as a provocation.",
    "that": "Ethiopian troops shelled a village in Eritrea on Monday, an attack that Eritrea condemned.",
    "purpose": "Ghana summoned the Nigerian ambassador to protest the raid.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "attacker", "victim"), [
    ("omitted_pronoun", "ARM", "AZE"), ("which", "ARM", "AZE"), ("that", "ETH", "ERI")])
def test_a_charge_in_a_relative_clause_falls_on_the_acts_author(events, name, attacker, victim):
    [attack] = factual(events[name], "ASSAULT")
    assert attack.actor_codes() == {attacker}
    [charge] = factual(events[name], "ACCUSE")
    assert charge.actor_codes() == {victim} and charge.recipient_codes() == {attacker}


def test_a_purpose_without_a_subject_stays_part_of_its_act(events):
    found = factual(events["purpose"])
    assert [e.trigger.text for e in found] == ["summoned"]
