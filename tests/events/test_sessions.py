"""A body's own session is no talks with another side: "the cabinet met", "the session was attended
by the service chiefs"; a meeting that names a partner still is."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "attended": "Ghana and Togo traded charges. The talks were attended by all three Ghanaian service chiefs.",
    "cabinet": "Ghana and Togo traded charges. The Ghanaian cabinet met in Accra on Monday.",
    "nato_meeting": "The Kenyan army chief attended a NATO meeting in Brussels.",
    "talks_with": "The Kenyan president attended talks with Ugandan officials.",
    "pair": "Kenya and Uganda met in Kampala.",
    "met_with": "The Kenyan president met in Kampala with Ugandan officials.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name", ["attended", "cabinet"])
def test_a_bodys_own_session_is_no_meeting_with_another_side(events, name):
    assert not factual(events[name], "CONSULT"), events[name]


@pytest.mark.parametrize(("name", "codes"), [
    ("nato_meeting", {"KEN", "NATO"}), ("talks_with", {"KEN", "UGA"}), ("pair", {"KEN", "UGA"}), ("met_with", {"KEN", "UGA"})])
def test_a_meeting_with_a_partner_is_one(events, name, codes):
    found = factual(events[name], "CONSULT")
    assert found and found[0].actor_codes() | found[0].recipient_codes() == codes, events[name]
