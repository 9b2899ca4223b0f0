"""Military aircraft are military actors: "army helicopters" take the country the page's army has."""

from __future__ import annotations

from .sentence_events import events_of, factual


def test_military_helicopters_are_military_actors():
    events = events_of({"aircraft": "Army helicopters bombed a rebel camp in Cauca province, Colombia's army said on Monday."})
    found = factual(events["aircraft"], "ASSAULT")
    assert found and found[0].actor_codes() == {"COL"}, events["aircraft"]
    assert found[0].actors[0].sector == "MIL" and "helicopters" in found[0].actors[0].text
