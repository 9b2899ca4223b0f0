"""An event noun that "without" takes did not happen: "expelled the diplomats without consultation
with Uganda" holds no meeting, "opened fire without warning" no warning."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "consultation": "Kenya expelled the diplomats without consultation with Uganda.",
    "warning": "Tajik border guards opened fire on Kyrgyz positions without warning on Sunday.",
    "with": "Kenya expelled the diplomats after consultations with Uganda.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_meeting_without_which_something_was_done_did_not_happen(events):
    assert factual(events["consultation"], "SANCTION")
    assert not factual(events["consultation"], "CONSULT")
    assert any("negated:without" in e.cues for e in events["consultation"] if e.type == "CONSULT")


def test_a_warning_not_given_is_no_threat(events):
    assert factual(events["warning"], "ASSAULT")
    assert not factual(events["warning"], "THREATEN")


def test_a_meeting_before_the_act_did_happen(events):
    assert factual(events["with"], "CONSULT"), events["with"]
