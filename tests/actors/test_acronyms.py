"""An acronym the page spells out before it ("the Kenyan National Intelligence Service (NIS)") is a
mention with what its full name states."""

from __future__ import annotations

from storyline.actors.mentions import _expansion
from tests.events.sentence_events import events_of, factual


def test_the_full_name_is_the_last_run_of_name_words_spelling_the_acronym():
    assert _expansion("Chile's Defence Committee of the Cabinet met. The ", "DCC") == "Defence Committee of the Cabinet"
    assert _expansion("The National Intelligence Service and the ", "NIS") == "National Intelligence Service"
    assert _expansion("Nothing here spells it. The ", "XYZ") is None


def test_an_acronym_acts_with_its_full_names_country():
    events = events_of({
        "nis": "The Kenyan National Intelligence Service (NIS) met on Monday. The NIS accused Somali militants of plotting bombings.",
        "unknown": "Officials met on Monday. The QRT accused Somali militants of plotting bombings.",
    })
    found = factual(events["nis"], "ACCUSE")
    assert found and found[0].actor_codes() == {"KEN"} and found[0].recipient_codes() == {"SOM"}, events["nis"]
    assert not factual(events["unknown"], "ACCUSE")
