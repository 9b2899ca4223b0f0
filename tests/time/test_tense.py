"""Tense of the governing verb, from hand-built parses (no model) and from cue words."""

import pytest

from storyline.time import find_times
from storyline.time.tense import tense_from_cues, tense_from_doc

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402


def _doc(words: list[str], tags: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(Vocab(), words=words, tags=tags, pos=pos, heads=heads, deps=deps)


def test_future_auxiliary_in_parse() -> None:
    doc = _doc(["Rebels", "will", "talk", "on", "Friday"], ["NNS", "MD", "VB", "IN", "NNP"],
               ["NOUN", "AUX", "VERB", "ADP", "PROPN"], [2, 2, 2, 2, 3], ["nsubj", "aux", "ROOT", "prep", "pobj"])
    assert tense_from_doc(doc, doc.text.index("Friday"), len(doc.text)) == "future"


def test_past_verb_in_parse_beats_future_cue() -> None:
    # "next" would say future to the cue reader; the parse says the verb is past.
    doc = _doc(["Talks", "ended", "on", "Friday", "next", "door"], ["NNS", "VBD", "IN", "NNP", "JJ", "NN"],
               ["NOUN", "VERB", "ADP", "PROPN", "ADJ", "NOUN"], [1, 1, 1, 2, 5, 1],
               ["nsubj", "ROOT", "prep", "pobj", "amod", "npadvmod"])
    start = doc.text.index("Friday")
    assert tense_from_cues(doc.text, start, start + 6) == "future"
    assert tense_from_doc(doc, start, start + 6) == "past"
    import datetime as dt

    found = find_times(doc.text, anchor=dt.date(2020, 5, 6), doc=doc)
    assert [(t.text, t.value) for t in found] == [("Friday", "2020-05-01")]


def test_cues() -> None:
    text = "The court is expected to rule on Monday."
    assert tense_from_cues(text, text.index("Monday"), len(text) - 1) == "future"
    text = "The court ruled on Monday."
    assert tense_from_cues(text, text.index("Monday"), len(text) - 1) == "past"
    assert tense_from_cues("Monday.", 0, 6) is None
