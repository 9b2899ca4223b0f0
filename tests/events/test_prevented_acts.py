"""An event noun that a verb of prevention takes as object did not happen ("banned all rallies", "the
talks were cancelled"); a side calling off its own talks refuses them (REJECT); a noun that chooses its
verb's sense is one event with it ("lodged a protest with X" is a diplomatic protest, not a march)."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "banned": "The authorities in Harare banned all opposition rallies.",
    "cancelled": "The talks between Serbia and Kosovo were cancelled.",
    "called_off": "Serbia called off the talks with Kosovo.",
    "held": "Serbia held talks with Kosovo in Brussels.",
    "lodged": "Japan lodged a protest with China over the incursion.",
    "filed": "Germany filed a complaint against Poland at the EU court.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_banned_rally_did_not_happen(events):
    assert not factual(events["banned"], "PROTEST"), events["banned"]
    assert factual(events["banned"], "COERCE")


def test_cancelled_talks_did_not_happen(events):
    assert not factual(events["cancelled"], "CONSULT"), events["cancelled"]
    assert not factual(events["cancelled"], "REJECT")


def test_talks_a_side_calls_off_are_refused(events):
    found = factual(events["called_off"], "REJECT")
    assert found and found[0].actor_codes() == {"SRB"} and found[0].recipient_codes() == {"XKX"}
    assert not factual(events["called_off"], "CONSULT")
    assert factual(events["held"], "CONSULT")


@pytest.mark.parametrize("name", ["lodged", "filed"])
def test_a_lodged_protest_is_one_accusation(events, name):
    assert len(factual(events[name], "ACCUSE")) == 1, events[name]
    assert not factual(events[name], "PROTEST"), events[name]
