"""A participle a copula predicates as a quality ("It's striking that ...", "the figures are
alarming") is an adjective, not an act: no event; the same verb with an object or a target is one."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "expletive": 'Chile and Peru signed a fisheries accord. "It is striking that the talks went so well," a Chilean envoy said.',
    "acomp": "Peru and Chile signed the accord on Monday. The new figures on the talks are striking, a Peruvian envoy said.",
    "act": "Chilean jets are striking rebel camps near the Peruvian border.",
}


def test_a_predicated_participle_is_no_attack():
    events = events_of(SENTENCES)
    assert not factual(events["expletive"], "ASSAULT"), events["expletive"]
    assert not factual(events["acomp"], "ASSAULT"), events["acomp"]
    assert factual(events["act"], "ASSAULT"), events["act"]
