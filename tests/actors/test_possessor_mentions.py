"""The office or body that owns what a phrase names ("the Kenyan foreign ministry's statement") is an
actor mention of its own, so the statement's demand is the ministry's; a document named again ("The
statement urged ...") speaks for whoever issued it a few sentences before."""

from __future__ import annotations

import pytest

from storyline.read import read_documents
from tests.events.sentence_events import events_of, factual, sentence_page


@pytest.mark.parametrize("text,owner,country", [
    ("The Kenyan foreign ministry's statement urged Uganda to withdraw its troops.", "Kenyan foreign ministry", "KEN"),
    ("The Chilean army's offensive began at dawn.", "Chilean army", "CHL"),
])
def test_a_possessor_office_is_a_mention(text, owner, country):
    page = next(iter(read_documents([sentence_page("s", text, published="2021-03-05")])))
    assert (owner, country) in [(m.text, m.country) for m in page.actors.mentions]


def test_a_statements_demand_is_its_owners():
    found = factual(events_of({"s": "The Kenyan foreign ministry's statement urged Uganda to withdraw its troops."})["s"],
                    "REQUEST")
    assert found and found[0].actor_codes() == {"KEN"} and found[0].recipient_codes() == {"UGA"}


@pytest.mark.parametrize("text,kind,actor,recipient", [
    ("Kenya's foreign ministry issued a statement on Monday. The statement urged Uganda to withdraw its troops.",
     "REQUEST", "KEN", "UGA"),
    ("Peru's president sent a letter to the Chilean government. The letter demanded an apology from Chile.",
     "REQUEST", "PER", "CHL"),
])
def test_a_document_named_again_speaks_for_its_author(text, kind, actor, recipient):
    found = factual(events_of({"s": text})["s"], kind)
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, found
    assert found[0].actors[0].rule == "document_author"
