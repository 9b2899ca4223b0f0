"""Fit the comment constructiveness model on the fit half of the project's labels and write its artifact.

numpy only: the features of :func:`storyline.comments.constructive.features` (the general toxicity
model gives ``offensive``), standardised by the fit half's means and spreads, and an L2-regularised
logistic regression fitted by Newton's method (a dozen features: exact and deterministic).

1. read the labelled comments (texts from ``../shared/data/fox-news-comments``) and keep the fit half
   (:func:`storyline.eval.comment_constructiveness.halves`: alternate threads);
2. choose C by leave-one-thread-out cross-validation inside the fit half (ROC AUC of the pooled
   out-of-fold scores), and the threshold as the best F1 over those scores;
3. fit on the whole fit half, write ``constructiveness.json`` (model, settings, data, and the
   held-out half's figures from ``storyline.eval.comment_constructiveness``).

    python scripts/train_constructiveness.py --data ../shared/data/fox-news-comments \\
        --labels tests/data/comments/fox_constructiveness.tsv --out src/storyline/data/comments/
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.comments.constructive import ARTIFACT, FEATURES, model_from_dict
from storyline.eval.comment_constructiveness import evaluate, feature_rows, halves, read_labelled
from storyline.eval.comment_toxicity import binary_scores, roc_auc

log = logging.getLogger("train_constructiveness")

GRID_C = (0.03, 0.1, 0.3, 1.0, 3.0)
NEWTON_STEPS = 50


def fit_logistic(x: np.ndarray, y: np.ndarray, *, c: float) -> tuple[np.ndarray, float]:
    """Minimise sum logloss + ||coef||^2 / (2C) (intercept free) by Newton's method."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    penalty = np.diag([1.0 / c] * d + [0.0])
    params = np.zeros(d + 1)
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ params)))
        grad = design.T @ (p - y) + penalty @ params
        hess = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        params -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return params[:d], float(params[d])


def standardise(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = raw.mean(axis=0)
    scale = raw.std(axis=0)
    return mean, np.where(scale > 0, scale, 1.0)


def out_of_thread(raw: np.ndarray, y: np.ndarray, threads: Sequence[str], *, c: float) -> np.ndarray:
    scores = np.zeros(len(y))
    for thread in sorted(set(threads)):
        held = np.array([t == thread for t in threads])
        mean, scale = standardise(raw[~held])
        coef, intercept = fit_logistic((raw[~held] - mean) / scale, y[~held], c=c)
        scores[held] = 1.0 / (1.0 + np.exp(-(((raw[held] - mean) / scale) @ coef + intercept)))
    return scores


def best_f1_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    return float(max(candidates, key=lambda t: (binary_scores(y, scores, threshold=float(t))["f1"], -abs(t - 0.5))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the fox-news-comments folder")
    parser.add_argument("--labels", type=Path, required=True, help="tests/data/comments/fox_constructiveness.tsv")
    parser.add_argument("--out", type=Path, required=True, help="where to write constructiveness.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    comments = read_labelled(args.data, args.labels)
    fit, _ = halves(comments)
    rows = feature_rows([comments[i].text for i in fit])
    raw = np.array([[row[name] for name in FEATURES] for row in rows])
    y = np.array([comments[i].label for i in fit], dtype=np.float64)
    threads = [comments[i].thread for i in fit]
    trials = []
    for c in GRID_C:
        scores = out_of_thread(raw, y, threads, c=c)
        trials.append({"C": c, "cv_roc_auc": round(roc_auc(y, scores), 4), "scores": scores})
        log.info("C=%s leave-one-thread-out ROC AUC %.4f", c, trials[-1]["cv_roc_auc"])
    chosen = max(trials, key=lambda t: (t["cv_roc_auc"], -t["C"]))
    threshold = best_f1_threshold(y, chosen["scores"])
    mean, scale = standardise(raw)
    coef, intercept = fit_logistic((raw - mean) / scale, y, c=chosen["C"])
    artifact = {
        "model": "logistic regression (L2, Newton's method, numpy) over standardised transparent features",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(intercept, 6),
        "threshold": round(threshold, 4),
        "data": {
            "labels": "tests/data/comments/fox_constructiveness.tsv (300 comments, 30 per thread, labelled by the "
                      "project after Kolhatkar & Taboada's definition of constructive comments)",
            "texts": "../shared/data/fox-news-comments (MIT), read at training and evaluation time",
            "fit_half": {"comments": len(fit), "constructive": int(y.sum()), "threads": len(set(threads))},
        },
        "settings": {"C": chosen["C"], "steps": NEWTON_STEPS},
        "selection": {
            "method": "leave-one-thread-out CV inside the fit half: C by ROC AUC of pooled out-of-fold scores, "
                      "threshold by the best F1 over them",
            "trials": [{"C": t["C"], "cv_roc_auc": t["cv_roc_auc"]} for t in trials],
        },
        "reproduce": "python -m storyline.eval.comment_constructiveness ../shared/data/fox-news-comments "
                     "tests/data/comments/fox_constructiveness.tsv",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    figures = evaluate(args.data, args.labels, model=model_from_dict(artifact))
    artifact["figures"] = figures
    (args.out / ARTIFACT).write_text(json.dumps(artifact, indent=2) + "\n", encoding="utf-8")
    log.info("C=%s threshold=%.3f held-out half: %s", chosen["C"], threshold, json.dumps(figures["heldout_half"]))
    log.info("rule baseline held-out half: %s", json.dumps(figures["rule_baseline"]["heldout_half"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
