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
    "appos": "Chile launched a raid on Peru on Monday. Peruvian President Alan Garcia called the raid "
             "\"a stab in the back from a neighbour,\" he said.",
    "freezes": "Canada and Britain announced travel bans and asset freezes against officials from Venezuela.",
    "modifier": "Trade ministers have announced EU-wide sanctions on Iranian drone makers.",
    "coordinated": "Ghana closed its border to Togolese traders and expelled the Togolese ambassador.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


def test_an_accusation_noun_in_apposition_to_the_object_accuses(events: dict[str, list[Event]]) -> None:
    accuse = _factual(events["appos"], "ACCUSE")
    assert accuse, events["appos"]
    assert accuse[0].actor_codes() == {"PER"} and accuse[0].recipient_codes() == {"CHL"}


def test_a_noun_read_as_a_verb_after_its_modifier_is_still_the_event_noun(events: dict[str, list[Event]]) -> None:
    sanction = _factual(events["freezes"], "SANCTION")
    assert sanction, events["freezes"]
    assert {"CAN", "GBR"} <= set().union(*(e.actor_codes() for e in sanction))
    assert all(e.recipient_codes() == {"VEN"} for e in sanction)


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
