"""A deadline ("by December 11", "until Friday") says when something must happen, not when the act
was reported to happen: it never dates the event."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual


@pytest.mark.parametrize("text", [
    "Kenya asked Ethiopia to hand over the detained sailors by 14 April.",
    "Mexico asked Guatemala to withdraw its soldiers from the island by March 30.",
])
def test_deadline_does_not_date_the_request(text: str) -> None:
    events = events_of({"d": text})["d"]
    (request,) = factual(events, "REQUEST")
    assert request.date is None


def test_deadline_does_not_date_the_closure() -> None:
    events = events_of({"c": "Pakistan closed the border until Friday, officials said."})["c"]
    (closure,) = factual(events, "COERCE")
    assert closure.date is None


def test_a_day_named_with_on_still_dates_the_act() -> None:
    events = events_of({"o": "Pakistan closed the border on Thursday, officials said."})["o"]
    (closure,) = factual(events, "COERCE")
    assert closure.date == "2021-03-04"
