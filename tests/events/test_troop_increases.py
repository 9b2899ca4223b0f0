"""More armed forces where they are ("increased troops along the border", "bolstered its forces") is
MOBILIZE; increasing anything else is not."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "increase": "India has increased troops along the border with China.",
    "bolster": "NATO bolstered its forces in Estonia.",
    "boost": "Greece boosted its troops on the islands near Turkey.",
    "workforce": "The company increased its workforce in Kenya.",
    "spending": "Japan increased its spending on schools.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,actor", [("increase", "IND"), ("bolster", "NATO"), ("boost", "GRC")])
def test_more_troops_is_a_mobilisation(events, name, actor):
    found = factual(events[name], "MOBILIZE")
    assert found and found[0].actor_codes() == {actor}, events[name]


@pytest.mark.parametrize("name", ["workforce", "spending"])
def test_increasing_other_things_is_not(events, name):
    assert not factual(events[name], "MOBILIZE"), events[name]
