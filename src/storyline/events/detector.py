"""Events the trigger lexicon misses, proposed by the learned type classifier.

The trigger lexicon is precise but small; on news nobody wrote it from, about a quarter of the events
sit in sentences with no trigger of their type. Here the PLOVER type classifier (TF-IDF + logistic
regression trained on the NGEC synthetic stories, :mod:`storyline.events.classifier`) reads each article
sentence in which the lexicon found no trigger at all; where it is confident of one type
(``min_probability``), the sentence's main verb (the verb a speech verb reports, for "X said Y ...") is
taken as the trigger of an event of that type, and the same argument model, modality and confidence
floor as for lexicon triggers decide its sides and whether it is reported at all. A proposed event
carries the cue ``proposed:classifier`` so it can be told apart.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from storyline.events.lexicon import TriggerEntry

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

logger = logging.getLogger(__name__)

PROPOSED_CUE = "proposed:classifier"
RECIPIENT_PREPS = ("with", "against", "to", "on", "from", "for")
"""Prepositions whose object is the recipient of a proposed event's verb."""
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def main_verb(sent: Span, speech_verbs: frozenset[str]) -> Token | None:
    """The sentence's main verb; for a speech verb ("X said ..."), the verb of what was said."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    if root.lemma_.lower() in speech_verbs:
        said = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ == "VERB"), None)
        return said
    return root if root.pos_ == "VERB" else None


def proposed_entry(token: Token, plover_type: str) -> TriggerEntry:
    """A trigger sense for a verb the lexicon does not list, of the type the classifier proposes."""
    return TriggerEntry(lemma=token.lemma_.lower(), pos="VERB", plover_type=plover_type, frame="subj_obj",
                        recipient_preps=RECIPIENT_PREPS, reciprocal=plover_type in _RECIPROCAL,
                        note=PROPOSED_CUE)


def confident_type(prior: dict[str, float], min_probability: float) -> str | None:
    """The classifier's type when its probability reaches ``min_probability``."""
    if not prior:
        return None
    label, p = max(prior.items(), key=lambda kv: kv[1])
    return label if p >= min_probability else None
