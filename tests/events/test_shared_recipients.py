"""Every country of a recipient shared by coordinated nationalities or origins is a recipient, whether
the verb ("sanctioned X") or a noun it carries ("imposed sanctions on X") names the act: the
preposition of the carried noun gives the recipient, not the noun's first mention."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "carried": "Canada imposed sanctions on Belarusian and Russian officials.",
    "verb": "Canada sanctioned Belarusian and Russian officials on Monday.",
    "origins": "Japan imposed sanctions on officials from Belarus and Russia.",
    "curfew": "Peru imposed a curfew on Bolivian and Chilean traders in Tacna.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize("name", ["carried", "verb", "origins"])
def test_each_shared_country_is_a_recipient(events, name):
    found = factual(events[name], "SANCTION")
    assert found, events[name]
    assert {r.country for r in found[0].recipients} == {"BLR", "RUS"}


def test_a_restriction_on_two_groups_reaches_both(events):
    found = factual(events["curfew"], "COERCE")
    assert found and {r.country for r in found[0].recipients} == {"BOL", "CHL"}, events["curfew"]
