"""A dateline glued to the lead's first sentence ("Dodoma, Feb 3: The government ...") ends there:
otherwise the parser takes the dateline's place as a second subject of the lead's verb."""

from __future__ import annotations

import pytest

from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents
from storyline.events.extract import extract_events


@pytest.mark.parametrize("lead", [
    "Nairobi, Mar 3: The government of Kenya has ordered the UN to vacate the compound by Mar 11.",
    "NAIROBI (Reuters) - The government of Kenya has ordered the UN to vacate the compound by Mar 11.",
    "Nairobi, March 3 – The government of Kenya has ordered the UN to vacate the compound by Mar 11.",
])
def test_a_dateline_is_its_own_sentence(nlp, lead: str) -> None:
    doc = nlp(f"Compound to close\n\n{lead}\n")
    starts = [s.text for s in doc.sents]
    assert any(s.startswith("The government of Kenya") for s in starts)
    subjects = [t.text for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "order"]
    assert subjects == ["government"]


def test_a_colon_inside_a_sentence_is_no_dateline(nlp) -> None:
    doc = nlp("Kenya orders UN out\n\nThe minister gave one reason: the compound was needed.\n")
    assert not any(s.text.startswith("the compound") for s in doc.sents)


def test_the_dated_lead_yields_its_event() -> None:
    text = ("Naval station to close\n\nDodoma, Feb 3: The government of Tanzania has ordered Britain to vacate "
            "the naval station on Pemba island by Feb 20.\n")
    doc = build_document(Page(doc_id="t", source="test", fmt="text", content=text, published="2021-02-03"))
    [page] = list(read_documents([doc]))
    found = [(e.type, {a.country for a in e.actors}, {r.country for r in e.recipients}) for e in extract_events(page)]
    assert ("REQUEST", {"TZA"}, {"GBR"}) in found
