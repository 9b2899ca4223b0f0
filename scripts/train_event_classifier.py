"""Train the PLOVER event-type classifier on NGEC's synthetic stories and write the artifact.

Needs scikit-learn (training only; the shipped model runs with numpy). Steps:

1. read the stories and split them with :func:`storyline.eval.event_types.heldout_split`
   (stratified, fixed seed): four fifths to train, one fifth held out;
2. choose C and class weighting by 5-fold cross-validation on the training part only;
3. fit TF-IDF (word 1-2 grams, sublinear tf) + multinomial logistic regression on the training
   part, and write ``type_classifier.npz`` (numpy arrays) and ``type_classifier.json`` (the card:
   data, split, chosen settings, held-out metrics, vocabulary size);
4. diagnostic only: accuracy when whole headline templates are held out (stories generated
   from one template share wording, so the random split is the easier test).

Everything is seeded: re-running on the same data writes the same files.

    python scripts/train_event_classifier.py --data ../shared/data/plover/ngec_synthetic_events_2023-10-19.csv \\
        --out src/storyline/data/events/
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from storyline.events.classifier import ARTIFACT_NAME, CARD_NAME, read_type_classifier, save_type_classifier
from storyline.eval.event_types import (
    HELDOUT_FRACTION,
    SPLIT_SEED,
    Story,
    evaluate_type_classifier,
    heldout_split,
    read_stories,
)

log = logging.getLogger("train_event_classifier")

VECTORIZER = {"ngram_range": (1, 2), "sublinear_tf": True, "min_df": 2, "max_features": 30000}
GRID_C = (10.0, 30.0, 100.0, 300.0)
GRID_CLASS_WEIGHT = (None, "balanced")
CV_FOLDS = 5


def make_model(*, c: float, class_weight: str | None) -> tuple[TfidfVectorizer, LogisticRegression]:
    vectorizer = TfidfVectorizer(**VECTORIZER)
    model = LogisticRegression(C=c, class_weight=class_weight, solver="newton-cg", max_iter=3000)
    return vectorizer, model


def fit(texts: Sequence[str], labels: Sequence[str], *, c: float, class_weight: str | None) -> tuple[Any, Any]:
    vectorizer, model = make_model(c=c, class_weight=class_weight)
    model.fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model


def cv_macro_f1(texts: list[str], labels: list[str], *, c: float, class_weight: str | None) -> float:
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=SPLIT_SEED)
    scores = []
    for train, test in folds.split(texts, labels):
        vectorizer, model = fit([texts[i] for i in train], [labels[i] for i in train], c=c, class_weight=class_weight)
        predicted = model.predict(vectorizer.transform([texts[i] for i in test]))
        scores.append(f1_score([labels[i] for i in test], predicted, average="macro"))
    return float(np.mean(scores))


def choose_settings(texts: list[str], labels: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    trials = []
    for c in GRID_C:
        for class_weight in GRID_CLASS_WEIGHT:
            macro = cv_macro_f1(texts, labels, c=c, class_weight=class_weight)
            log.info("C=%s class_weight=%s: CV macro-F1 %.4f", c, class_weight, macro)
            trials.append({"C": c, "class_weight": class_weight, "cv_macro_f1": round(macro, 4)})
    best = max(trials, key=lambda t: t["cv_macro_f1"])
    return {"C": best["C"], "class_weight": best["class_weight"]}, trials


def unseen_template_accuracy(stories: list[Story], settings: dict[str, Any]) -> dict[str, float]:
    """Diagnostic: hold out a fifth of the headline templates (all their stories) instead."""
    templates = sorted({s.template for s in stories})
    rng = np.random.default_rng(SPLIT_SEED)
    held = {templates[i] for i in rng.permutation(len(templates))[: round(len(templates) * HELDOUT_FRACTION)]}
    train = [s for s in stories if s.template not in held]
    test = [s for s in stories if s.template in held]
    vectorizer, model = fit([s.text for s in train], [s.label for s in train], c=settings["C"],
                            class_weight=settings["class_weight"])
    predicted = model.predict(vectorizer.transform([s.text for s in test]))
    gold = [s.label for s in test]
    return {
        "stories": len(test),
        "templates": len(held),
        "accuracy": round(float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)])), 4),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro")), 4),
    }


def write_artifact(out: Path, vectorizer: TfidfVectorizer, model: LogisticRegression) -> Path:
    path = out / ARTIFACT_NAME
    save_type_classifier(
        path,
        vocabulary={term: int(col) for term, col in vectorizer.vocabulary_.items()},
        idf=vectorizer.idf_,
        coef=model.coef_,
        intercept=model.intercept_,
        classes=[str(c) for c in model.classes_],
        ngram_range=vectorizer.ngram_range,
    )
    return path


def check_reproduction(path: Path, vectorizer: TfidfVectorizer, model: LogisticRegression, texts: list[str]) -> float:
    """Largest absolute difference between numpy and scikit-learn probabilities."""
    ours = read_type_classifier(path).probabilities(texts)
    theirs = model.predict_proba(vectorizer.transform(texts))
    return float(np.abs(ours - theirs).max())


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="ngec_synthetic_events_2023-10-19.csv")
    parser.add_argument("--out", type=Path, required=True, help="folder for the artifact and its card")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    stories = read_stories(args.data)
    train_ids, heldout_ids = heldout_split([s.label for s in stories])
    texts = [stories[i].text for i in train_ids]
    labels = [stories[i].label for i in train_ids]
    settings, trials = choose_settings(texts, labels)
    log.info("chosen: %s", settings)
    vectorizer, model = fit(texts, labels, c=settings["C"], class_weight=settings["class_weight"])

    args.out.mkdir(parents=True, exist_ok=True)
    path = write_artifact(args.out, vectorizer, model)
    heldout_texts = [stories[i].text for i in heldout_ids]
    max_diff = check_reproduction(path, vectorizer, model, heldout_texts)
    log.info("numpy vs scikit-learn: max probability difference %.2e", max_diff)
    report = evaluate_type_classifier(args.data, classifier=read_type_classifier(path))
    card = {
        "model": "TF-IDF (word 1-2 grams, sublinear tf, l2) + multinomial logistic regression",
        "artifact": ARTIFACT_NAME,
        "data": {
            "file": args.data.name,
            "source": "NGEC synthetic PLOVER event stories (Andy Halterman), synthetic text",
            "licence": "MIT (NGEC)",
            "text": "headline (from prompt, countries filled in) + blank line + story body",
        },
        "split": {
            "method": "stratified by label, numpy default_rng permutation per label (sorted labels)",
            "seed": SPLIT_SEED,
            "heldout_fraction": HELDOUT_FRACTION,
            "train": len(train_ids),
            "heldout": len(heldout_ids),
            "shipped_model_fitted_on": "train part only",
        },
        "vectorizer": {**VECTORIZER, "ngram_range": list(VECTORIZER["ngram_range"])},
        "settings": settings,
        "selection": {"method": f"{CV_FOLDS}-fold stratified CV on the train part, macro-F1", "trials": trials},
        "vocabulary_size": len(vectorizer.vocabulary_),
        "classes": [str(c) for c in model.classes_],
        "heldout": rounded(asdict(report.documents)),
        "heldout_first_sentences": rounded(asdict(report.first_sentences)),
        "unseen_templates_diagnostic": unseen_template_accuracy(stories, settings),
        "numpy_vs_sklearn_max_prob_diff_below": 1e-5 if max_diff < 1e-5 else max_diff,
        "trained_with": f"scikit-learn {sklearn.__version__}",
    }
    (args.out / CARD_NAME).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    log.info("held-out: accuracy %.4f macro-F1 %.4f; first sentences: accuracy %.4f macro-F1 %.4f",
             report.documents.accuracy, report.documents.macro_f1,
             report.first_sentences.accuracy, report.first_sentences.macro_f1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
