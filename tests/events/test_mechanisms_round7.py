"""Seventh round of extractor mechanisms, on sentences of our own making: an attack noun's actor
from a relative clause that makes it answerable ("for which X refused to apologise"), an attack
noun misparsed under its clause's conjunction, places in another clause or in a "with" party's
sentence are never recipients or locations, events sequenced by "after/before" never merge, and
coordinated nationality adjectives give one side per country."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.events.records import Event
from storyline.events.words import load_words

SENTENCES = {
    "answerable": "The March 3 raid, for which Turkey has refused to apologise, prompted Greece to recall its ambassador.",
    "claimed": "The shelling, for which Russia claimed responsibility, wounded five Ukrainian policemen.",
    "blamed": "The May 2 bombing, for which Serbia was blamed, led to the closure of the border with Kosovo.",
    "unanswerable": "The raid, for which Turkey has paid a high price, prompted Greece to recall its ambassador.",
    "talks": "The navy chiefs of Chile met a day after President Pedro Alvarez held talks with Brazilian "
             "President Lula on the sidelines of a trade summit in Tokyo.",
    "coordinated": "The bloc's ministers imposed EU-wide sanctions against 17 Belarusian and Russian generals on Monday.",
    "coordinated_on": "Finance ministers of the bloc have imposed EU-wide sanctions on nine Eritrean and Ethiopian "
                      "commanders.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_relative_clause_of_apology_or_responsibility_names_the_attacker(events: dict[str, list[Event]]) -> None:
    [raid] = factual(events["answerable"], "ASSAULT")
    assert raid.actor_codes() == {"TUR"} and raid.recipient_codes() == {"GRC"}
    assert raid.date == "2021-03-03"
    [shelling] = factual(events["claimed"], "ASSAULT")
    assert shelling.actor_codes() == {"RUS"} and shelling.recipient_codes() == {"UKR"}
    [bombing] = factual(events["blamed"], "ASSAULT")
    assert bombing.actor_codes() == {"SRB"}


def test_a_relative_clause_without_answerability_names_no_attacker(events: dict[str, list[Event]]) -> None:
    assert factual(events["unanswerable"], "ASSAULT") == []


def test_a_place_of_another_clause_or_after_in_is_no_recipient(events: dict[str, list[Event]]) -> None:
    consult = factual(events["talks"], "CONSULT")
    assert consult, events["talks"]
    assert all("JPN" not in e.recipient_codes() | e.actor_codes() for e in consult)
    meeting = [e for e in consult if e.trigger.text == "met"]
    assert all(e.location is None or e.location.country != "JPN" for e in meeting)


@pytest.mark.parametrize("name,countries", [("coordinated", {"BLR", "RUS"}), ("coordinated_on", {"ERI", "ETH"})])
def test_coordinated_nationalities_give_one_side_per_country(events: dict[str, list[Event]], name: str,
                                                            countries: set[str]) -> None:
    [sanction] = factual(events[name], "SANCTION")
    assert sanction.recipient_codes() == countries


def test_new_word_lists_parse() -> None:
    words = load_words()
    assert {"apologise", "responsibility"} <= words.answerable_words
    assert {"after", "before", "since"} <= words.sequence_marks
