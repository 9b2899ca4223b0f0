"""A bare national institution ("the army", "the navy") never joins the chain of a person whose title
holds the word ("Army chief General ..."): an institution is not its chief. A role phrase naming the
office ("the army chief") still joins its holder. Sentences of our own making."""

from __future__ import annotations

import pytest

from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

SENTENCES = {
    "army": "On Monday, Army chief General Tomas Rivera met rebel leaders. The army brought them together in Lima.",
    "navy": "On Friday, Navy chief Admiral Ruth Okafor visited the port. The navy said the visit went well.",
    "office": "On Monday, Peru's army chief, General Tomas Rivera, met rebel leaders. "
              "The military later said the talks failed. The army chief said he would return.",
}


@pytest.fixture(scope="module")
def chains() -> dict[str, dict[str, list[str]]]:
    """Each page's entity names and the texts of their mentions (lower case)."""
    docs = [build_document(Page(doc_id=name, source="test", fmt="text", content=f"World news\n\n{text}\n",
                                published="2021-03-05")) for name, text in SENTENCES.items()]
    return {page.document.doc_id: {e.name.lower(): [m.text.lower() for m in e.mentions] for e in page.actors.entities}
            for page in read_documents(docs)}


@pytest.mark.parametrize(("page", "person", "institution"), [
    ("army", "tomas rivera", "army"), ("navy", "ruth okafor", "navy"), ("office", "tomas rivera", "military")])
def test_bare_institution_is_not_its_chief(chains: dict[str, dict[str, list[str]]], page: str, person: str,
                                           institution: str) -> None:
    assert institution not in chains[page][person]
    assert institution in chains[page]


def test_role_phrase_naming_the_office_still_joins_its_holder(chains: dict[str, dict[str, list[str]]]) -> None:
    assert "army chief" in chains["office"]["tomas rivera"]
