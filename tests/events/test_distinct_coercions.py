"""Acts of one type but of different modes on one page are different events (a coup, a curfew, a ban),
while repeats of one act still merge; facilities leased to another state are cooperation."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "coup_page": ("Mali's army seized power in a coup on Thursday. Later the Malian army imposed a curfew in Bamako. "
                  "The Malian military also banned all political gatherings in the capital."),
    "repeat": "Chad's police arrested 40 protesters in N'Djamena. Chadian police detained 40 protesters in N'Djamena.",
    "lease": "Djibouti leased a naval base to China in 2016.",
    "office": "The company leased office space to a bank.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_a_coup_a_curfew_and_a_ban_are_three_events(events):
    modes = {e.mode for e in factual(events["coup_page"], "COERCE")}
    assert {"curfew", "ban"} <= modes and len(modes) >= 3, events["coup_page"]


def test_repeats_of_one_arrest_merge(events):
    assert len(factual(events["repeat"], "COERCE")) == 1, events["repeat"]


def test_a_leased_base_is_cooperation(events):
    found = factual(events["lease"], "COOPERATE")
    assert found and found[0].actor_codes() == {"DJI"} and found[0].recipient_codes() == {"CHN"}
    assert not factual(events["office"], "COOPERATE")
