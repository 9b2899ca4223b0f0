"""The extractor's general mechanisms, each on sentences of our own making (other countries, other people):
light verbs, composite events, event nouns' actors, purpose clauses, refusals to comment, governed
dates, recipients, and within-page merging."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.dedupe import sides_agree
from storyline.events.records import Event, EventParticipant
from storyline.events.words import load_words

SENTENCES = {
    "light_verb": "Two top French generals held talks with the Malian army chief on Wednesday.",
    "condemned_attack": "Kenya condemned the attack on the Somali border post.",
    "composite": "Israeli air strikes killed 24 Palestinian fighters in November.",
    "relative": "A Turkish drone strike that killed a Syrian commander hit the village.",
    "modifier_country": "A suspected US drone attack killed seven people in northern Yemen.",
    "purpose": "The Kenyan delegation travelled to Uganda to discuss the border dispute.",
    "performed_purpose": "Chile summoned the Peruvian ambassador to protest over the shooting.",
    "no_comment": "A Ghanaian official declined to give further details on Friday.",
    "arrival": "The Brazilian foreign minister arrived in Argentina on Monday.",
    "abstract_noun": "The statement praised the growing partnership between Chile and Peru.",
    "governed_date": "Ethiopian troops attacked Eritrean positions after the Kenyan president had hosted talks "
                     "on Tuesday.",
    "asked_to": "The Ghanaian government has for long been asking Togo to close its border crossings.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


def test_light_verb_gives_subject_as_actor_and_with_object_as_recipient(events: dict[str, list[Event]]) -> None:
    consult = _factual(events["light_verb"], "CONSULT")
    assert len(consult) == 1
    assert consult[0].actor_codes() == {"FRA"} and consult[0].recipient_codes() == {"MLI"}
    assert consult[0].date == "2021-03-03"  # the Wednesday before publication


def test_an_event_noun_under_an_ordinary_verb_is_not_the_subjects_act(events: dict[str, list[Event]]) -> None:
    found = events["condemned_attack"]
    assert [e.type for e in _factual(found)] == ["ACCUSE"]
    assert not any(e.type == "ASSAULT" and "KEN" in e.actor_codes() for e in found)


def test_noun_subject_and_verb_make_one_composite_event(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["composite"], "ASSAULT")
    assert len(assault) == 1
    assert assault[0].actor_codes() == {"ISR"} and assault[0].recipient_codes() == {"PSE"}
    assert assault[0].date == "2020-11"


def test_relative_pronoun_subject_takes_the_event_noun_it_stands_for(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["relative"], "ASSAULT")
    assert len(assault) == 1
    assert assault[0].actor_codes() == {"TUR"} and assault[0].recipient_codes() == {"SYR"}


def test_country_modifier_without_mention_names_the_actor(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["modifier_country"], "ASSAULT")
    assert len(assault) == 1
    assert assault[0].actor_codes() == {"USA"} and assault[0].recipient_codes() == {"YEM"}


def test_purpose_infinitive_is_intended_not_done(events: dict[str, list[Event]]) -> None:
    discuss = [e for e in events["purpose"] if e.trigger.text == "discuss"]
    assert discuss and all(e.hypothetical for e in discuss)
    assert any("hypothetical:purpose" in e.cues for e in discuss)


def test_performative_purpose_of_an_event_is_not_a_second_event(events: dict[str, list[Event]]) -> None:
    found = _factual(events["performed_purpose"])
    assert [e.type for e in found] == ["ACCUSE"]
    assert found[0].actor_codes() == {"CHL"} and found[0].recipient_codes() == {"PER"}


def test_declining_to_give_information_is_not_a_rejection(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["no_comment"], "REJECT")


def test_arriving_is_not_a_meeting(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["arrival"], "CONSULT")


def test_abstract_relation_noun_is_not_an_event(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["abstract_noun"], "COOPERATE")


def test_date_of_another_clause_is_not_taken(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["governed_date"], "ASSAULT")
    consult = _factual(events["governed_date"], "CONSULT")
    assert assault and assault[0].date is None
    assert consult and consult[0].date == "2021-03-02"


def test_object_of_a_request_is_its_recipient(events: dict[str, list[Event]]) -> None:
    request = _factual(events["asked_to"], "REQUEST")
    assert request and request[0].actor_codes() == {"GHA"} and request[0].recipient_codes() == {"TGO"}


def _side(entity: str, kind: str, country: str = "KEN") -> EventParticipant:
    return EventParticipant(text=entity, name=entity, actor_id=None, local_entity=entity, country=country,
                            sector=None, start=0, end=1, kind=kind)


def test_two_office_holders_of_one_country_are_different_sides() -> None:
    assert not sides_agree([_side("e1", "role")], [_side("e2", "person")], empty_ok=False)
    assert sides_agree([_side("e1", "state")], [_side("e2", "person")], empty_ok=False)
    assert sides_agree([_side("e1", "role")], [_side("e1", "role")], empty_ok=False)


def test_new_word_lists_parse() -> None:
    words = load_words()
    assert {"hold", "launch", "impose"} <= words.light_verbs
    assert "during" in words.participation_preps and "cooperation" in words.abstract_nouns
    assert "comment" in words.comment_verbs and "protest" in words.performative_purposes
