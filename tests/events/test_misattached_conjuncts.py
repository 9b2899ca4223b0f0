"""A finite verb the parser hangs on an infinitive inside a participle ("closed the roads used to carry
supplies ... and forced Y to vacate the base") shares the subject of the finite clause above it."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "participle": "Ghana closed all routes used to transport supplies to UN forces in Mali after the air strike and "
                  "forced French personnel to vacate the airbase in Gao province.",
}


def test_the_conjunct_takes_the_subject_of_the_clause_above() -> None:
    found = events_of(SENTENCES)
    forced = [e for e in factual(found["participle"], "COERCE") if e.trigger.text == "forced"]
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients}) for e in forced] == [({"GHA"}, {"FRA"})]


def test_an_active_conjunct_of_a_passive_is_not_done_by_its_agent() -> None:
    found = events_of({"passive": "Ghana's government asked France to leave a base that has long been used by French "
                                  "jets and shut the UN supply routes."})
    shut = [e for e in factual(found["passive"], "COERCE") if e.trigger.text == "shut"]
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients}) for e in shut] == [({"GHA"}, {"UN"})]
