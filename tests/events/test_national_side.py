"""A nationality with "side" names that state in talks and statements ("the Chinese side rejected
..."), as diplomatic reports write it; "the other side", "either side" and "the Syrian side of the
border" name no state. "The two countries", "both sides" refer back to the two countries just named
(or, in a headline, named in the lines after it), each acting at the other where no one else is named."""

from __future__ import annotations

import pytest

from storyline.read import read_documents

from .sentence_events import events_of, factual, sentence_page

SENTENCES = {
    "reject": "The Chinese side rejected the proposal made by the Indian side on Tuesday.",
    "accuse": "The Georgian side accused Moscow of violating the ceasefire.",
    "other": "The other side rejected the proposal on Tuesday.",
    "either": "Kenya closed the crossing. Thousands of lorries waited on either side of the frontier.",
    "pair_agree": "Peru and Ecuador exchanged fire near the frontier. The two countries agreed to hold talks in Lima.",
    "pair_troops": "Peru and Ecuador exchanged fire near the frontier. Both sides deployed more troops along the border.",
    "pair_headline": "Two countries increase troops at the border\n\nPeru accused Ecuador of shelling a border post on Monday.",
}


@pytest.fixture(scope="module")
def events():
    return events_of(SENTENCES)


def test_a_national_side_is_its_state(events):
    rejected = factual(events["reject"], "REJECT")
    assert rejected and rejected[0].actor_codes() == {"CHN"} and rejected[0].recipient_codes() == {"IND"}
    accused = factual(events["accuse"], "ACCUSE")
    assert accused and accused[0].actor_codes() == {"GEO"} and accused[0].recipient_codes() == {"RUS"}
    assert not factual(events["other"], "REJECT")


@pytest.mark.parametrize("text", [SENTENCES["either"], "Shells fell on the Syrian side of the border.",
                                  "The other side rejected the proposal."])
def test_a_side_with_no_country_or_of_a_border_is_no_actor(text):
    page = next(iter(read_documents([sentence_page("s", text, published="2021-03-05")])))
    assert not [m.text for m in page.actors.mentions if "side" in m.text]


@pytest.mark.parametrize("name,kind", [("pair_agree", "AGREE"), ("pair_troops", "MOBILIZE"), ("pair_headline", "MOBILIZE")])
def test_the_two_countries_are_the_two_just_named(events, name, kind):
    found = factual(events[name], kind)
    assert len(found) == 1, events[name]
    assert found[0].actor_codes() | found[0].recipient_codes() == {"PER", "ECU"}
    assert found[0].actors[0].rule == "pair"
