"""A binary text classifier (TF-IDF + logistic regression) run with numpy only.

Trained offline by ``scripts/train_comment_models.py`` (numpy gradient descent, no scikit-learn) and
shipped as a small ``.npz``: vocabulary, idf vector, one coefficient per term, intercept and the
decision threshold chosen on the training part. Features follow scikit-learn's ``TfidfVectorizer``
as ``storyline.events.classifier`` does (lowercase, ``(?u)\\b\\w\\w+\\b`` tokens less the model's stop
words, word 1..n-grams, plus character n-grams inside each word as scikit-learn's ``char_wb``, sublinear
tf, smooth idf, l2 norm); the score is the logistic of the linear score.

    model = load_toxicity_model()
    model.score(["You are an idiot"])   # [0.8...]
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from storyline.events.classifier import ngrams, read_npz, tfidf_features, tokenize, write_npz

log = logging.getLogger(__name__)

TOXICITY_ARTIFACT = "toxicity.npz"
TOXICITY_CARD = "toxicity.json"
_FORMAT_VERSION = 1
_ARRAY_KEYS = ("format", "ngram_range", "vocabulary", "idf", "coef", "intercept", "threshold", "stop_words",
               "char_range")


def char_grams(words: Sequence[str], *, char_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside each word padded with spaces (scikit-learn's ``char_wb``), marked
    with a leading ``#`` so they never collide with words."""
    low, high = char_range
    grams: list[str] = []
    if high < 1:
        return grams
    for word in words:
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend("#" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BinaryTextModel:
    """TF-IDF features and one logistic unit; ``threshold`` turns scores into labels."""

    vocabulary: Mapping[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float = 0.5
    ngram_range: tuple[int, int] = (1, 2)
    stop_words: frozenset[str] = frozenset()
    char_range: tuple[int, int] = (0, 0)

    def words(self, text: str) -> list[str]:
        """Tokens with the model's stop words left out (n-grams are built over what remains)."""
        return [w for w in tokenize(text) if w not in self.stop_words]

    def terms(self, text: str) -> list[str]:
        """Every feature term of ``text``: word n-grams, then character n-grams of its words."""
        words = self.words(text)
        return ngrams(words, ngram_range=self.ngram_range) + char_grams(words, char_range=self.char_range)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column ids and l2-normalised sublinear TF-IDF weights of one text."""
        return tfidf_features(self.terms(text), self.vocabulary, self.idf)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        scores = np.full(len(texts), float(self.intercept))
        for row, text in enumerate(texts):
            cols, weights = self.features(text)
            if cols.size:
                scores[row] += float(weights @ self.coef[cols].astype(np.float64))
        return scores

    def score(self, texts: Sequence[str]) -> list[float]:
        """Probability-like score in [0, 1] for each text."""
        return [float(v) for v in 1.0 / (1.0 + np.exp(-self.decision_function(texts)))]

    def label(self, texts: Sequence[str]) -> list[bool]:
        return [s >= self.threshold for s in self.score(texts)]

    def top_terms(self, text: str, *, limit: int = 5) -> list[str]:
        """The terms of ``text`` that push its score up most (for explanations)."""
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        cols, weights = self.features(text)
        contributions = weights * self.coef[cols] if cols.size else np.zeros(0)
        order = np.argsort(-contributions)
        return [terms[cols[i]] for i in order[:limit] if contributions[i] > 0]


def save_binary_model(
    path: Path,
    *,
    vocabulary: Mapping[str, int],
    idf: np.ndarray,
    coef: np.ndarray,
    intercept: float,
    threshold: float,
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = frozenset(),
    char_range: tuple[int, int] = (0, 0),
) -> None:
    """Write the model arrays to a compressed ``.npz`` (no pickled objects), deterministically."""
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[t] for t in terms] != list(range(len(terms))):
        raise ValueError("vocabulary columns must be 0..n-1")
    if coef.shape != (len(terms),):
        raise ValueError(f"coef shape {coef.shape} does not match {len(terms)} terms")
    arrays = {
        "format": np.array([_FORMAT_VERSION], dtype=np.int32),
        "ngram_range": np.array(ngram_range, dtype=np.int32),
        "vocabulary": np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
        "idf": np.asarray(idf, dtype=np.float32),
        "coef": np.asarray(coef, dtype=np.float32),
        "intercept": np.array([intercept], dtype=np.float64),
        "threshold": np.array([threshold], dtype=np.float64),
        "stop_words": np.frombuffer("\n".join(sorted(stop_words)).encode("utf-8"), dtype=np.uint8),
        "char_range": np.array(char_range, dtype=np.int32),
    }
    write_npz(path, arrays)


def read_binary_model(path: Path) -> BinaryTextModel:
    """Read a model written by :func:`save_binary_model`."""
    arrays = read_npz(path, _ARRAY_KEYS, what="comment-model", version=_FORMAT_VERSION)
    terms = arrays["vocabulary"].tobytes().decode("utf-8").split("\n")
    low, high = (int(v) for v in arrays["ngram_range"])
    return BinaryTextModel(
        vocabulary={term: col for col, term in enumerate(terms)},
        idf=arrays["idf"].astype(np.float64),
        coef=arrays["coef"].astype(np.float64),
        intercept=float(arrays["intercept"][0]),
        threshold=float(arrays["threshold"][0]),
        ngram_range=(low, high),
        stop_words=frozenset(w for w in arrays["stop_words"].tobytes().decode("utf-8").split("\n") if w),
        char_range=(int(arrays["char_range"][0]), int(arrays["char_range"][1])),
    )


def data_path(name: str) -> Path:
    """A file of ``storyline/data/comments`` inside the package."""
    return Path(str(resources.files("storyline").joinpath("data", "comments", name)))


@functools.cache
def load_toxicity_model() -> BinaryTextModel:
    """The shipped toxicity model, read once (no download)."""
    model = read_binary_model(data_path(TOXICITY_ARTIFACT))
    log.debug("toxicity model: %d terms, threshold %.3f", len(model.vocabulary), model.threshold)
    return model


@functools.cache
def toxicity_card() -> dict[str, Any]:
    """The shipped toxicity model's card (data, licence, split, held-out figures)."""
    card = json.loads(data_path(TOXICITY_CARD).read_text(encoding="utf-8"))
    if not isinstance(card, dict):
        raise ValueError(f"{TOXICITY_CARD}: expected a JSON object")
    return card
