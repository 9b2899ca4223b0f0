"""A country name that is also a person's name ("Jordan", "Chad", "Niger") names the state where it
stands alone, capitalised; next to another name word, or where the article names a person holding it,
it is that person."""

from __future__ import annotations

import pytest

from storyline.actors.kb import recognised_country_names
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

TEXTS = {
    "jordan": "Jordan called for a halt to the shelling by Syrian forces.",
    "chad": "Chad closed its border with Sudan on Monday.",
    "niger": "The ambassador left after Niger expelled him.",
    "first_name": "Chad Smith, a farmer, spoke to reporters in Nairobi.",
    "full_name": "Michael Jordan visited Nairobi on Monday. Jordan said the trip was private.",
    "lower": "He will chad the ballot.",
}


@pytest.fixture(scope="module")
def codes() -> dict[str, set[str]]:
    docs = [build_document(Page(doc_id=k, source="test", fmt="text", content=f"World news\n\n{v}\n"))
            for k, v in TEXTS.items()]
    return {r.document.doc_id: {m.country for m in r.actors.mentions if m.kind == "state"}
            for r in read_documents(docs)}


@pytest.mark.parametrize(("name", "code"), [("jordan", "JOR"), ("chad", "TCD"), ("niger", "NER")])
def test_a_lone_capitalised_name_is_the_state(codes, name, code):
    assert code in codes[name]


@pytest.mark.parametrize("name", ["first_name", "full_name", "lower"])
def test_a_persons_name_is_no_state(codes, name):
    assert not codes[name] & {"JOR", "TCD"}, codes[name]


def test_the_recognised_names_are_few_and_listed():
    assert {"Jordan", "Chad", "Niger"} <= recognised_country_names()
    assert "Georgia" not in recognised_country_names()  # a US state as well: stays ambiguous
