"""Fifth round of extractor mechanisms, on sentences of our own making: accusation nouns in
apposition to the object ("called the raid, an act of aggression"), two-word event nouns the parser
reads as verbs ("asset freezes"), an event noun's actor named by its modifier when the subject has no
country ("Union-wide sanctions"), and coordinated acts of different kinds kept as two events."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.dedupe import dedupe_events
from storyline.events.records import Event

SENTENCES = {
    "appos": "Ecuador shelled a Colombian outpost on Monday. Colombian President Ivan Duarte called the shelling "
             "\"a betrayal by a friend,\" an aide said.",
    "appos_provocation": "Ecuador shelled a Colombian outpost on Monday. Colombian President Ivan Duarte called the "
                         "shelling \"a blatant provocation by a neighbour,\" he said.",
    "freezes": "Norway and Australia announced visa bans and asset freezes on Nicaraguan officials.",
    "modifier": "Trade ministers have announced EU-wide sanctions on Iranian drone makers.",
    "coordinated": "Ghana closed its border to Togolese traders and expelled the Togolese ambassador.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


@pytest.mark.parametrize("name", ["appos", "appos_provocation"])
def test_an_accusation_noun_in_apposition_to_the_object_accuses(events: dict[str, list[Event]], name: str) -> None:
    accuse = _factual(events[name], "ACCUSE")
    assert accuse, events[name]
    assert accuse[0].actor_codes() == {"COL"} and accuse[0].recipient_codes() == {"ECU"}


def test_a_noun_read_as_a_verb_after_its_modifier_is_still_the_event_noun(events: dict[str, list[Event]]) -> None:
    sanction = _factual(events["freezes"], "SANCTION")
    assert sanction, events["freezes"]
    assert {"NOR", "AUS"} <= set().union(*(e.actor_codes() for e in sanction))
    assert all(e.recipient_codes() == {"NIC"} for e in sanction)


def test_a_modifier_names_the_actor_when_the_subject_has_no_country(events: dict[str, list[Event]]) -> None:
    sanction = _factual(events["modifier"], "SANCTION")
    assert sanction and sanction[0].actor_codes() == {"EU"}, events["modifier"]


def test_coordinated_acts_of_different_kinds_stay_two_events(events: dict[str, list[Event]]) -> None:
    found = [e for e in events["coordinated"] if e.factual]
    assert {e.trigger.text for e in found} >= {"closed", "expelled"}, found


def test_a_distinct_pair_is_never_merged(events: dict[str, list[Event]]) -> None:
    found = [e for e in events["coordinated"] if e.factual]
    first = found[0]
    twin = type(first)(**{**{f: getattr(first, f) for f in first.__dataclass_fields__}, "event_id": "twin"})
    assert len(dedupe_events([first, twin])) == 1
    assert len(dedupe_events([first, twin], distinct=frozenset({frozenset({first.event_id, "twin"})}))) == 2
