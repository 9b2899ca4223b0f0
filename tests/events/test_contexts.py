"""PLOVER contexts from the sides' sectors and the sentence's words."""

from __future__ import annotations

from storyline.events.contexts import context_cues, event_contexts
from storyline.events.records import Event, EventParticipant, Evidence


def _side(country: str, sector: str | None) -> EventParticipant:
    return EventParticipant(text=country, name=None, actor_id=None, local_entity=None, country=country, sector=sector,
                            start=0, end=1)


def _event(sentence: str, *sides: EventParticipant) -> Event:
    ev = Evidence(text=sentence, start=0, end=len(sentence))
    return Event(event_id="e", doc_id="d", type="CONSULT", mode=None, actors=sides[:1], recipients=sides[1:],
                 evidence=ev, trigger=ev)


def test_cues_parse():
    names = [c.context for c in context_cues()]
    assert {"military", "diplomatic", "economic", "terrorism"} <= set(names)


def test_contexts_from_sectors_and_words():
    event = _event("The Chilean army chief met the Peruvian ambassador to discuss the border.",
                   _side("CHL", "MIL"), _side("PER", "GOV"))
    assert event_contexts(event) == ("military", "executive", "diplomatic", "territory")


def test_no_cue_no_context():
    assert event_contexts(_event("They met on Monday.", _side("CHL", None))) == ()
