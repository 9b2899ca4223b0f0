"""Photo captions: a present-tense caption describes the picture and gives no event; a past-tense
caption reports news and is read."""

from __future__ import annotations

from storyline.events.extract import extract_events
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

BODY = ("LIMA: Peru's foreign ministry on Monday summoned the Chilean ambassador over the detention of two "
        "Peruvian fishermen, officials said.\n"
        "The ministry said the fishermen were released later in the day.\n")


def _events(caption: str) -> list:
    text = f"Peru summons Chilean envoy\n\n{caption} - Photo by Reuters\n\n{BODY}"
    doc = build_document(Page(doc_id="pe", source="test", fmt="text", content=text, published="2021-03-09"))
    page = next(iter(read_documents([doc])))
    roles = {s.role for s in doc.segments}
    assert "caption" in roles, roles
    return [e for e in extract_events(page) if e.factual]


def test_present_tense_caption_describes_the_picture() -> None:
    events = _events("Chilean soldiers patrol outside a Peruvian border post near Tacna")
    assert all(e.role != "caption" for e in events)
    assert not any(e.trigger.text == "patrol" for e in events)
    assert any(e.trigger.text == "summoned" for e in events)


def test_past_tense_caption_reports_news() -> None:
    events = _events("Chile expelled two Peruvian diplomats from Santiago on Sunday")
    assert any(e.trigger.text == "expelled" and e.role == "caption" for e in events)
