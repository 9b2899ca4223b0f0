"""A de-escalation a side says it would carry out is its verbal concession (CONCEDE), made now;
under a condition it is no promise."""

from __future__ import annotations

from .sentence_events import events_of, factual


def test_a_reported_withdrawal_to_come_is_a_concession_but_not_a_conditional_one():
    events = events_of({
        "said_would": "Russia said it would withdraw its troops from the border.",
        "conditional": "Russia said it would withdraw its troops if Ukraine disarmed.",
    })
    found = factual(events["said_would"], "CONCEDE")
    assert found and found[0].actor_codes() == {"RUS"}, events["said_would"]
    assert not factual(events["said_would"], "RETREAT")
    assert not factual(events["conditional"], "CONCEDE") and not factual(events["conditional"], "RETREAT")
