"""A finite verb the parser hangs on an infinitive inside a participle ("shut the roads used to carry
fuel ... and forced Y to leave the airfield") shares the subject of the finite clause above it."""

from __future__ import annotations

import pytest

from .sentence_events import events_of, factual

SENTENCES = {
    "shut": "Senegal shut every road used to carry fuel to UN troops in Mali after the shelling and forced Belgian "
            "staff to leave the airfield near Kidal.",
    "closed": "Senegal closed all roads used to carry fuel to UN troops in Mali after the shelling and forced Belgian "
              "personnel to quit the airfield near Kidal.",
}


@pytest.mark.parametrize("name", sorted(SENTENCES))
def test_the_conjunct_takes_the_subject_of_the_clause_above(name: str) -> None:
    found = events_of({name: SENTENCES[name]})
    forced = [e for e in factual(found[name], "COERCE") if e.trigger.text == "forced"]
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients}) for e in forced] == [({"SEN"}, {"BEL"})]


def test_an_active_conjunct_of_a_passive_is_not_done_by_its_agent() -> None:
    found = events_of({"passive": "Ghana's government asked France to leave a base that has long been used by French "
                                  "jets and shut the UN supply routes."})
    shut = [e for e in factual(found["passive"], "COERCE") if e.trigger.text == "shut"]
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients}) for e in shut] == [({"GHA"}, {"UN"})]
