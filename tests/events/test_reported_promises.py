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


def test_agreeing_to_stop_ones_attacks_or_protests_is_a_concession():
    events = events_of({
        "fire": "Hamas agreed to end rocket fire on Israel.",
        "protests": "The Kenyan opposition agreed to halt protests after talks with the government.",
        "oil": "Kenya agreed to stop buying Russian oil.",
    })
    found = factual(events["fire"], "CONCEDE")
    assert found and found[0].actor_codes() == {"PSE"} and found[0].recipient_codes() == {"ISR"}, events["fire"]
    assert factual(events["protests"], "CONCEDE") and not factual(events["protests"], "AGREE")
    assert not factual(events["oil"], "CONCEDE")


def test_a_common_word_is_no_organisation_written_with_a_capital():
    events = events_of({"amnesty": "Colombia offered the rebels an amnesty."})
    assert not any("AMN" in e.recipient_codes() | e.actor_codes() for e in events["amnesty"])


def test_a_government_vowing_to_end_protests_concedes_nothing():
    events = events_of({"vow": "The Serbian prime minister vowed to end the protests in Belgrade."})
    assert not factual(events["vow"], "CONCEDE")


def test_a_de_escalation_agreed_or_decided_on_is_a_promise():
    events = events_of({
        "aid": "Israel agreed to allow aid into Gaza.",
        "withdraw": "The Ethiopian cabinet decided to withdraw troops from Somalia.",
    })
    for name in events:
        assert factual(events[name], "CONCEDE") and not factual(events[name], "RETREAT"), events[name]


def test_an_agreement_reached_between_two_sides_is_theirs():
    events = events_of({"between": "An agreement was reached between Sudan and South Sudan on oil transit fees."})
    found = factual(events["between"], "AGREE")
    assert found and found[0].actor_codes() | found[0].recipient_codes() == {"SDN", "SSD"}
