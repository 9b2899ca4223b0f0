"""Fourth round of extractor mechanisms, on sentences of our own making: making a side leave,
infinitive conjuncts sharing their controller, threats aimed at a threatened act's object or at a
group's own state, sanctions on named officials, acts named only as what must end, firing between
two conjoined sides, times of day dating events to the day, and weeks dating them to their month."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.lexicon import parse_cues
from storyline.events.records import Event
from storyline.events.words import load_words

SENTENCES = {
    "forced": "Tanzania shut two ports and forced British personnel to leave a naval station on the coast.",
    "told": "Last August Tanzania also told France to leave its naval station.",
    "conj_controller": "The raid prompted Senegal to shut its border to Italian convoys and evict Spanish personnel "
                       "from an air base.",
    "conj_controller_to": "The attack prompted Peru to shut its border to Chilean trucks and to evict Bolivian "
                          "diplomats from the capital.",
    "threat_object": "Boko Haram has warned it will target Nigerian lawmakers if they approve the law.",
    "threat_domestic": "Al-Shabaab has warned it will stage countrywide strikes if the elections go ahead.",
    "threat_domestic_rallies": "The Taliban threatened to organise mass rallies across the country if the dam is built.",
    "threat_state": "Russia warned it would respond to any Turkish incursion.",
    "targeted_officials": "Britain said it had targeted nine senior Belarusian government officials.",
    "ban_officials": "Canada announced a ban on officials of Venezuela.",
    "ended": "The panel listed 25 proposals for repairing Chad-France relations, among them an end to French air "
             "raids.",
    "firing_between": "Firing between Eritrean and Ethiopian troops broke out near the river late on Sunday night.",
    "last_week": "Last week Chile summoned the Peruvian ambassador to protest the shelling of its fishing boats.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


_factual = factual


@pytest.mark.parametrize("name,actor,recipient", [("forced", "TZA", "GBR"), ("told", "TZA", "FRA")])
def test_making_a_side_leave_is_coercion_by_who_makes_it(events: dict[str, list[Event]], name: str,
                                                         actor: str, recipient: str) -> None:
    coerce = [e for e in _factual(events[name], "COERCE") if e.trigger.text in {"forced", "told"}]
    assert coerce, events[name]
    assert coerce[0].actor_codes() == {actor} and coerce[0].recipient_codes() == {recipient}


@pytest.mark.parametrize("name,actor", [("conj_controller", "SEN"), ("conj_controller_to", "PER")])
def test_an_infinitive_conjunct_shares_the_controller(events: dict[str, list[Event]], name: str, actor: str) -> None:
    evict = [e for e in _factual(events[name]) if e.trigger.text == "evict"]
    shut = [e for e in _factual(events[name]) if e.trigger.text == "shut"]
    # the two acts may be merged as one coercion by the controller; either way it is the actor
    assert (evict or shut) and all(e.actor_codes() == {actor} for e in evict + shut)


def test_a_threat_targets_the_object_of_the_threatened_act(events: dict[str, list[Event]]) -> None:
    threat = _factual(events["threat_object"], "THREATEN")
    assert threat and threat[0].actor_codes() == {"NGA"} and threat[0].recipient_codes() == {"NGA"}


@pytest.mark.parametrize("name,country", [("threat_domestic", "SOM"), ("threat_domestic_rallies", "AFG")])
def test_an_untargeted_threat_by_a_non_state_group_falls_on_its_own_state(events: dict[str, list[Event]], name: str,
                                                                          country: str) -> None:
    threat = _factual(events[name], "THREATEN")
    assert threat and threat[0].actor_codes() == {country} and threat[0].recipient_codes() == {country}


def test_a_states_threat_is_not_made_domestic(events: dict[str, list[Event]]) -> None:
    threat = _factual(events["threat_state"], "THREATEN")
    assert threat and threat[0].recipient_codes() == {"TUR"}


def test_targeting_officials_is_a_sanction(events: dict[str, list[Event]]) -> None:
    found = _factual(events["targeted_officials"])
    assert [e.type for e in found] == ["SANCTION"]
    assert found[0].actor_codes() == {"GBR"} and found[0].recipient_codes() == {"BLR"}


def test_a_ban_on_officials_is_a_sanction(events: dict[str, list[Event]]) -> None:
    found = _factual(events["ban_officials"])
    assert found and {e.type for e in found} == {"SANCTION"}


def test_an_act_named_as_what_must_end_is_not_reported(events: dict[str, list[Event]]) -> None:
    assert not _factual(events["ended"], "ASSAULT")


def test_firing_between_two_conjoined_sides_dated_by_its_time_of_day(events: dict[str, list[Event]]) -> None:
    assault = _factual(events["firing_between"], "ASSAULT")
    assert assault, events["firing_between"]
    sides = assault[0].actor_codes() | assault[0].recipient_codes()
    assert sides == {"ERI", "ETH"}
    assert assault[0].date == "2021-02-28" and assault[0].date_precision == "day"


def test_a_week_dates_its_event_to_the_month_it_lies_in(events: dict[str, list[Event]]) -> None:
    summoned = [e for e in _factual(events["last_week"]) if e.trigger.text == "summoned"]
    assert summoned, events["last_week"]
    # published Friday 2021-03-05: last week is 22-28 February
    assert (summoned[0].date, summoned[0].date_precision) == ("2021-02", "month")


@pytest.mark.parametrize("week,month", [("2015-W48", "2015-11"), ("2021-W08", "2021-02"),
                                        ("2021-W13", None),  # 29 March - 4 April: no one month
                                        ("2021-W60", None), ("2021-02", None)])
def test_week_month(week: str, month: str | None) -> None:
    from storyline.events.when import week_month

    assert week_month(week) == month


def test_the_new_word_lists_parse() -> None:
    words = load_words()
    assert "INS" in words.domestic_threat_sectors and "GOV" not in words.domestic_threat_sectors
    assert "end" in words.cessation_nouns
    assert parse_cues("inf:leave|vacate")[0].rel == "inf"
