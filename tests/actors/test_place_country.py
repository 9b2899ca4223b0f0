"""A page that never names its state takes the country its places lie in (places named as modifiers,
"US officials", do not count); a page naming another state more often keeps none."""

from __future__ import annotations

import pytest

from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

PAGES = {
    "placed": "The army seized power in Bangkok on Thursday. Soldiers patrolled the streets of Chiang Mai "
              "and the army chief spoke on television.",
    "modifier": "US officials met on Monday. Pakistani officials disagreed. Officials said talks failed.",
    "outnumbered": "Kenya said on Monday that the talks in Kampala and in Jinja had failed.",
}


@pytest.fixture(scope="module")
def pages():
    docs = [build_document(Page(doc_id=name, source="test", fmt="text", content=f"World news\n\n{text}\n",
                                published="2021-03-05")) for name, text in PAGES.items()]
    return {page.document.doc_id: page for page in read_documents(docs)}


def test_a_page_that_names_no_state_takes_the_country_of_its_places(pages):
    page = pages["placed"]
    assert page.actors.page_country == "THA" and page.actors.page_country_evidence == "page:places THA"
    army = [m for m in page.actors.mentions if m.text.lower().endswith("army")]
    assert army and all(m.country == "THA" for m in army)


def test_places_named_as_modifiers_do_not_count(pages):
    assert pages["modifier"].actors.page_country is None


def test_the_places_do_not_outvote_the_states_the_page_names(pages):
    page = pages["outnumbered"]
    assert {p.place.country for p in page.places if p.text in {"Kampala", "Jinja"}} == {"UGA"}
    assert page.actors.page_country is None
