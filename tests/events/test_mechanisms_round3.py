"""Third round of extractor mechanisms, on sentences of our own making: domestic coercion, the
author of a rejected claim, disputed and doubted claims, decided acts, denying subjects, purpose
nouns, first-person speakers in quotes, meetings of one body, armed groups coded by place."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event
from storyline.events.words import load_words

SENTENCES = {
    "coup": "Gabon's army commander seized power on Friday in a bloodless putsch.",
    "curfew": "The Ecuadorian government imposed a curfew on the capital.",
    "rejected_report": "Zambia on Friday rejected as false a Malawian radio report that claimed 15 Zambian police "
                       "officers died in an ambush by Angolan soldiers.",
    "earlier_report": "A Somali report said Kenyan troops had withdrawn. Kenya dismissed the report as baseless.",
    "claimed": "A Moroccan television channel claimed that Algerian troops attacked Moroccan soldiers.",
    "decided": "European Union ministers agreed to impose sanctions on 14 Belarusian officials.",
    "decided_new": "The European Union's ministers have agreed to impose new sanctions on 14 Belarusian officials.",
    "decided_monday": "EU ministers decided on Monday to impose sanctions on 14 Belarusian officials.",
    "agreed_with": "Chile agreed with Peru to reopen the border crossing.",
    "purpose_noun": "Uruguay summoned Argentina's envoy on Friday to register a strong protest over the arrests.",
    "quote_speaker": "\"Colombian officials showed understanding for our demands,\" Venezuelan envoy Carlos Ruiz said.",
    "own_meeting": "The Kenyan cabinet held an emergency meeting of its defence committee on Sunday after the "
                   "Ugandan raid.",
    "group_in_place": "A French drone strike killed al Qaeda militants in northern Mali.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


@pytest.mark.parametrize("name,country", [("coup", "GAB"), ("curfew", "ECU")])
def test_coercion_without_a_target_falls_on_the_actors_own_state(events: dict[str, list[Event]], name: str,
                                                                   country: str) -> None:
    coerce = _factual(events[name], "COERCE")
    assert coerce, events[name]
    assert coerce[0].actor_codes() == {country} and coerce[0].recipient_codes() == {country}


def test_a_rejected_reports_author_is_the_recipient(events: dict[str, list[Event]]) -> None:
    reject = _factual(events["rejected_report"], "REJECT")
    assert len(reject) == 1
    assert reject[0].actor_codes() == {"ZMB"} and reject[0].recipient_codes() == {"MWI"}


def test_the_claim_a_denial_rejects_did_not_happen_as_reported(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["rejected_report"], "ASSAULT")


def test_the_report_dismissed_takes_its_author_from_an_earlier_mention(events: dict[str, list[Event]]) -> None:
    reject = _factual(events["earlier_report"], "REJECT")
    assert len(reject) == 1 and reject[0].recipient_codes() == {"SOM"}


def test_a_claimed_attack_is_hypothetical(events: dict[str, list[Event]]) -> None:
    assault = [e for e in events["claimed"] if e.type == "ASSAULT"]
    assert assault and all(e.hypothetical for e in assault)


@pytest.mark.parametrize("name", ["decided", "decided_new", "decided_monday"])
def test_a_decided_act_is_the_event_not_an_agreement(events: dict[str, list[Event]], name: str) -> None:
    found = _factual(events[name])
    assert [e.type for e in found] == ["SANCTION"]
    assert found[0].actor_codes() == {"EU"} and found[0].recipient_codes() == {"BLR"}


def test_an_agreement_with_another_party_stays_an_agreement(events: dict[str, list[Event]]) -> None:
    agree = _factual(events["agreed_with"], "AGREE")
    assert len(agree) == 1 and agree[0].recipient_codes() == {"PER"}


def test_a_protest_noun_carried_by_a_purpose_clause_is_not_a_second_event(events: dict[str, list[Event]]) -> None:
    found = _factual(events["purpose_noun"])
    assert [e.type for e in found] == ["ACCUSE"]


def test_first_person_in_a_quote_is_the_speaker(events: dict[str, list[Event]]) -> None:
    found = _factual(events["quote_speaker"], "REQUEST")
    assert found and all(e.actor_codes() == {"VEN"} for e in found)


def test_a_meeting_of_one_body_has_no_foreign_counterpart(events: dict[str, list[Event]]) -> None:
    consult = _factual(events["own_meeting"], "CONSULT")
    assert not any("UGA" in e.recipient_codes() for e in consult)


def test_an_armed_group_target_is_coded_by_the_place(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["group_in_place"], "ASSAULT")
    assert len(assault) == 1
    assert assault[0].actor_codes() == {"FRA"} and assault[0].recipient_codes() == {"MLI"}


def test_new_word_lists_parse() -> None:
    words = load_words()
    assert "173" in words.domestic_cameo and "REJECT" in words.claim_types
    assert "report" in words.claim_nouns and "claim" in words.doubt_verbs
    assert "agree" in words.decision_heads and "we" in words.first_person and "none" in words.negative_subjects
