"""A habit a relative clause in the simple present ascribes is no event ("rebels who shelter in the
hills and carry out cross-border raids"); a past act in a relative clause still is."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "habit": "Kenya has long asked Uganda to crack down on Ugandan rebels who shelter in the hills and carry out "
             "cross-border raids in Kenya.",
    "past": "Ugandan rebels, who attacked a Kenyan army base on Monday, fled across the border.",
}


def test_a_habit_is_no_event_and_a_past_act_is() -> None:
    found = events_of(SENTENCES)
    assert not factual(found["habit"], "ASSAULT")
    assert any("hypothetical:habitual:carry" in e.cues for e in found["habit"] if e.type == "ASSAULT")
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients})
            for e in factual(found["past"], "ASSAULT")] == [({"UGA"}, {"KEN"})]


USES = {
    "use": "Officials said Kenyan aircraft used to strike insurgents along the Somali frontier are based at Manda.",
    "habit": "Kenyan jets used to bomb Somali towns.",
    "instrument": "Kenya used its jets to bomb the Somali town of Kismayo on Monday.",
}


def test_what_something_is_used_to_do_is_no_event() -> None:
    found = events_of(USES)
    assert not factual(found["use"], "ASSAULT") and not factual(found["habit"], "ASSAULT")
    assert any("hypothetical:habitual:use" in e.cues for e in found["habit"])
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients})
            for e in factual(found["instrument"], "ASSAULT")] == [({"KEN"}, {"SOM"})]


MARKED = {
    "adverb": "Lima has traditionally voiced support for Bolivian farmers.",
    "adverb_solidarity": "Peru has traditionally expressed solidarity with Bolivian miners.",
    "once": "Kenya has expressed solidarity with Somalia.",
    "future_when": "She said further measures would come next week, when African Union leaders meet Sudanese "
                   "officials in Addis Ababa.",
    "past_when": "African Union leaders met Sudanese officials in Addis Ababa when the fighting began.",
}


def test_habit_adverbs_and_future_time_clauses_are_no_events() -> None:
    found = events_of(MARKED)
    for name in ("adverb", "adverb_solidarity"):
        assert not factual(found[name]) and any("hypothetical:habitual:traditionally" in e.cues for e in found[name])
    assert [e.type for e in factual(found["once"])] == ["SUPPORT"]
    assert not factual(found["future_when"], "CONSULT")
    assert any("hypothetical:future:when" in e.cues for e in found["future_when"] if e.type == "CONSULT")
    assert [e.type for e in factual(found["past_when"], "CONSULT")] == ["CONSULT"]
