"""A future the clause owes to a decision already taken is the decision's act, reported as decided
("the cabinet decided that the country would boycott the summit"); a future that is only said, or
agreed with another party, or still to be decided stays hypothetical."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "decided_would": "The Chilean cabinet decided on Tuesday that Chile would boycott the summit in Bolivia.",
    "has_decided_will": "Chile's government has decided that Chile will close the border with Bolivia.",
    "said_would": "The Chilean foreign minister said Chile would boycott the summit in Bolivia.",
    "will_decide": "Chile will decide next week whether Chile would boycott the summit in Bolivia.",
    "decided_with": "Chile decided with Peru that Chile would close the border with Bolivia.",
}


def test_a_decided_future_is_reported_as_decided() -> None:
    found = events_of(SENTENCES)
    assert [(e.type, {a.country for a in e.actors}) for e in factual(found["decided_would"])] == [("PROTEST", {"CHL"})]
    assert [e.type for e in factual(found["has_decided_will"])] == ["COERCE"]
    for name in ("said_would", "will_decide", "decided_with"):
        assert not factual(found[name]), name
        assert found[name], name  # coded, as hypothetical
