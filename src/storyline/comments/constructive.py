"""Constructiveness of a comment: a small logistic regression over transparent features.

A constructive comment contributes to the conversation (Kolhatkar & Taboada's definition): it gives
reasons or evidence, addresses the article or other readers with substance, or proposes something,
and is civil enough to engage with. The model reads a few features of the text alone
(:data:`FEATURES`: length, sentences, reasoning and proposal phrases, figures, names, quotations,
questions, shouting, second-person address, offensive language, insults), standardised, weighed by
one logistic unit, and labels a comment constructive at the threshold chosen on its training half.

It is fitted by ``scripts/train_constructiveness.py`` on half of 300 Fox News comments labelled for
constructiveness by the project (``tests/data/comments/fox_constructiveness.tsv``, split by thread)
and shipped as ``data/comments/constructiveness.json`` (feature names, means, scales, coefficients,
intercept, threshold and the held-out figures); ``storyline.eval.comment_constructiveness`` scores it
on the other half. Spam scores 0.

    constructiveness("The ceasefire will fail because ...", offensive=0.02, spam=False)   # 0.8...
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.comments.lexicon import Token, lexicon, phrase_spans, tokens
from storyline.comments.textmodel import data_path

log = logging.getLogger(__name__)

ARTIFACT = "constructiveness.json"
FEATURES = (
    "log_words", "log_sentences", "reasoning", "figures", "names", "quotes", "questions", "exclamations",
    "capitals", "second_person", "offensive", "insults",
)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_QUOTE = re.compile(r"[\"“”]")
_SECOND_PERSON = frozenset({"you", "your", "you're", "yours", "yourself", "u"})


def _capital_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if len(letters) <= 8:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def _count(toks: list[Token], words: frozenset[str]) -> int:
    return sum(1 for t in toks if t.text in words)


def features(text: str, *, offensive: float) -> dict[str, float]:
    """The model's features of one comment; ``offensive`` is the general toxicity model's score."""
    toks = tokens(text)
    words = sum(1 for t in toks if t.text.isalpha())
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    return {
        "log_words": math.log1p(words),
        "log_sentences": math.log1p(sentences),
        "reasoning": min(5, len(phrase_spans(toks, lexicon().reasoning))),
        "figures": min(5, sum(1 for t in toks if _DIGIT.search(t.text))),
        "names": min(5, len(_CAPITALISED.findall(text))),
        "quotes": 1.0 if _QUOTE.search(text) else 0.0,
        "questions": min(3, text.count("?")),
        "exclamations": min(5, text.count("!")),
        "capitals": _capital_share(text),
        "second_person": min(3, _count(toks, _SECOND_PERSON)),
        "offensive": float(offensive),
        "insults": min(2, len(phrase_spans(toks, lexicon().insults))),
    }


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ConstructivenessModel:
    """Standardised features and one logistic unit; ``threshold`` turns scores into labels."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def matrix(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        raw = np.array([[row[n] for n in self.names] for row in rows], dtype=np.float64)
        raw = raw.reshape(len(rows), len(self.names))
        return (raw - self.mean) / self.scale

    def score(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Probability-like score in [0, 1] of each feature row."""
        return 1.0 / (1.0 + np.exp(-(self.matrix(rows) @ self.coef + self.intercept)))


def model_from_dict(raw: Mapping[str, Any]) -> ConstructivenessModel:
    names = tuple(raw["features"])
    if names != FEATURES:
        raise ValueError(f"{ARTIFACT}: features {names} are not this version's {FEATURES}")
    return ConstructivenessModel(
        names=names, mean=np.array(raw["mean"], dtype=np.float64), scale=np.array(raw["scale"], dtype=np.float64),
        coef=np.array(raw["coef"], dtype=np.float64), intercept=float(raw["intercept"]),
        threshold=float(raw["threshold"]),
    )


@functools.cache
def load_constructiveness_model() -> ConstructivenessModel:
    """The shipped model, read once (no download)."""
    raw = json.loads(data_path(ARTIFACT).read_text(encoding="utf-8"))
    model = model_from_dict(raw)
    log.debug("constructiveness model: %d features, threshold %.3f", len(model.names), model.threshold)
    return model


def constructiveness(text: str, *, offensive: float, spam: bool,
                     model: ConstructivenessModel | None = None) -> tuple[float, bool]:
    """Score in [0, 1] and label of one comment (spam: 0 and not constructive)."""
    if spam:
        return 0.0, False
    model = model or load_constructiveness_model()
    score = round(float(model.score([features(text, offensive=offensive)])[0]), 3)
    return score, score >= model.threshold
