"""Sixth round of extractor mechanisms, on sentences of our own making: a one-sided act of several
states is one event per state, national military platforms act for their country ("Chilean warplanes
bombed ..."), generic statements about a kind of act are no event, "inviting criticism" is no
agreement, and a state's denial of a report about its own official answers the report's author."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.extract import own_side_only, split_joint_actors
from storyline.events.records import Event, EventParticipant

SENTENCES = {
    "joint": "Australia and Norway imposed visa bans and asset freezes on several officials from Nicaragua.",
    "groups": "Militia fighters and bandit gangs attacked a convoy of aid workers near the town of Goma.",
    "platform": "Chilean warplanes bombed a Bolivian army post near the border on Monday.",
    "generic": "Drone strikes by foreign forces are deeply unpopular in the northern provinces.",
    "invite": "Kenyan helicopters struck a Somali camp, inviting sharp criticism from President Hassan Sheikh.",
    "claim": "Brazil today termed as \"baseless\" a report in Argentine newspapers that Foreign Minister "
             "Carlos Franca in a meeting with the Chilean envoy had admitted there was no raid.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


def test_a_joint_act_of_two_states_is_one_event_per_state(events: dict[str, list[Event]]) -> None:
    sanction = _factual(events["joint"], "SANCTION")
    assert sorted(tuple(sorted(e.actor_codes())) for e in sanction) == [("AUS",), ("NOR",)], sanction
    assert len({e.event_id for e in sanction}) == 2
    assert all(e.recipient_codes() == {"NIC"} for e in sanction)


def _side(text: str, country: str | None, kind: str) -> EventParticipant:
    return EventParticipant(text=text, name=text, actor_id=None, local_entity=None, country=country,
                            sector=None, start=0, end=len(text), kind=kind)


def test_joint_non_state_groups_and_reciprocal_events_are_not_split(events: dict[str, list[Event]]) -> None:
    base = _factual(events["joint"], "SANCTION")[0]
    groups = (_side("rebels", "COD", "group"), _side("bandits", "RWA", "group"))
    assert len(split_joint_actors(base.__class__(**{**_fields(base), "actors": groups}))) == 1
    states = (_side("Canada", "CAN", "state"), _side("Japan", "JPN", "state"))
    assert len(split_joint_actors(base.__class__(**{**_fields(base), "actors": states}))) == 2
    assert len(split_joint_actors(base.__class__(**{**_fields(base), "actors": states, "symmetric": True}))) == 1


def _fields(event: Event) -> dict[str, object]:
    return {f: getattr(event, f) for f in event.__dataclass_fields__}


def test_national_warplanes_are_the_actor_of_their_strike(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["platform"], "ASSAULT")
    assert assault and assault[0].actor_codes() == {"CHL"} and assault[0].recipient_codes() == {"BOL"}, assault


def test_a_generic_statement_about_strikes_is_no_event(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["generic"], "ASSAULT"), events["generic"]


def test_inviting_criticism_is_no_agreement(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["invite"], "AGREE"), events["invite"]
    assert any(e.actor_codes() == {"KEN"} for e in _factual(events["invite"], "ASSAULT")), events["invite"]


def test_a_denial_answers_the_report_not_the_states_own_minister(events: dict[str, list[Event]]) -> None:
    reject = _factual(events["claim"], "REJECT")
    assert reject and reject[0].actor_codes() == {"BRA"}, events["claim"]
    assert "BRA" not in reject[0].recipient_codes()


def test_own_side_only_needs_a_state_actor() -> None:
    state, minister = _side("Brazil", "BRA", "state"), _side("Carlos Franca", "BRA", "person")
    party = _side("the opposition", "BRA", "group")
    assert own_side_only((minister,), (state,))
    assert not own_side_only((minister,), (party,))
    assert not own_side_only((_side("Chile", "CHL", "state"),), (state,))
