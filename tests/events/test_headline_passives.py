"""Headlines drop "was": "Envoy asked to leave" is a request made of the envoy. A past-form request
verb in a headline with an infinitive and no object has its subject as the recipient, and the page's
other side as the asker; with an object ("Kenya asked Uganda to ...") it stays active."""

from __future__ import annotations

from storyline.events.extract import extract_events
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

BODY = "\n\nKenya's foreign ministry said on Wednesday that Uganda had been asked to leave the Migingo island post.\n"


def _headline_events(headline: str) -> list[tuple[str, set[str | None], set[str | None]]]:
    doc = build_document(Page(doc_id="t", source="test", fmt="text", content=headline + BODY, published="2021-11-30"))
    [page] = list(read_documents([doc]))
    return [(e.type, {a.country for a in e.actors}, {r.country for r in e.recipients})
            for e in extract_events(page) if e.role == "headline" and e.factual]


def test_a_headline_without_was_is_passive() -> None:
    assert _headline_events("Uganda asked to leave Migingo island post by Dec 11") == [("REQUEST", {"KEN"}, {"UGA"})]


def test_a_headline_with_an_object_stays_active() -> None:
    assert _headline_events("Kenya asked Uganda to leave Migingo island post") == [("REQUEST", {"KEN"}, {"UGA"})]
    assert _headline_events("Uganda asked Kenya to leave Migingo island post") == [("REQUEST", {"UGA"}, {"KEN"})]
