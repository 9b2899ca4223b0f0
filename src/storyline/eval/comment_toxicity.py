"""Score the shipped comment toxicity model on its held-out fifth of the Fox News comments.

The data set (``../shared/data/fox-news-comments``, MIT; Gao & Huang, RANLP 2017) holds 1,528 reader
comments from 10 Fox News threads, each labelled hateful (1) or not (0) by annotators; the toxicity
model is trained on these labels, so its "toxic" means what their guidelines call hateful (attacks
on people or groups, slurs, dehumanising language). :func:`read_comments` drops repeated texts (a
comment posted twice counts once, so a copy cannot sit on both sides of the split) and
:func:`heldout_split` is the one deterministic, stratified split shared by training
(``scripts/train_comment_models.py``) and this scorer: the shipped artifact was fitted on the other
four fifths, so the figures here describe it.

``python -m storyline.eval.comment_toxicity DIR`` prints one JSON object: counts, the blend's
threshold, and accuracy, precision, recall, F1, ROC AUC and average precision on the held-out comments
for the score the comments stage uses (:mod:`storyline.comments.toxicity`: our model and
alt-profanity-check blended with two cues of the text, raised by the insult floor), then for our model
alone (``model_alone``, at its own threshold) and alt-profanity-check alone (``general_alone``, at
0.5), and the majority-class baseline. The same figures with whole threads held out in turn (a topic no model fitted on its
comments has seen) are in the model card and printed by
``python scripts/train_comment_models.py --data DIR --unseen-threads``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.comments.textmodel import BinaryTextModel, load_toxicity_model
from storyline.comments.toxicity import Blend, TextScorer, insult_floor, insults_in, load_blend, load_general_model

SPLIT_SEED = 20171007
HELDOUT_FRACTION = 0.2
DATA_FILE = "fox-news-comments.json"
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledComment:
    text: str
    label: int
    thread: str


def read_comments(folder: Path) -> list[LabelledComment]:
    """The labelled comments of the data set in file order, each distinct text once (first kept)."""
    path = folder / DATA_FILE
    seen: set[str] = set()
    out: list[LabelledComment] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            text = str(row.get("text") or "").strip()
            key = _NON_WORD.sub(" ", text.casefold()).strip()
            if not key or key in seen:
                continue
            seen.add(key)
            out.append(LabelledComment(text=text, label=int(row["label"]), thread=str(row.get("title") or "")))
    return out


def heldout_split(
    labels: Sequence[int], *, seed: int = SPLIT_SEED, fraction: float = HELDOUT_FRACTION
) -> tuple[list[int], list[int]]:
    """Deterministic stratified split: (train indices, held-out indices), both sorted."""
    rng = np.random.default_rng(seed)
    heldout: list[int] = []
    for label in sorted(set(labels)):
        members = np.array([i for i, value in enumerate(labels) if value == label], dtype=np.int64)
        heldout.extend(int(i) for i in rng.permutation(members)[: round(len(members) * fraction)])
    held = set(heldout)
    return [i for i in range(len(labels)) if i not in held], sorted(heldout)


def binary_scores(gold: Sequence[int], scores: Sequence[float], *, threshold: float) -> dict[str, float]:
    """Accuracy, precision, recall, F1 (positive class) at ``threshold``, ROC AUC, average precision."""
    y = np.asarray(gold, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    predicted = s >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": round(float(np.mean(predicted == (y == 1))), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "roc_auc": round(roc_auc(y, s), 4),
        "average_precision": round(average_precision(y, s), 4),
    }


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return 0.0
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def average_precision(y: np.ndarray, s: np.ndarray) -> float:
    """Mean precision at the rank of each positive (scores sorted high to low)."""
    order = np.argsort(-s, kind="stable")
    hits = y[order] == 1
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def stage_scores(texts: Sequence[str], ours: Sequence[float], general: Sequence[float], *, blend: Blend) -> np.ndarray:
    """The comments stage's score from the two models' scores: the blend, raised by the insult floor."""
    mixed = blend.combine(texts, np.asarray(ours, dtype=np.float64), np.asarray(general, dtype=np.float64))
    return np.array([max(float(v), insult_floor(insults_in(t))) for t, v in zip(texts, mixed, strict=True)])


def figures_of_parts(texts: Sequence[str], gold: Sequence[int], ours: Sequence[float], general: Sequence[float], *,
                     model_threshold: float, blend: Blend) -> dict[str, object]:
    """Figures of the stage score (at the blend's threshold), then of each model alone."""
    return {
        **binary_scores(gold, stage_scores(texts, ours, general, blend=blend), threshold=blend.threshold),
        "model_alone": binary_scores(gold, ours, threshold=model_threshold),
        "general_alone": binary_scores(gold, general, threshold=0.5),
    }


def evaluate(folder: Path, *, model: BinaryTextModel | None = None, general: TextScorer | None = None,
             blend: Blend | None = None) -> dict[str, object]:
    """Held-out figures of the stage's toxicity score and of its two models alone."""
    model = model or load_toxicity_model()
    general = general or load_general_model()
    blend = blend or load_blend()
    comments = read_comments(folder)
    train, held = heldout_split([c.label for c in comments])
    gold = [comments[i].label for i in held]
    texts = [comments[i].text for i in held]
    majority = int(sum(gold) * 2 > len(gold))
    return {
        "comments": len(comments),
        "train": len(train),
        "heldout": len(held),
        "heldout_toxic": int(sum(gold)),
        "seed": SPLIT_SEED,
        "threshold": round(blend.threshold, 4),
        **figures_of_parts(texts, gold, model.score(texts), general.score(texts), model_threshold=model.threshold,
                           blend=blend),
        "majority_baseline_accuracy": round(sum(g == majority for g in gold) / len(gold), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.eval.comment_toxicity", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the fox-news-comments folder (holding fox-news-comments.json)")
    args = parser.parse_args(argv)
    if not (args.folder / DATA_FILE).is_file():
        parser.error(f"{args.folder / DATA_FILE}: no such file")
    sys.stdout.write(json.dumps(evaluate(args.folder)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
