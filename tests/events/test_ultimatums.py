"""A deadline one side sets for another to act is an ultimatum (CAMEO 139, PLOVER THREATEN): made by
the side that sets or gives it, to the side that must act; "set" carries the noun as a light verb and
makes no unreal event of it (it does only for an infinitive: "talks are set to resume")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "set_for": "Turkey has set a March 1 deadline for Russia to vacate the airbase.",
    "gave": "Kenya gave Somalia a deadline of 30 days to withdraw its troops.",
    "ultimatum": "Hungary issued an ultimatum to Serbia to reopen the border crossing.",
    "set_to": "Talks between Ghana and Togo are set to resume next week.",
    "no_side": "The committee set a deadline for the completion of the report.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "recipient"), [("set_for", "TUR", "RUS"), ("gave", "KEN", "SOM"),
                                                          ("ultimatum", "HUN", "SRB")])
def test_a_deadline_for_another_side_is_an_ultimatum(events, name, actor, recipient):
    found = factual(events[name], "THREATEN")
    assert found, events[name]
    assert found[0].actor_codes() == {actor}
    assert {r.country for r in found[0].recipients} == {recipient}
    assert found[0].recipients[0].rule == "clause"


def test_set_still_makes_an_infinitive_unreal(events):
    assert not factual(events["set_to"], "CONSULT"), events["set_to"]


def test_a_deadline_for_a_task_is_no_event(events):
    assert not events["no_side"]


OPERATIONS = {
    "military": "The Nigerian army launched a military operation against Boko Haram in Borno state on Monday.",
    "joint": "Ghana and Togo launched a joint military operation against smugglers.",
    "rescue": "The Indian air force conducted a rescue operation in Kerala.",
    "summoned": "Egypt's foreign ministry summoned the Israeli charge d'affaires in Cairo.",
}


@pytest.fixture(scope="module")
def operations() -> dict[str, list[Event]]:
    return events_of(OPERATIONS)


def test_a_military_operation_against_a_side_is_an_assault(operations):
    found = factual(operations["military"], "ASSAULT")
    assert found and found[0].actor_codes() == {"NGA"}, operations["military"]


def test_a_joint_or_rescue_operation_is_no_assault(operations):
    assert not factual(operations["joint"], "ASSAULT")
    assert factual(operations["joint"], "COOPERATE")
    assert not factual(operations["rescue"], "ASSAULT")


def test_summoning_a_charge_d_affaires_is_a_protest_to_their_state(operations):
    found = factual(operations["summoned"], "ACCUSE")
    assert found and found[0].actor_codes() == {"EGY"}, operations["summoned"]
