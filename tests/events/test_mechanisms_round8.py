"""Eighth round of extractor mechanisms, on sentences of our own making: a recipient fallback never
crosses into another coordinated clause, a charge against "the incident" falls on the author of the
page's nearest earlier hostile act, "a claim backed by X" makes X support the claim's author, and an
apposition names a phrase's actor before its modifier does; a place is never taken from another
coordinated clause."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual, sentence_page

from storyline.events.participants import PageParticipants
from storyline.events.records import Event
from storyline.read import read_documents
from storyline.events.words import load_words

SENTENCES = {
    "coordinated": "Caracas insisted that the drone had stayed inside Venezuelan airspace, and Quito denounced "
                   "the flight as a provocation.",
    "incident": "Greek warships fired on a Turkish trawler near the island on Monday. Later that day Ankara "
                "denounced the incident as \u201cblatant piracy\u201d.",
    "backed": "Morocco said the drones had crossed the border twice, a claim backed up by its African Union partner "
              "Mauritania.",
    "backed_close": "Morocco said the drones had crossed the border twice, a claim backed up by its close ally France.",
    "backed_government": "The Moroccan army said the smugglers had crossed the border once, a claim backed up by the "
                         "French government.",
    "no_author": "Officials said the vote was fair, a claim backed by Brazil.",
    "conj_date": "Chile on Monday expelled the Peruvian ambassador and closed its border crossings.",
    "modifier_country": "Peru closed its ports to U.S. military supplies.",
    "two_places": "Within days Peru closed the roads that brought supplies to foreign soldiers in Ecuador, and it "
                  "later told Canada to leave a naval base in Arequipa.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_recipient_never_comes_from_another_coordinated_clause() -> None:
    [page] = list(read_documents([sentence_page("c", SENTENCES["coordinated"])]))
    parts = PageParticipants(page)
    trigger = next(t for t in page.doc if t.lower_ == "denounced")
    near = {m.country for m, _ in parts.sentence_mentions_near(trigger, same_clause=True)}
    assert "ECU" in near and "VEN" not in near
    first = next(t for t in page.doc if t.lower_ == "insisted")
    assert "ECU" not in {m.country for m, _ in parts.sentence_mentions_near(first, same_clause=True)}


def test_a_charge_against_the_incident_falls_on_the_earlier_attacker(events: dict[str, list[Event]]) -> None:
    [charge] = factual(events["incident"], "ACCUSE")
    assert charge.actor_codes() == {"TUR"} and charge.recipient_codes() == {"GRC"}


@pytest.mark.parametrize("name,backer", [("backed", "MRT"), ("backed_close", "FRA"), ("backed_government", "FRA")])
def test_a_backed_claim_is_support_for_its_author(events: dict[str, list[Event]], name: str, backer: str) -> None:
    [support] = factual(events[name], "SUPPORT")
    assert support.actor_codes() == {backer} and support.recipient_codes() == {"MAR"}


@pytest.mark.parametrize("text", [
    "Morocco said the drones had crossed the border twice, a claim backed up by its EU partner Spain.",
    "Morocco said the drones had crossed the border twice, a claim later backed up by its EU partner Spain.",
    "The Moroccan army said the rebels had violated the frontier, a claim backed by its EU partner Spain.",
    "Moroccan officials said the rebels had entered the country, a claim backed up by its EU partner Spain.",
    "The Moroccan army said the gunmen had entered the country twice, a claim backed up by its EU partner Spain.",
])
def test_a_backed_claim_is_support_for_its_author_whatever_the_claims_attachment(text: str) -> None:
    [support] = factual(events_of({"b": text})["b"], "SUPPORT")
    assert support.actor_codes() == {"ESP"} and support.recipient_codes() == {"MAR"}


def test_a_backed_claim_without_an_author_codes_no_pair(events: dict[str, list[Event]]) -> None:
    assert factual(events["no_author"], "SUPPORT") == []


def test_new_word_lists_parse() -> None:
    words = load_words()
    assert "incident" in words.act_anaphors and "ASSAULT" in words.hostile_types


def test_a_place_never_comes_from_another_coordinated_clause(events: dict[str, list[Event]]) -> None:
    told = [e for e in factual(events["two_places"]) if e.trigger.text == "told"]
    assert told, events["two_places"]
    assert told[0].location is not None and told[0].location.text == "Arequipa"


def test_a_verb_coordinated_with_a_dated_one_shares_its_date(events: dict[str, list[Event]]) -> None:
    closed = [e for e in factual(events["conj_date"]) if e.trigger.text == "closed"]
    assert closed, events["conj_date"]
    assert (closed[0].date, closed[0].date_precision) == ("2021-03-01", "day")  # Monday before 2021-03-05


def test_a_country_named_as_a_modifier_is_not_where_the_act_happened(events: dict[str, list[Event]]) -> None:
    closed = [e for e in factual(events["modifier_country"]) if e.trigger.text == "closed"]
    assert closed, events["modifier_country"]
    assert closed[0].location is None or closed[0].location.country != "USA"
