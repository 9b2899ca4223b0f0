"""The classifier proposes events in sentences where the trigger lexicon found none."""

from __future__ import annotations

import pytest

from storyline.events.detector import PROPOSED_CUE, confident_type
from storyline.events.extract import ExtractOptions, extract_events
from storyline.read import read_documents

from .sentence_events import sentence_page

SENTENCES = {
    "joint": "Brazil's navy and Argentina's navy held joint manoeuvres off the coast on Tuesday.",
    "lexicon": "Polish troops pulled out of the disputed border town on Sunday.",
    "vague": "The weather in the capital was mild for the season on Monday.",
}


@pytest.fixture(scope="module")
def pages():
    return {p.document.doc_id: p for p in read_documents([sentence_page(k, v) for k, v in SENTENCES.items()])}


def test_a_sentence_without_trigger_gets_the_classifiers_type(pages):
    events = [e for e in extract_events(pages["joint"]) if e.factual]
    assert [(e.type, PROPOSED_CUE in e.cues) for e in events] == [("COOPERATE", True)]
    assert events[0].actor_codes() == {"BRA"} and events[0].recipient_codes() == {"ARG"}
    assert events[0].trigger.text == "held"


def test_proposals_can_be_turned_off(pages):
    assert extract_events(pages["joint"], options=ExtractOptions(propose=False)) == []


def test_a_sentence_with_a_trigger_is_left_to_the_lexicon(pages):
    events = extract_events(pages["lexicon"])
    assert events and not any(PROPOSED_CUE in e.cues for e in events)


def test_no_event_without_a_confident_type_or_an_actor(pages):
    assert extract_events(pages["vague"]) == []


def test_confident_type():
    assert confident_type({"AID": 0.85, "SUPPORT": 0.1}, 0.8) == "AID"
    assert confident_type({"AID": 0.55, "SUPPORT": 0.4}, 0.8) is None
    assert confident_type({}, 0.8) is None
