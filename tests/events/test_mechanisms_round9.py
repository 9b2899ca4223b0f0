"""Ninth round of extractor mechanisms, on sentences of our own making: a demand to end an act is
a request of the act's author; a name's clause that says which country's office it took gives the
person that country; a finite verb hung under an infinitive is the asker's own act."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tests.events.sentence_events import events_of, factual

from storyline.events.modality import misattached_conjunct
from storyline.events.records import Event

SENTENCES = {
    "end_to_earlier": "Five herders died on Sunday in a suspected Iranian drone strike in western Afghanistan. It "
                      "was the first such raid since Amina Darwish took office as Afghanistan's president and "
                      "demanded that the raids end.",
    "end_to_these": "A suspected Iranian drone raid killed five herders in western Afghanistan. The raid was the "
                    "first since Amina Darwish took over as Afghanistan's president and promptly demanded an end to "
                    "these attacks.",
    "called_for_end": "Five herders died on Sunday in a suspected Iranian drone strike in western Afghanistan. It "
                      "was the first such raid since Amina Darwish took office as Afghanistan's president and "
                      "called for an end to the air strikes.",
    "end_to_named": "Kenya demanded an end to Somali raids.",
    "stop_verb": "The summoning came just two days after Iraq's president demanded in his inaugural address "
                 "that Turkey stop its drone strikes.",
    "no_act": "Kenya demanded an end to the talks.",
    "office": "Maria Lopez was sworn in as Peru's foreign minister on Monday. Lopez condemned the Chilean raid.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name", ["end_to_earlier", "end_to_these", "called_for_end"])
def test_a_demanded_end_to_an_earlier_attack_is_asked_of_its_author(events: dict[str, list[Event]], name: str) -> None:
    [request] = factual(events[name], "REQUEST")
    assert request.actor_codes() == {"AFG"} and request.recipient_codes() == {"IRN"}


def test_a_demanded_end_to_a_named_act_is_asked_of_its_modifier(events: dict[str, list[Event]]) -> None:
    [request] = factual(events["end_to_named"], "REQUEST")
    assert request.actor_codes() == {"KEN"} and request.recipient_codes() == {"SOM"}


def test_a_demand_that_someone_stop_is_asked_of_that_someone(events: dict[str, list[Event]]) -> None:
    [request] = factual(events["stop_verb"], "REQUEST")
    assert request.actor_codes() == {"IRQ"} and request.recipient_codes() == {"TUR"}


def test_an_end_to_something_not_hostile_finds_no_author(events: dict[str, list[Event]]) -> None:
    assert all(not e.recipient_codes() for e in factual(events["no_act"], "REQUEST"))


def test_the_office_a_person_was_sworn_into_gives_the_country(events: dict[str, list[Event]]) -> None:
    [charge] = factual(events["office"], "ACCUSE")
    assert charge.actor_codes() == {"PER"}


def _parsed(words: list[str], tags: list[str], deps: list[str], heads: list[int]) -> Doc:
    return Doc(Vocab(), words=words, tags=tags, deps=deps, heads=heads)


def test_a_past_tense_conjunct_of_an_infinitive_is_misattached() -> None:
    words = ["Chile", "asked", "Peru", "to", "leave", "Arica", "and", "closed", "the", "road"]
    tags = ["NNP", "VBD", "NNP", "TO", "VB", "NNP", "CC", "VBD", "DT", "NN"]
    deps = ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "cc", "conj", "det", "dobj"]
    heads = [1, 1, 1, 4, 1, 4, 4, 4, 9, 7]
    doc = _parsed(words, tags, deps, heads)
    assert misattached_conjunct(doc[7])
    tags[7] = "VB"  # "asked Peru to leave Arica and close the road": Peru's act
    assert not misattached_conjunct(_parsed(words, tags, deps, heads)[7])
