"""Toxicity of a comment: the shipped model's score, raised by words of abuse.

The model (:func:`storyline.comments.textmodel.load_toxicity_model`) learned from 1,200 labelled
comments of ten threads what their annotators called hateful: mostly attacks on groups. It misses
plain abuse of a person ("you stupid idiot") that those threads rarely labelled, so a small lexicon of
insults (``insults`` in ``data/comments/lexicon.json``) sets a floor: one insult gives at least
``INSULT_ONE``, two or more at least ``INSULT_TWO``. ``storyline.eval.comment_toxicity`` reports the
held-out figures of the model alone and of this combined score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.comments.lexicon import lexicon, phrase_spans, tokens
from storyline.comments.textmodel import BinaryTextModel, load_toxicity_model

INSULT_ONE = 0.7
INSULT_TWO = 0.9


@dataclass(frozen=True, slots=True, kw_only=True)
class Toxicity:
    score: float
    toxic: bool
    insults: tuple[str, ...] = ()


def insults_in(text: str) -> tuple[str, ...]:
    toks = tokens(text)
    return tuple(" ".join(t.text for t in toks[i:j]) for i, j in phrase_spans(toks, lexicon().insults))


def toxicity(texts: Sequence[str], *, model: BinaryTextModel | None = None) -> list[Toxicity]:
    """Toxicity score in [0, 1] and label of each text (label: score at or above the model's threshold)."""
    model = model or load_toxicity_model()
    out = []
    for text, score in zip(texts, model.score(texts), strict=True):
        found = insults_in(text)
        floor = INSULT_TWO if len(found) >= 2 else INSULT_ONE if found else 0.0
        value = round(max(score, floor), 3)
        out.append(Toxicity(score=value, toxic=value >= model.threshold, insults=found))
    return out
