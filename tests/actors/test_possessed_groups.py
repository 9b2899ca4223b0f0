"""A group owned by a named person ("President Hadi's government") takes no page country: the
person's country is not the outlet's."""

from __future__ import annotations

from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents


def _mentions(text: str, url: str) -> dict[str, str | None]:
    doc = build_document(Page(doc_id="t", source="test", fmt="text", content=text, url=url))
    [page] = list(read_documents([doc]))
    return {m.text: m.country for m in page.actors.mentions}


def test_a_person_possessed_group_takes_no_outlet_country() -> None:
    found = _mentions("World news\n\nWarplanes bombed rebel positions in the east last October to prop up "
                      "President Omar al-Haddad\u2019s regime, officials said.\n", "https://news.example.fr/world/story")
    [regime] = [country for text, country in found.items() if text.endswith("regime")]
    assert regime != "FRA"
    assert found["officials"] == "FRA"  # an unqualified group still takes the outlet's country
