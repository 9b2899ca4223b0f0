"""Toxicity of a comment: two models and two cues of the text in one logistic unit, raised by words of abuse.

1. **Our model** (:func:`storyline.comments.textmodel.load_toxicity_model`) learned from 1,200
   labelled comments of ten Fox News threads what their annotators called hateful: mostly attacks on
   groups, in those threads' vocabulary.
2. **The general model**: alt-profanity-check (MIT; a linear model over TF-IDF shipped inside its wheel,
   trained on about 200k human-labelled comments and tweets for offensive language), read once from
   the installed package (no download). It knows abuse of every topic, not hate on ten.
3. The blend: a logistic unit over the standardised :data:`BLEND_FEATURES` of a comment (the logits
   of both models' scores, its insults, and shouting; criticism is no toxicity, so the stance words
   stay out), fitted by ``scripts/train_comment_models.py`` on the training part's comments scored by
   models that never saw their thread (a topic of its own); the general model's weight is then raised
   as far as that costs at most 0.005 of ROC AUC on those comments (it is the model expected to carry
   to other newspapers), and the label threshold chosen. Read from the model card (``blend`` in
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Blend:
    """One logistic unit over the standardised :data:`BLEND_FEATURES`; ``threshold`` gives the label."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def combine(self, texts: Sequence[str], ours: np.ndarray, general: np.ndarray) -> np.ndarray:
        z = (blend_features(texts, ours, general) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.intercept)))


BLEND_FEATURES = ("ours_logit", "general_logit", "insults", "shouting")


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-3, 1 - 1e-3)
    return np.log(p / (1 - p))


def _shouting(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return 1.0 if len(letters) > 8 and sum(c.isupper() for c in letters) > 0.5 * len(letters) else 0.0


def blend_features(texts: Sequence[str], ours: np.ndarray, general: np.ndarray) -> np.ndarray:
    """One row of :data:`BLEND_FEATURES` per text."""
    rows = np.zeros((len(texts), len(BLEND_FEATURES)))
    rows[:, 0] = _logit(ours)
    rows[:, 1] = _logit(general)
    for n, text in enumerate(texts):
        toks = tokens(text)
        rows[n, 2] = min(2, len(phrase_spans(toks, lexicon().insults)))
        rows[n, 3] = _shouting(text)
    return rows


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
    """The blend's weights and threshold recorded in the shipped model card."""
    settings = toxicity_card().get("blend")
    if not isinstance(settings, dict) or tuple(settings.get("features", ())) != BLEND_FEATURES:
        raise ValueError("toxicity.json: no 'blend' settings for these features; run scripts/train_comment_models.py")
    return blend_from_dict(settings)


def blend_from_dict(settings: dict) -> Blend:
    return Blend(mean=tuple(settings["mean"]), scale=tuple(settings["scale"]), coef=tuple(settings["coef"]),
                 intercept=float(settings["intercept"]), threshold=float(settings["threshold"]))


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
    for text, own, gen, mixed in zip(texts, ours, theirs, blend.combine(texts, ours, theirs), strict=True):
        found = insults_in(text)
        value = round(max(float(mixed), insult_floor(found)), 3)
        out.append(Toxicity(score=value, toxic=value >= blend.threshold, insults=found,
                            model_score=round(float(own), 3), general_score=round(float(gen), 3)))
    return out
