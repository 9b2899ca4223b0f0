"""Train the comment toxicity model on the Fox News comments (MIT) and write the artifact and its card.

numpy only (no scikit-learn): TF-IDF of word 1-2 grams and character 3-5 grams inside words, as
``storyline.comments.textmodel`` computes it, and an
L2-regularised logistic regression fitted by Nesterov-accelerated gradient descent
on the full batch (the loss is smooth and convex; rows are l2-normalised, so a fixed step converges).

1. read the comments (repeated texts once) and split them with
   :func:`storyline.eval.comment_toxicity.heldout_split` (stratified, fixed seed): four fifths to
   train, one fifth held out;
2. choose the regularisation C by 5-fold stratified CV on the training part (average precision), and
   the decision threshold as the one maximising F0.5 (precision weighs more) over the out-of-fold scores;
3. fit on the whole training part, write ``toxicity.npz`` and ``toxicity.json`` (the card: data,
   licence, split, settings, held-out figures);
4. each thread held out in turn (a topic the model never saw): our model fitted on the other nine
   threads scores it; alt-profanity-check (the general model, shipped in its wheel) scores every comment;
5. the blend (:class:`storyline.comments.toxicity.Blend`): a logistic unit over the standardised
   ``BLEND_FEATURES`` of the training part's comments (our model's scores from step 4), fitted by
   Newton's method (``train_constructiveness.fit_logistic``); then the general model's coefficient is
   multiplied by the largest factor on the grid whose whole-thread ROC AUC over the training part
   (with the insult floor) is within 0.005 of the best (the general model, trained on other sites, is
   the one expected to carry to other newspapers), and the threshold is the best F0.5 over the same
   scores; all written to the card's ``blend``;
6. held-out fifth and whole-thread figures of the stage score and of each model alone, into the card.

Deterministic: re-running on the same data writes the same files.

    python scripts/train_comment_models.py --data ../shared/data/fox-news-comments --out src/storyline/data/comments/
    python scripts/train_comment_models.py --data ../shared/data/fox-news-comments --unseen-threads  # figures only
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.comments.textmodel import (
    TOXICITY_ARTIFACT,
    TOXICITY_CARD,
    BinaryTextModel,
    data_path,
    read_binary_model,
    save_binary_model,
    toxicity_card,
)
from storyline.comments.toxicity import BLEND_FEATURES, Blend, blend_features, load_blend, load_general_model
from train_constructiveness import fit_logistic as fit_dense_logistic
from train_constructiveness import standardise
from storyline.eval.comment_toxicity import (
    HELDOUT_FRACTION,
    SPLIT_SEED,
    LabelledComment,
    average_precision,
    binary_scores,
    evaluate,
    figures_of_parts,
    heldout_split,
    read_comments,
    roc_auc,
    stage_scores,
)

log = logging.getLogger("train_comment_models")

NGRAM_RANGE = (1, 2)
CHAR_RANGE = (3, 5)
MIN_DF = 2
MAX_FEATURES = 30000
GRID_C = (1.0, 3.0, 10.0, 30.0)
CV_FOLDS = 5
STEPS = 1500
BETA = 0.5
GRID_GENERAL_FACTOR = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
WEIGHT_TOLERANCE = 0.005
BLEND_C = 1.0
GENERAL_MODEL = {
    "package": "alt-profanity-check",
    "version": "1.9.1",
    "licence": "MIT",
    "model": "linear SVM over TF-IDF, calibrated, shipped in the wheel (scikit-learn 1.9.1 joblib files)",
    "data": "about 200k human-labelled texts: t-davidson/hate-speech-and-offensive-language tweets (MIT) and "
            "the Jigsaw Toxic Comment Classification Wikipedia talk-page comments (CC0; texts CC BY-SA 3.0)",
}


def stop_words() -> frozenset[str]:
    """English function words (the language detector's profile): left out of the features, which
    otherwise learn thread-specific noise ("from", "until") from 1,200 comments."""
    return frozenset(json.loads(data_path("stopwords.json").read_text(encoding="utf-8"))["en"])


def fit_vocabulary(texts: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
    """Terms seen in at least ``MIN_DF`` texts (the most frequent ``MAX_FEATURES``), sorted, and smooth idf."""
    df: Counter[str] = Counter()
    probe = BinaryTextModel(vocabulary={}, idf=np.zeros(0), coef=np.zeros(0), intercept=0.0, ngram_range=NGRAM_RANGE,
                            stop_words=stop_words(), char_range=CHAR_RANGE)
    for text in texts:
        df.update(set(probe.terms(text)))
    kept = sorted((t for t, n in df.items() if n >= MIN_DF), key=lambda t: (-df[t], t))[:MAX_FEATURES]
    terms = sorted(kept)
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in terms])
    return {t: i for i, t in enumerate(terms)}, idf


class Sparse:
    """Rows of TF-IDF weights as coordinate lists, with the two products gradient descent needs."""

    def __init__(self, model: BinaryTextModel, texts: Sequence[str]) -> None:
        rows, cols, data = [], [], []
        for row, text in enumerate(texts):
            c, w = model.features(text)
            rows.append(np.full(c.size, row, dtype=np.int64))
            cols.append(c)
            data.append(w)
        self.rows, self.cols, self.data = np.concatenate(rows), np.concatenate(cols), np.concatenate(data)
        self.shape = (len(texts), len(model.vocabulary))

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, self.data * w[self.cols], minlength=self.shape[0])

    def tdot(self, r: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, self.data * r[self.rows], minlength=self.shape[1])

    def norm2(self, iterations: int = 100) -> float:
        """Largest singular value (power iteration, fixed start)."""
        v = np.ones(self.shape[1]) / np.sqrt(self.shape[1])
        value = 0.0
        for _ in range(iterations):
            u = self.tdot(self.dot(v))
            value = float(np.linalg.norm(u))
            if value == 0.0:
                return 0.0
            v = u / value
        return float(np.sqrt(value))


def fit_logistic(x: Sparse, y: np.ndarray, *, c: float, balanced: bool = False) -> tuple[np.ndarray, float]:
    """Minimise sum_i w_i * logloss_i + ||coef||^2 / (2C); w_i = 1, or balanced class weights."""
    n, d = x.shape
    counts = np.bincount(y, minlength=2)
    sample_w = np.where(y == 1, n / (2 * counts[1]), n / (2 * counts[0])) if balanced else np.ones(n)
    lipschitz = 0.25 * sample_w.max() * (x.norm2() ** 2 + n) + 1.0 / c
    step = 1.0 / lipschitz
    params = np.zeros(d + 1)
    previous = params.copy()
    for k in range(STEPS):
        look = params + (k / (k + 3)) * (params - previous)
        z = x.dot(look[:d]) + look[d]
        residual = sample_w * (1.0 / (1.0 + np.exp(-z)) - y)
        grad = np.concatenate([x.tdot(residual) + look[:d] / c, [residual.sum()]])
        previous, params = params, look - step * grad
    return params[:d], float(params[d])


def train(texts: Sequence[str], labels: Sequence[int], *, c: float, balanced: bool = False,
          threshold: float = 0.5) -> BinaryTextModel:
    vocabulary, idf = fit_vocabulary(texts)
    blank = BinaryTextModel(vocabulary=vocabulary, idf=idf, coef=np.zeros(len(idf)), intercept=0.0,
                            ngram_range=NGRAM_RANGE, stop_words=stop_words(), char_range=CHAR_RANGE)
    coef, intercept = fit_logistic(Sparse(blank, texts), np.asarray(labels, dtype=np.int64), c=c, balanced=balanced)
    return BinaryTextModel(vocabulary=vocabulary, idf=idf, coef=coef, intercept=intercept, threshold=threshold,
                           ngram_range=NGRAM_RANGE, stop_words=stop_words(), char_range=CHAR_RANGE)


def folds(labels: Sequence[int], k: int) -> list[list[int]]:
    rng = np.random.default_rng(SPLIT_SEED + 1)
    out: list[list[int]] = [[] for _ in range(k)]
    for label in sorted(set(labels)):
        members = rng.permutation([i for i, v in enumerate(labels) if v == label])
        for n, i in enumerate(members):
            out[n % k].append(int(i))
    return [sorted(f) for f in out]


def out_of_fold(texts: Sequence[str], labels: Sequence[int], *, c: float, balanced: bool = False) -> np.ndarray:
    scores = np.zeros(len(texts))
    for held in folds(labels, CV_FOLDS):
        held_set = set(held)
        keep = [i for i in range(len(texts)) if i not in held_set]
        model = train([texts[i] for i in keep], [labels[i] for i in keep], c=c, balanced=balanced)
        scores[held] = model.score([texts[i] for i in held])
    return scores


def f_beta(labels: Sequence[int], scores: np.ndarray, threshold: float, beta: float = BETA) -> float:
    figures = binary_scores(labels, scores, threshold=threshold)
    p, r = figures["precision"], figures["recall"]
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def best_threshold(labels: Sequence[int], scores: np.ndarray) -> float:
    """The threshold with the best F-beta (beta 0.5: precision weighs more; a comment wrongly marked
    toxic costs a reader more than one missed) over the out-of-fold scores."""
    candidates = np.unique(np.round(scores, 3))
    best = max(candidates, key=lambda t: (f_beta(labels, scores, float(t)), -abs(t - 0.5)))
    return float(best)


def thread_scores(texts: Sequence[str], labels: Sequence[int], threads: Sequence[str], *, c: float,
                  balanced: bool) -> np.ndarray:
    """Each comment scored by our model fitted on the other threads only."""
    scores = np.zeros(len(texts))
    for thread in sorted(set(threads)):
        held = [i for i, t in enumerate(threads) if t == thread]
        keep = [i for i, t in enumerate(threads) if t != thread]
        model = train([texts[i] for i in keep], [labels[i] for i in keep], c=c, balanced=balanced)
        scores[held] = model.score([texts[i] for i in held])
    return scores


def choose_blend(texts: Sequence[str], labels: Sequence[int], ours: np.ndarray,
                 general: np.ndarray) -> tuple[Blend, list[dict]]:
    """The blend from unseen-thread scores (the caller passes the training part)."""
    y = np.asarray(labels, dtype=np.float64)
    raw = blend_features(texts, ours, general)
    mean, scale = standardise(raw)
    coef, intercept = fit_dense_logistic((raw - mean) / scale, y, c=BLEND_C)
    trials = []
    for factor in GRID_GENERAL_FACTOR:
        tilted = coef.copy()
        tilted[1] *= factor
        blend = Blend(mean=tuple(mean), scale=tuple(scale), coef=tuple(tilted), intercept=intercept, threshold=0.5)
        scores = stage_scores(texts, ours, general, blend=blend)
        trials.append({"general_factor": factor, "unseen_thread_roc_auc": round(roc_auc(y, scores), 4), "blend": blend})
    top = max(t["unseen_thread_roc_auc"] for t in trials)
    chosen = max((t for t in trials if t["unseen_thread_roc_auc"] >= top - WEIGHT_TOLERANCE),
                 key=lambda t: t["general_factor"])
    scores = stage_scores(texts, ours, general, blend=chosen["blend"])
    blend = Blend(mean=tuple(round(float(v), 6) for v in mean), scale=tuple(round(float(v), 6) for v in scale),
                  coef=tuple(round(float(v), 6) for v in chosen["blend"].coef), intercept=round(intercept, 6),
                  threshold=best_threshold(labels, scores))
    return blend, [{k: v for k, v in t.items() if k != "blend"} | {"chosen": t is chosen} for t in trials]


def unseen_threads(comments: Sequence[LabelledComment], *, c: float, balanced: bool,
                   model_threshold: float, blend: Blend | None = None) -> tuple[dict, Blend, list[dict]]:
    """Whole-thread figures; the blend is chosen on the training part's rows unless one is given."""
    texts = [x.text for x in comments]
    labels = [x.label for x in comments]
    ours = thread_scores(texts, labels, [x.thread for x in comments], c=c, balanced=balanced)
    general = np.asarray(load_general_model().score(texts))
    trials: list[dict] = []
    if blend is None:
        rows, _ = heldout_split(labels)
        blend, trials = choose_blend([texts[i] for i in rows], [labels[i] for i in rows], ours[rows], general[rows])
    figures = {"method": "each of the threads held out in turn (all distinct comments): our model fitted on the "
                         "other threads; alt-profanity-check as shipped",
               "threads": len({x.thread for x in comments}), "comments": len(comments),
               **figures_of_parts(texts, labels, ours, general, model_threshold=model_threshold, blend=blend)}
    return figures, blend, trials


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the fox-news-comments folder")
    parser.add_argument("--out", type=Path, help="where to write toxicity.npz and toxicity.json")
    parser.add_argument("--unseen-threads", action="store_true",
                        help="only print the whole-thread figures of the shipped settings (writes nothing)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    comments = read_comments(args.data)
    if args.unseen_threads:
        settings = toxicity_card()["settings"]
        figures, _, _ = unseen_threads(comments, c=settings["C"], balanced=settings["class_weight"] == "balanced",
                                       model_threshold=settings["threshold"], blend=load_blend())
        sys.stdout.write(json.dumps(figures) + "\n")
        return 0
    if args.out is None:
        parser.error("--out is required unless --unseen-threads")
    texts = [c.text for c in comments]
    labels = [c.label for c in comments]
    train_ids, held_ids = heldout_split(labels)
    tr_texts = [texts[i] for i in train_ids]
    tr_labels = [labels[i] for i in train_ids]
    trials = []
    for balanced in (False, True):
        for c in GRID_C:
            scores = out_of_fold(tr_texts, tr_labels, c=c, balanced=balanced)
            ap = average_precision(np.asarray(tr_labels), scores)
            trials.append({"C": c, "balanced": balanced, "cv_average_precision": round(ap, 4), "scores": scores})
            log.info("C=%s balanced=%s cv average precision %.4f", c, balanced, ap)
    # among settings within 0.005 of the best, unweighted first: its scores stay near the base rate for
    # text the model knows little of (other topics), instead of near 0.5
    top = max(t["cv_average_precision"] for t in trials)
    chosen = min((t for t in trials if t["cv_average_precision"] >= top - 0.005), key=lambda t: (t["balanced"], -t["cv_average_precision"]))
    threshold = best_threshold(tr_labels, chosen["scores"])
    log.info("chosen C=%s balanced=%s threshold=%.3f", chosen["C"], chosen["balanced"], threshold)
    model = train(tr_texts, tr_labels, c=chosen["C"], balanced=chosen["balanced"], threshold=threshold)
    args.out.mkdir(parents=True, exist_ok=True)
    artifact = args.out / TOXICITY_ARTIFACT
    save_binary_model(artifact, vocabulary=model.vocabulary, idf=model.idf, coef=model.coef,
                      intercept=model.intercept, threshold=model.threshold, ngram_range=NGRAM_RANGE,
                      stop_words=model.stop_words, char_range=CHAR_RANGE)
    shipped = read_binary_model(artifact)
    unseen, blend, blend_trials = unseen_threads(comments, c=chosen["C"], balanced=chosen["balanced"],
                                                 model_threshold=threshold)
    log.info("blend: coefficients %s, threshold %.3f", blend.coef, blend.threshold)
    heldout = evaluate(args.data, model=shipped, blend=blend)
    card = {
        "model": "TF-IDF (word 1-2 grams and character 3-5 grams inside words, sublinear tf, smooth idf, l2) "
                 "+ L2 logistic regression "
                 "(numpy gradient descent)",
        "artifact": TOXICITY_ARTIFACT,
        "artifact_bytes": artifact.stat().st_size,
        "task": "toxicity of a reader comment: score in [0, 1] (our model and the general model blended with two "
                "cues of the text, raised by the insult floor); toxic when score >= blend.threshold",
        "data": {
            "folder": "fox-news-comments",
            "file": "fox-news-comments.json",
            "source": "Fox News User Comments, Gao & Huang, 'Detecting Online Hate Speech Using Context Aware Models', RANLP 2017",
            "licence": "MIT (LICENSE file of the data set)",
            "labels": "hateful (1) / not hateful (0), annotated per the data set's guidelines; "
                      "'toxic' here means what they call hateful",
            "comments_in_file": 1528,
            "distinct_comments_used": len(comments),
            "toxic": int(sum(labels)),
            "text": "the comment text alone (no thread context)",
        },
        "split": {
            "method": "stratified by label, numpy default_rng permutation per label (labels sorted)",
            "seed": SPLIT_SEED,
            "heldout_fraction": HELDOUT_FRACTION,
            "train": len(train_ids),
            "heldout": len(held_ids),
            "shipped_model_fitted_on": "train part only",
        },
        "vectorizer": {"ngram_range": list(NGRAM_RANGE), "char_wb_range": list(CHAR_RANGE), "sublinear_tf": True,
                       "stop_words": "English function words of data/comments/stopwords.json, left out", "min_df": MIN_DF,
                       "max_features": MAX_FEATURES, "terms": len(model.vocabulary)},
        "settings": {"C": chosen["C"], "class_weight": "balanced" if chosen["balanced"] else None, "steps": STEPS, "threshold": round(threshold, 4)},
        "selection": {
            "method": f"{CV_FOLDS}-fold stratified CV on the train part: C and class weighting by average precision "
                      "(unweighted preferred within 0.005 of the best), "
                      "threshold by F0.5 (precision weighs more) over the out-of-fold scores",
            "trials": [{"C": t["C"], "class_weight": "balanced" if t["balanced"] else None,
                        "cv_average_precision": t["cv_average_precision"]} for t in trials],
        },
        "general_model": GENERAL_MODEL,
        "blend": {
            "features": list(BLEND_FEATURES),
            "mean": list(blend.mean),
            "scale": list(blend.scale),
            "coef": list(blend.coef),
            "intercept": blend.intercept,
            "threshold": round(blend.threshold, 4),
            "score": "max(logistic(standardised features . coef + intercept), insult floor)",
            "selection": "features of the train part's comments, our model fitted with each thread held out in turn; "
                         f"L2 logistic regression (C={BLEND_C}); the general model's coefficient multiplied by the "
                         f"largest factor whose ROC AUC is within {WEIGHT_TOLERANCE} of the best, then the threshold "
                         "with the best F0.5",
            "trials": blend_trials,
        },
        "heldout": heldout,
        "unseen_threads": unseen,
        "reproduce": ["python -m storyline.eval.comment_toxicity ../shared/data/fox-news-comments",
                      "python scripts/train_comment_models.py --data ../shared/data/fox-news-comments "
                      "--unseen-threads"],
        "limits": "10 threads of one US outlet from 2015-2016; a comment's words only, no thread context; "
                  "short texts and other registers (sarcasm, other countries' slurs) are weak",
    }
    (args.out / TOXICITY_CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    log.info("held-out: %s", json.dumps(heldout))
    log.info("unseen threads: %s", json.dumps(unseen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
