"""Speaking to the press is no meeting: a side made only of a news agency or reporters makes no
CONSULT ("an official, speaking to AFP, confirmed ..."). The media sector codes in the word lists are
compared as codes (they were lower-cased with the words, and never matched a sector)."""

from __future__ import annotations

from storyline.events.words import load_words

from .sentence_events import events_of, factual

SENTENCES = {
    "agency": "A Kenyan security official, speaking to Reuters, confirmed that the Ugandan generals had arrived in Nairobi.",
    "talks": "A Kenyan security official spoke to Ugandan generals in Nairobi on Monday.",
}


def test_speaking_to_a_news_agency_is_no_meeting() -> None:
    found = events_of(SENTENCES)
    assert not [e for e in found["agency"] if e.type == "CONSULT"]
    assert [({a.country for a in e.actors}, {r.country for r in e.recipients})
            for e in factual(found["talks"], "CONSULT")] == [({"KEN"}, {"UGA"})]


def test_sector_codes_stay_codes() -> None:
    assert "MED" in load_words().non_recipient_sectors
