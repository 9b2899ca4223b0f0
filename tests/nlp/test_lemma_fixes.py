"""The rule lemmatizer's wrong lemmas for verbs the event coder reads are put right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc

from storyline.events.words import WORDS_PATH
from storyline.nlp.lemmas import COMPONENT, fix_lemmas
from storyline.nlp.pipeline import load_pipeline

TRIGGERS = Path(WORDS_PATH).with_name("triggers.tsv")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _lexicon_verbs() -> set[str]:
    verbs = {row.split("\t")[0] for row in TRIGGERS.read_text(encoding="utf-8").splitlines()
             if row and not row.startswith("#") and row.split("\t")[1:2] == ["VERB"]}
    words = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    verbs |= {w for key, value in words.items() if key.endswith("_verbs") and isinstance(value, list)
              for w in value if re.fullmatch(r"[a-z]+", w)}
    return verbs


IRREGULAR = frozenset({"be", "have", "do", "go"})


def _regular_forms(verb: str) -> dict[str, str]:
    if verb.endswith("e"):
        return {"VBZ": verb + "s", "VBD": verb + "d", "VBG": verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {"VBZ": verb[:-1] + "ies", "VBD": verb[:-1] + "ied", "VBG": verb + "ing"}
    return {"VBZ": verb + ("es" if re.search(r"(s|x|z|ch|sh)$", verb) else "s"), "VBD": verb + "ed",
            "VBG": verb + "ing"}


def test_the_pipeline_fixes_lemmas_after_the_lemmatizer(nlp) -> None:
    names = nlp.pipe_names
    assert names.index(COMPONENT) == names.index("lemmatizer") + 1


@pytest.mark.parametrize(("sentence", "form", "lemma"), [
    ("Farmers staged a sit-in outside the ministry in Lima.", "staged", "stage"),
    ("The rebels have waged a long war against Kinshasa.", "waged", "wage"),
    ("Chile hopes to host the summit in May.", "hopes", "hope"),
    ("Oslo is hoping to mediate between the two sides.", "hoping", "hope"),
    ("The senator lambasted the Finnish government over the deal.", "lambasted", "lambaste"),
    ("Police cordoned off the square in Minsk.", "cordoned", "cordon"),
])
def test_misread_verb_forms_get_their_lemma(nlp, sentence: str, form: str, lemma: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == form)
    assert token.lemma_ == lemma


def test_nouns_of_the_same_form_are_left_alone(nlp) -> None:
    doc = nlp("Work on the bridge was done in three stages.")
    assert next(t for t in doc if t.text == "stages").lemma_ == "stage"
    doc = nlp("The hop from Paris to Lyon takes an hour.")
    assert next(t for t in doc if t.text == "hop").lemma_ == "hop"


def test_every_regular_form_of_a_lexicon_verb_has_its_lemma(nlp) -> None:
    """A verb added to the trigger lexicon or a word list whose forms the lemmatizer misreads fails
    here until ``data/nlp/lemma_exceptions.json`` lists them."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    wrong = []
    for verb in sorted(_lexicon_verbs() - IRREGULAR):
        for tag, form in _regular_forms(verb).items():
            doc = Doc(nlp.vocab, words=["They", form, "it"], pos=["PRON", "VERB", "PRON"], tags=["PRP", tag, "PRP"])
            doc = fix_lemmas(lemmatizer(doc))
            if doc[1].lemma_ != verb:
                wrong.append(f"{form} -> {doc[1].lemma_} (not {verb})")
    assert wrong == []
