"""The shipped PLOVER type classifier: artifact, numpy inference, agreement with scikit-learn."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyline.events.classifier import (
    TypeClassifier,
    artifact_path,
    load_type_classifier,
    model_card,
    ngrams,
    read_type_classifier,
    save_type_classifier,
    tokenize,
)

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip

# Sentences of our own making, with the type they describe.
CLEAR_SENTENCES = [
    ("Protesters marched through the capital demanding the minister's resignation", "PROTEST"),
    ("Dock workers in Valparaiso went on strike over unpaid wages", "PROTEST"),
    ("The president threatened to impose tariffs if the talks failed", "THREATEN"),
    ("The European Union imposed sanctions on the regime in Minsk", "SANCTION"),
    ("The army deployed thousands of soldiers along the northern border", "MOBILIZE"),
    ("The Estonian and Finnish navies held joint exercises in the Baltic", "COOPERATE"),
    ("Norway praised Kenya for its handling of the election", "SUPPORT"),
    ("Parliament rejected the proposal to extend the ceasefire", "REJECT"),
    ("The government agreed to release political prisoners", "CONCEDE"),
    # PLOVER codes finalising a treaty or agreement as SUPPORT, expelling an envoy as SANCTION.
    ("The two presidents signed a trade agreement", "SUPPORT"),
    ("The government expelled the ambassador", "SANCTION"),
]
# Harder sentences: the intended type should at least be among the three most probable.
HARD_SENTENCES = [
    ("Troops shelled the rebel-held town, killing 12", "ASSAULT"),
    ("The foreign minister accused the neighbouring country of sheltering militants", "ACCUSE"),
]


@pytest.fixture(scope="module")
def clf() -> TypeClassifier:
    return load_type_classifier()


def test_tokenize_matches_default_token_pattern() -> None:
    assert tokenize("The U.S. envoy's 2nd visit — a 'success', x!") == ["the", "envoy", "2nd", "visit", "success"]


def test_ngrams_unigrams_then_bigrams() -> None:
    assert ngrams(["a1", "b2", "c3"]) == ["a1", "b2", "c3", "a1 b2", "b2 c3"]
    assert ngrams(["a1", "b2", "c3"], ngram_range=(2, 3)) == ["a1 b2", "b2 c3", "a1 b2 c3"]


def test_artifact_loads_with_16_plover_types(clf: TypeClassifier) -> None:
    assert set(clf.classes) == PLOVER_TYPES
    assert clf.coef.shape == (len(clf.vocabulary), 16)
    assert clf.idf.shape == (len(clf.vocabulary),)
    assert artifact_path().stat().st_size < 3_000_000


def test_card_describes_the_artifact(clf: TypeClassifier) -> None:
    card = model_card()
    assert card["vocabulary_size"] == len(clf.vocabulary)
    assert card["classes"] == list(clf.classes)
    assert card["data"]["licence"] == "MIT (NGEC)"
    assert 0.0 < card["heldout"]["accuracy"] <= 1.0


@pytest.mark.parametrize(("sentence", "expected"), CLEAR_SENTENCES)
def test_clear_sentences(clf: TypeClassifier, sentence: str, expected: str) -> None:
    assert clf.predict([sentence])[0][0] == expected


@pytest.mark.parametrize(("sentence", "expected"), HARD_SENTENCES)
def test_hard_sentences_rank_the_type_high(clf: TypeClassifier, sentence: str, expected: str) -> None:
    probs = clf.predict_proba([sentence])[0]
    assert expected in sorted(probs, key=probs.__getitem__, reverse=True)[:3]


def test_predict_proba_is_a_distribution(clf: TypeClassifier) -> None:
    rows = clf.predict_proba(["Rioters burned cars in the suburbs", "", "zzzz qqqq"])
    for row in rows:
        assert set(row) == PLOVER_TYPES
        assert sum(row.values()) == pytest.approx(1.0)
    label, prob = clf.predict(["Rioters burned cars in the suburbs"])[0]
    assert prob == pytest.approx(rows[0][label]) and prob == max(rows[0].values())


def test_empty_batch(clf: TypeClassifier) -> None:
    assert clf.predict([]) == [] and clf.predict_proba([]) == []


def _tiny_model() -> tuple[TypeClassifier, np.ndarray, np.ndarray]:
    vocabulary = {"strike": 0, "talks": 1, "strike talks": 2}
    coef = np.array([[2.0, -1.0, 0.5], [-1.0, 1.5, 0.0]])
    return TypeClassifier(
        vocabulary=vocabulary, idf=np.array([1.5, 2.0, 3.0]), coef=coef.T.astype(np.float32),
        intercept=np.array([0.1, -0.1], dtype=np.float32), classes=("PROTEST", "CONSULT"),
    ), coef, np.array([0.1, -0.1])  # fmt: skip


def test_features_are_sublinear_tfidf_l2() -> None:
    clf, _, _ = _tiny_model()
    cols, weights = clf.features("Strike, strike! Then talks")
    expected = np.array([(1 + np.log(2)) * 1.5, 2.0])
    assert list(cols) == [0, 1]
    np.testing.assert_allclose(weights, expected / np.linalg.norm(expected))


def test_save_and_read_roundtrip_is_byte_stable(tmp_path: Path) -> None:
    clf, coef, intercept = _tiny_model()
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for path in (first, second):
        save_type_classifier(path, vocabulary=clf.vocabulary, idf=clf.idf, coef=coef,
                             intercept=intercept, classes=clf.classes)  # fmt: skip
    assert first.read_bytes() == second.read_bytes()
    loaded = read_type_classifier(first)
    text = ["strike talks strike", "talks"]
    np.testing.assert_allclose(loaded.probabilities(text), clf.probabilities(text), rtol=1e-6)


def test_read_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "other.npz"
    np.savez(path, something=np.zeros(3))
    with pytest.raises(ValueError, match="not a type-classifier artifact"):
        read_type_classifier(path)


def test_save_rejects_mismatched_shapes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="coef shape"):
        save_type_classifier(tmp_path / "x.npz", vocabulary={"aa": 0}, idf=np.ones(1), coef=np.ones((2, 2)),
                             intercept=np.zeros(2), classes=["A", "B"])  # fmt: skip


# --- agreement with scikit-learn (training-only dependency) -----------------------------------

OWN_CORPUS = [
    ("Farmers blocked highways near Lyon to protest fuel taxes", "PROTEST"),
    ("Students rallied outside parliament in Accra demanding lower fees", "PROTEST"),
    ("Nurses walked out of hospitals across Ontario over pay", "PROTEST"),
    ("Artillery pounded villages near the frontier, killing civilians", "ASSAULT"),
    ("Gunmen attacked a police station, killing four officers", "ASSAULT"),
    ("Air strikes hit a convoy, killing the commander", "ASSAULT"),
    ("The foreign ministers met in Hanoi to discuss fishing rights", "CONSULT"),
    ("Delegations held talks in Geneva on prisoner exchanges", "CONSULT"),
    ("The envoy met the prime minister for consultations", "CONSULT"),
]


def test_numpy_inference_equals_sklearn_on_own_corpus(tmp_path: Path) -> None:
    text_mod = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    texts, labels = zip(*OWN_CORPUS, strict=True)
    vectorizer = text_mod.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    model = linear.LogisticRegression(C=10.0, max_iter=1000).fit(vectorizer.fit_transform(texts), labels)
    path = tmp_path / "tiny.npz"
    save_type_classifier(path, vocabulary={t: int(c) for t, c in vectorizer.vocabulary_.items()},
                         idf=vectorizer.idf_, coef=model.coef_, intercept=model.intercept_,
                         classes=[str(c) for c in model.classes_])  # fmt: skip
    probe = ["Teachers rallied in Accra; police attacked them, killing two!", "Talks in Hanoi", "", "Ünïcode café"]
    ours = read_type_classifier(path).probabilities(probe)
    np.testing.assert_allclose(ours, model.predict_proba(vectorizer.transform(probe)), atol=1e-6)


def test_shipped_artifact_equals_sklearn_transform(clf: TypeClassifier) -> None:
    text_mod = pytest.importorskip("sklearn.feature_extraction.text")
    terms = sorted(clf.vocabulary, key=clf.vocabulary.__getitem__)
    vectorizer = text_mod.TfidfVectorizer(ngram_range=clf.ngram_range, sublinear_tf=True, vocabulary=terms)
    vectorizer.fit(["placeholder"])
    vectorizer.idf_ = clf.idf
    probe = [s for s, _ in CLEAR_SENTENCES + HARD_SENTENCES] + ["The U.N. envoy's talks — in Quito, 2024."]
    scores = vectorizer.transform(probe) @ clf.coef.astype(np.float64) + clf.intercept
    np.testing.assert_allclose(clf.decision_function(probe), scores, atol=1e-9)


def test_card_is_json_with_per_type_table() -> None:
    card = json.loads(artifact_path().with_name("type_classifier.json").read_text(encoding="utf-8"))
    assert {row["label"] for row in card["heldout"]["per_type"]} == PLOVER_TYPES
