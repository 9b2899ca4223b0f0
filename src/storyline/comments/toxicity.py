"""Toxicity of a comment: a blend of two models, raised by words of abuse.

1. **Our model** (:func:`storyline.comments.textmodel.load_toxicity_model`) learned from 1,200
   labelled comments of ten Fox News threads what their annotators called hateful: mostly attacks on
   groups, in those threads' vocabulary.
2. **The general model**: alt-profanity-check (MIT; a linear model over TF-IDF shipped inside its wheel,
   trained on about 200k human-labelled comments and tweets for offensive language), read once from
   the installed package (no download). It knows abuse of every topic, not hate on ten.
3. The score is ``w * general + (1 - w) * ours``; ``w`` and the label threshold are chosen by
   ``scripts/train_comment_models.py`` on the training part's comments scored by models that never
   saw their thread (a topic of its own), and read from the model card (``blend`` in
   ``toxicity.json``).
4. A small lexicon of insults (``insults`` in ``data/comments/lexicon.json``) sets a floor: one insult
   gives at least ``INSULT_ONE``, two or more at least ``INSULT_TWO``.

``storyline.eval.comment_toxicity`` reports the held-out figures of each part and of this score.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from storyline.comments.lexicon import lexicon, phrase_spans, tokens
from storyline.comments.textmodel import BinaryTextModel, load_toxicity_model, toxicity_card

log = logging.getLogger(__name__)

INSULT_ONE = 0.7
INSULT_TWO = 0.9


class TextScorer(Protocol):
    def score(self, texts: Sequence[str]) -> list[float]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Toxicity:
    score: float
    toxic: bool
    insults: tuple[str, ...] = ()
    model_score: float = 0.0
    general_score: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Blend:
    """How the two models' scores are combined, and where the label starts."""

    general_weight: float
    threshold: float

    def combine(self, ours: np.ndarray, general: np.ndarray) -> np.ndarray:
        return self.general_weight * general + (1.0 - self.general_weight) * ours


class GeneralModel:
    """alt-profanity-check's shipped model: probability of offensive language for each text."""

    def __init__(self) -> None:
        # importing the package reads its vectorizer and model files from the installed wheel
        import profanity_check

        self._predict = profanity_check.predict_prob
        log.debug("general toxicity model: alt-profanity-check")

    def score(self, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(v) for v in self._predict(list(texts))]


@functools.cache
def load_general_model() -> GeneralModel:
    """The general model, loaded once."""
    return GeneralModel()


@functools.cache
def load_blend() -> Blend:
    """The blend weight and threshold recorded in the shipped model card."""
    settings = toxicity_card().get("blend")
    if not isinstance(settings, dict):
        raise ValueError("toxicity.json: no 'blend' settings; run scripts/train_comment_models.py")
    return Blend(general_weight=float(settings["general_weight"]), threshold=float(settings["threshold"]))


def insults_in(text: str) -> tuple[str, ...]:
    toks = tokens(text)
    return tuple(" ".join(t.text for t in toks[i:j]) for i, j in phrase_spans(toks, lexicon().insults))


def insult_floor(found: Sequence[str]) -> float:
    return INSULT_TWO if len(found) >= 2 else INSULT_ONE if found else 0.0


def toxicity(
    texts: Sequence[str],
    *,
    model: BinaryTextModel | None = None,
    general: TextScorer | None = None,
    blend: Blend | None = None,
) -> list[Toxicity]:
    """Toxicity score in [0, 1] and label (score at or above the blend's threshold) of each text."""
    model = model or load_toxicity_model()
    general = general or load_general_model()
    blend = blend or load_blend()
    ours = np.asarray(model.score(texts), dtype=np.float64)
    theirs = np.asarray(general.score(texts), dtype=np.float64)
    out = []
    for text, own, gen, mixed in zip(texts, ours, theirs, blend.combine(ours, theirs), strict=True):
        found = insults_in(text)
        value = round(max(float(mixed), insult_floor(found)), 3)
        out.append(Toxicity(score=value, toxic=value >= blend.threshold, insults=found,
                            model_score=round(float(own), 3), general_score=round(float(gen), 3)))
    return out
