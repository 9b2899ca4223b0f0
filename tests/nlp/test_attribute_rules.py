"""The attribute ruler applied by lookup sets exactly what spaCy's matcher-based ruler sets."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.nlp.attributes import LookupAttributeRules, use_lookup_rules

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}, "index": 0},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN"}, "index": 0},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}, "index": 0},
    {"patterns": [[{"TAG": "EX"}]], "attrs": {"POS": "PRON"}, "index": 0},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "AUX"}, "index": 0},
    # a later rule overrides an earlier one on the same token
    {"patterns": [[{"TAG": "VBD", "LOWER": "got"}]], "attrs": {"LEMMA": "get", "POS": "AUX"}, "index": 0},
    {"patterns": [[{"LOWER": {"IN": ["men", "women"]}}]], "attrs": {"LEMMA": "person"}, "index": 0},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}, "index": 0},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}, "index": 0},
    # two-token patterns, the attributes set on the first or the last token
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "NNS"}]], "attrs": {"MORPH": "Number=Plur"}, "index": -1},
]

WORDS = ["There", "is", "nothing'", "the", "men", "got", " ", "the", "dog", "nothin", "There", "was", "men"]
TAGS = ["EX", "VBZ", "NN", "DT", "NNS", "VBD", "_SP", "DT", "NN", "NN", "EX", "VBD", "NNS"]
DEPS = ["expl", "ROOT", "attr", "det", "nsubj", "ROOT", "dep", "det", "dobj", "npadvmod", "expl", "ROOT", "attr"]
HEADS = [1, 1, 1, 4, 5, 5, 5, 8, 5, 5, 11, 11, 11]


def _doc(vocab: Vocab) -> Doc:
    return Doc(vocab, words=WORDS, spaces=[True] * len(WORDS), tags=TAGS, deps=DEPS, heads=HEADS)


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_lookup_rules_set_what_the_matcher_sets() -> None:
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(PATTERNS)
    lookup = LookupAttributeRules.from_patterns(vocab, PATTERNS)
    assert lookup is not None
    expected, got = ruler(_doc(vocab)), lookup(_doc(vocab))
    assert _annotations(got) == _annotations(expected)
    assert got[5].lemma_ == "get" and got[5].pos_ == "AUX"  # the later rule won
    assert got[1].pos_ == "VERB" and got[11].pos_ == "VERB"  # set on the second token of "There is"
    assert got[4].morph.get("Number") == ["Plur"]  # set on the last token of "the men"
    assert got[9].lemma_ == "nothing"


def test_lookup_rules_refuse_patterns_they_cannot_apply() -> None:
    vocab = spacy.blank("en").vocab
    assert LookupAttributeRules.from_patterns(vocab, [{"patterns": [[{"LENGTH": {">=": 3}}]],
                                                       "attrs": {"POS": "X"}, "index": 0}]) is None
    assert LookupAttributeRules.from_patterns(vocab, [{"patterns": [[{"ORTH": "a", "OP": "?"}]],
                                                       "attrs": {"POS": "X"}, "index": 0}]) is None


def test_use_lookup_rules_keeps_spacys_ruler_for_other_patterns() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}, "index": 0}])
    assert not use_lookup_rules(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)
    ruler.add_patterns(PATTERNS[:1])
    nlp.remove_pipe("attribute_ruler")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    assert use_lookup_rules(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRules)


@pytest.mark.parametrize("text", ["There is a man.  There are  issues\n\n with it, he got   it. Y'all ain't nothin'."])
def test_model_annotates_the_same_with_lookup_rules(nlp: Language, text: str) -> None:

    from storyline.nlp.pipeline import pipeline_name

    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRules)  # what load_pipeline gives
    plain, lookup = spacy.load(pipeline_name()), spacy.load(pipeline_name())
    assert use_lookup_rules(lookup)
    assert _annotations(lookup(text)) == _annotations(plain(text))
