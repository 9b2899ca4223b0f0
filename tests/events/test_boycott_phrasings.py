"""Staying away from a gathering is a boycott (PROTEST): "skipped the summit", "stayed away from the
conference"; skipping a payment, or staying away from home, is no event."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "skipped": "Chile skipped the regional summit on Bolivia in Lima.",
    "stayed_away": "Chile also stayed away from the international conference on Bolivia held in Lima.",
    "will_skip": "Chile will skip the regional summit on Bolivia in Lima.",
    "payment": "Chile skipped a payment to Bolivia.",
    "home": "The Chilean minister stayed away from home for a week.",
}


def test_staying_away_from_a_gathering_is_a_boycott() -> None:
    found = events_of(SENTENCES)
    for name in ("skipped", "stayed_away"):
        assert [(e.type, e.mode, {a.country for a in e.actors}, {r.country for r in e.recipients})
                for e in factual(found[name])] == [("PROTEST", "boycott", {"CHL"}, {"BOL"})], name
    assert [e.type for e in found["will_skip"]] == ["PROTEST"] and not factual(found["will_skip"])
    assert not found["payment"] and not found["home"]
