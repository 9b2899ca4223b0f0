"""PLOVER event-type classifier: TF-IDF features and a linear model, run with numpy only.

The model is trained offline (``scripts/train_event_classifier.py``, scikit-learn) and shipped
as ``storyline/data/events/type_classifier.npz``: vocabulary, idf vector, coefficient matrix,
intercepts and class labels. This module reproduces scikit-learn's ``TfidfVectorizer``
(lowercase, token pattern ``(?u)\\b\\w\\w+\\b``, word 1..n-grams, sublinear tf, idf, l2 norm) and a
multinomial logistic regression (softmax of the linear scores) without importing scikit-learn.

    clf = load_type_classifier()
    clf.predict(["Troops shelled the town, killing 12"])   # [("ASSAULT", 0.8...)]

Scores are a prior for event typing: trained on whole synthetic stories, they are weaker on
single sentences (see the card ``type_classifier.json`` next to the artifact).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"(?u)\b\w\w+\b")
ARTIFACT_NAME = "type_classifier.npz"
CARD_NAME = "type_classifier.json"
_FORMAT_VERSION = 1
_ARRAY_KEYS = ("format", "ngram_range", "vocabulary", "idf", "coef", "intercept", "classes")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of two or more word characters (scikit-learn's default)."""
    return TOKEN_PATTERN.findall(text.lower())


def ngrams(tokens: Sequence[str], *, ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams joined by one space, shortest first, as scikit-learn builds them."""
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def tfidf_features(grams: Sequence[str], vocabulary: Mapping[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column ids and l2-normalised sublinear TF-IDF weights of a text's terms (those in ``vocabulary``)."""
    counts = Counter(col for gram in grams if (col := vocabulary.get(gram)) is not None)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    weights = (np.log(tf) + 1.0) * idf[cols]
    return cols, weights / np.linalg.norm(weights)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TypeClassifier:
    """A TF-IDF + multinomial linear model over PLOVER event types."""

    vocabulary: Mapping[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    classes: tuple[str, ...]
    ngram_range: tuple[int, int] = (1, 2)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column ids and l2-normalised sublinear TF-IDF weights of one text."""
        return tfidf_features(ngrams(tokenize(text), ngram_range=self.ngram_range), self.vocabulary, self.idf)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Linear scores, one row per text and one column per class."""
        scores = np.tile(self.intercept.astype(np.float64), (len(texts), 1))
        for row, text in enumerate(texts):
            cols, weights = self.features(text)
            if cols.size:
                scores[row] += weights @ self.coef[cols].astype(np.float64)
        return scores

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities (softmax of the scores), one row per text."""
        scores = self.decision_function(texts)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, the probability of every PLOVER type."""
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in self.probabilities(texts)]

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """For each text, the most probable PLOVER type and its probability."""
        probs = self.probabilities(texts)
        best = probs.argmax(axis=1)
        return [(self.classes[i], float(probs[row, i])) for row, i in enumerate(best)]


def save_type_classifier(
    path: Path,
    *,
    vocabulary: Mapping[str, int],
    idf: np.ndarray,
    coef: np.ndarray,
    intercept: np.ndarray,
    classes: Sequence[str],
    ngram_range: tuple[int, int] = (1, 2),
) -> None:
    """Write the model arrays to a compressed ``.npz`` (no pickled objects), deterministically.

    ``coef`` has one row per class and one column per vocabulary entry (scikit-learn's layout);
    it is stored transposed (terms x classes) as float32.
    """
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[t] for t in terms] != list(range(len(terms))):
        raise ValueError("vocabulary columns must be 0..n-1")
    if coef.shape != (len(classes), len(terms)):
        raise ValueError(f"coef shape {coef.shape} does not match {len(classes)} classes x {len(terms)} terms")
    arrays = {
        "format": np.array([_FORMAT_VERSION], dtype=np.int32),
        "ngram_range": np.array(ngram_range, dtype=np.int32),
        "vocabulary": np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
        "idf": np.asarray(idf, dtype=np.float64),
        "coef": np.ascontiguousarray(np.asarray(coef, dtype=np.float32).T),
        "intercept": np.asarray(intercept, dtype=np.float32),
        "classes": np.frombuffer("\n".join(classes).encode("utf-8"), dtype=np.uint8),
    }
    write_npz(path, arrays)


def write_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write arrays to a zip with fixed timestamps, so equal arrays give equal bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.ascontiguousarray(array), allow_pickle=False)


def read_npz(path: Path, keys: Sequence[str], *, what: str, version: int) -> dict[str, Any]:
    """The arrays ``keys`` of an artifact written by :func:`write_npz`, checked for its format
    ``version``; ``ValueError`` naming the file and ``what`` it should be otherwise."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays: dict[str, Any] = {key: data[key] for key in keys}
    except (OSError, KeyError, ValueError) as e:
        raise ValueError(f"{path}: not a {what} artifact ({e})") from e
    if int(arrays["format"][0]) != version:
        raise ValueError(f"{path}: unsupported artifact format {int(arrays['format'][0])}")
    return arrays


def read_type_classifier(path: Path) -> TypeClassifier:
    """Read a classifier written by :func:`save_type_classifier`."""
    arrays = read_npz(path, _ARRAY_KEYS, what="type-classifier", version=_FORMAT_VERSION)
    terms = arrays["vocabulary"].tobytes().decode("utf-8").split("\n")
    low, high = (int(v) for v in arrays["ngram_range"])
    return TypeClassifier(
        vocabulary={term: col for col, term in enumerate(terms)},
        idf=arrays["idf"],
        coef=arrays["coef"],
        intercept=arrays["intercept"],
        classes=tuple(arrays["classes"].tobytes().decode("utf-8").split("\n")),
        ngram_range=(low, high),
    )


def artifact_path() -> Path:
    """Where the shipped artifact lives inside the package."""
    return Path(str(resources.files("storyline").joinpath("data", "events", ARTIFACT_NAME)))


@functools.cache
def load_type_classifier() -> TypeClassifier:
    """The shipped PLOVER type classifier, read once."""
    clf = read_type_classifier(artifact_path())
    log.debug("type classifier: %d terms, %d classes", len(clf.vocabulary), len(clf.classes))
    return clf


@functools.cache
def model_card() -> dict[str, Any]:
    """The shipped artifact's card (data source, split, metrics), parsed once."""
    path = artifact_path().with_name(CARD_NAME)
    card = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(card, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return card
