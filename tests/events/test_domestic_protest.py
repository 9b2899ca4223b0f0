"""A demonstration or strike that names no other side falls on the protesters' own state, never on
the country the page mentions most; a named target or a boycott keeps its foreign recipient."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

# Each page mentions a foreign country far more than the protesters' own: the old fallback picked it.
SENTENCES = {
    "kenya_demo": "Canada, Canada and Canada again: Canadian investors and the Canadian embassy were in the news. "
                  "Kenyan teachers demonstrated in Nairobi on Monday.",
    "chile_strike": "Brazilian firms, Brazilian banks and Brazil's trade minister dominated the week. "
                    "Thousands of Chilean workers held a general strike on Thursday.",
    "named_target": "Hundreds of Iranians protested against Britain outside the British embassy in Tehran.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name,own", [("kenya_demo", "KEN"), ("chile_strike", "CHL")])
def test_unaddressed_protest_falls_on_own_state(events: dict[str, list[Event]], name: str, own: str) -> None:
    protests = factual(events[name], "PROTEST")
    assert protests, events[name]
    assert all(e.recipient_codes() == {own} for e in protests)
    assert any(own in e.actor_codes() for e in protests)


def test_named_target_is_kept(events: dict[str, list[Event]]) -> None:
    protests = factual(events["named_target"], "PROTEST")
    assert protests and protests[0].actor_codes() == {"IRN"} and protests[0].recipient_codes() == {"GBR"}


def test_the_recipient_records_the_domestic_rule(events: dict[str, list[Event]]) -> None:
    protest = factual(events["chile_strike"], "PROTEST")[0]
    assert {s.rule for s in protest.recipients} == {"domestic"}
