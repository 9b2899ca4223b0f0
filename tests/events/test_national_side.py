"""A nationality with "side" names that state in talks and statements ("the Chinese side rejected
..."), as diplomatic reports write it; "the other side" names no state."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "reject": "The Chinese side rejected the proposal made by the Indian side on Tuesday.",
    "accuse": "The Georgian side accused Moscow of violating the ceasefire.",
    "other": "The other side rejected the proposal on Tuesday.",
}


def test_a_national_side_is_its_state():
    events = events_of(SENTENCES)
    rejected = factual(events["reject"], "REJECT")
    assert rejected and rejected[0].actor_codes() == {"CHN"} and rejected[0].recipient_codes() == {"IND"}
    accused = factual(events["accuse"], "ACCUSE")
    assert accused and accused[0].actor_codes() == {"GEO"} and accused[0].recipient_codes() == {"RUS"}
    assert not factual(events["other"], "REJECT")
