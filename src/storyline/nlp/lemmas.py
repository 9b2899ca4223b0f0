"""Lemmas the pipeline's rule lemmatizer gets wrong, put right after it (component
``storyline_lemma_fixes``).

The small English model's rule lemmatizer strips suffixes by rule and, where a form fits two
words, prefers the one its rules name first: "staged" becomes "stag", "hopes" "hop", "waged" "wag",
so "staged a protest" and "hopes to visit" lose their verbs (its own exception table cannot help:
it only adds a reading the rules did not already give). The shipped table
``data/nlp/lemma_exceptions.json`` (universal part of speech → form → lemma) gives the lemma each
such form really has; the component sets it on every token of that form and part of speech.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

logger = logging.getLogger(__name__)

EXCEPTIONS_PATH = Path(__file__).resolve().parents[1] / "data" / "nlp" / "lemma_exceptions.json"
COMPONENT = "storyline_lemma_fixes"


@cache
def lemma_exceptions() -> dict[str, dict[str, str]]:
    """The shipped exceptions: universal part of speech (``VERB``) → lower-case form → lemma."""
    data = json.loads(EXCEPTIONS_PATH.read_text(encoding="utf-8"))
    return {pos.upper(): {str(f).lower(): str(lemma) for f, lemma in forms.items()}
            for pos, forms in data.items() if not pos.startswith("_")}


@Language.component(COMPONENT)
def fix_lemmas(doc: Doc) -> Doc:
    """Set the shipped lemma on each token whose form and part of speech the table lists."""
    table = lemma_exceptions()
    for token in doc:
        forms = table.get(token.pos_)
        if forms:
            lemma = forms.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
    return doc


def add_lemma_fixes(nlp: Language) -> bool:
    """Add :func:`fix_lemmas` right after ``nlp``'s lemmatizer; ``False`` when it has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="lemmatizer")
    return True
