"""A gerund after "of"/"for" on a verb with an object is that object's act ("condemned X for
bombing"); after an accusation it is alleged, not reported as done ("accused X of shelling Y")."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "accused": "Moldova accused Russia of shelling the border villages.",
    "blamed": "India blamed Pakistan for attacking its border posts.",
    "passive": "Ethiopia was accused of bombing the market in Mekelle.",
    "condemned": "Norway condemned Israel for bombing the refugee camp in Gaza.",
    "by": "Chile ended the talks by expelling the Bolivian envoy.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,accused", [("accused", "RUS"), ("blamed", "PAK")])
def test_an_accused_act_is_the_accused_side_s_and_only_alleged(events, name, accused):
    assert factual(events[name], "ACCUSE")
    assault = [e for e in events[name] if e.type == "ASSAULT"]
    assert all(e.hypothetical for e in assault), events[name]
    assert all(e.actor_codes() == {accused} for e in assault), events[name]


def test_a_passive_accusation_alleges_the_act(events):
    assert not factual(events["passive"], "ASSAULT")


def test_a_condemned_act_is_the_condemned_side_s(events):
    found = factual(events["condemned"], "ASSAULT")
    assert found and found[0].actor_codes() == {"ISR"}, events["condemned"]


def test_an_act_by_which_the_subject_acts_stays_the_subject_s(events):
    found = factual(events["by"], "SANCTION")
    assert found and found[0].actor_codes() == {"CHL"}, events["by"]
