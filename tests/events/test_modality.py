"""Negation, refusal, threats, conditions, future and reported speech, on sentences of our own."""

from __future__ import annotations

import pytest

from storyline.events.extract import extract_events
from storyline.events.records import Event
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import ReadPage, read_documents

CASES = {
    "negated": "Brazil did not meet the Peruvian delegation on Monday.",
    "never": "The Chilean president never met Bolivian President Luis Arce.",
    "refusal": "The Danish government refused to apologise to Iceland for the raid.",
    "threat": "Ankara warned Greece it will launch protests if the talks fail.",
    "future": "Kenyan President William Ruto will meet Ugandan President Yoweri Museveni on Monday.",
    "due": "Kenyan President William Ruto is due to meet Ugandan President Yoweri Museveni on Monday.",
    "plan": "Egypt plans to hold talks with Sudan next week.",
    "conditional": "Hungary said it would impose sanctions on Serbia if the border stayed closed.",
    "reported": "Rwandan officials said Ugandan troops attacked Kenyan soldiers on Friday.",
    "question": "Will Chile impose sanctions on Bolivia?",
    "factual": "Canada imposed sanctions on Iran on Thursday.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    docs = [build_document(Page(doc_id=name, source="test", fmt="text", content=f"World news\n\n{text}\n",
                                published="2021-03-05")) for name, text in CASES.items()]
    pages: list[ReadPage] = list(read_documents(docs))
    return {p.document.doc_id: extract_events(p) for p in pages}


def _of(events: list[Event], plover_type: str) -> list[Event]:
    return [e for e in events if e.type == plover_type]


@pytest.mark.parametrize("name", ["negated", "never"])
def test_negated_meetings(events: dict[str, list[Event]], name: str) -> None:
    meetings = _of(events[name], "CONSULT")
    assert meetings and all(e.negated and not e.factual for e in meetings)


def test_refusal_is_a_reject_and_the_apology_did_not_happen(events: dict[str, list[Event]]) -> None:
    rejects = _of(events["refusal"], "REJECT")
    assert rejects and rejects[0].factual and rejects[0].actor_codes() == {"DNK"}
    assert all(not e.factual for e in _of(events["refusal"], "CONCEDE"))


def test_threat_happened_but_the_protest_is_hypothetical(events: dict[str, list[Event]]) -> None:
    threats = _of(events["threat"], "THREATEN")
    assert threats and threats[0].factual and threats[0].actor_codes() == {"TUR"}
    assert all(e.hypothetical for e in _of(events["threat"], "PROTEST"))


@pytest.mark.parametrize("name", ["future", "due", "plan"])
def test_future_meetings_are_hypothetical(events: dict[str, list[Event]], name: str) -> None:
    """Not met yet: no meeting happened, but the report announces one, PLOVER's intent to meet."""
    assert not [e for e in _of(events[name], "CONSULT") if e.factual]
    assert [e for e in _of(events[name], "AGREE") if e.factual and e.cameo == "036"]


def test_conditional_sanctions_are_hypothetical(events: dict[str, list[Event]]) -> None:
    """Sanctions announced under a condition were not imposed: the announcement is a threat."""
    assert not [e for e in _of(events["conditional"], "SANCTION") if e.factual]
    assert [e for e in _of(events["conditional"], "THREATEN") if e.factual]


def test_question_is_hypothetical(events: dict[str, list[Event]]) -> None:
    assert events["question"] and all(e.hypothetical for e in events["question"])


def test_reported_attack_is_factual_with_its_source(events: dict[str, list[Event]]) -> None:
    attacks = _of(events["reported"], "ASSAULT")
    assert attacks and attacks[0].factual and attacks[0].actor_codes() == {"UGA"}
    assert attacks[0].recipient_codes() == {"KEN"}
    assert attacks[0].quote is not None and not attacks[0].quote.direct
    assert "attacked" in attacks[0].quote.text
    assert attacks[0].quote.speaker is not None and attacks[0].quote.speaker.country == "RWA"
    assert not [e for e in events["reported"] if e.trigger.text == "said"]


def test_plain_past_event_is_factual(events: dict[str, list[Event]]) -> None:
    sanctions = _of(events["factual"], "SANCTION")
    assert sanctions and sanctions[0].factual and "negated" not in " ".join(sanctions[0].cues)
