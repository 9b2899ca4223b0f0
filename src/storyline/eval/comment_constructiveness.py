"""Score the shipped constructiveness model on 300 Fox News comments the project labelled.

The labels (``tests/data/comments/fox_constructiveness.tsv``) hold only line numbers of
``fox-news-comments.json``, a hash of each comment's text and the label; the texts are read from the
data set at run time (``../shared/data/fox-news-comments``, MIT), and a hash that does not match
stops the run. :func:`halves` splits the labelled comments by thread (threads sorted by title: the
first, third, ... fit the model, the others are held out), so no held-out comment shares a thread
with a training one.

``python -m storyline.eval.comment_constructiveness DATA_DIR LABELS`` prints one JSON object:
precision, recall, F1 (constructive class), accuracy and ROC AUC of the shipped model on the held-out
half, the fit half and the whole set, the same for the project's earlier hand-weighted rule score
(``rule_baseline``, at its 0.5 cut; no page actors here, so its "specifics" are figures only), and
the all-constructive baseline's F1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.comments.constructive import ConstructivenessModel, features, load_constructiveness_model
from storyline.comments.lexicon import lexicon, phrase_spans, tokens
from storyline.comments.toxicity import TextScorer, load_general_model
from storyline.eval.comment_toxicity import DATA_FILE, binary_scores

RULE_CUT = 0.5
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledComment:
    line: int
    text: str
    thread: str
    label: int


def read_labelled(folder: Path, labels: Path) -> list[LabelledComment]:
    """The labelled comments with their texts from the data set, in the labels' order."""
    rows = [json.loads(line) if line.strip() else None for line in
            (folder / DATA_FILE).read_text(encoding="utf-8").splitlines()]
    out = []
    for raw in labels.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#") or raw.startswith("line\t"):
            continue
        line_no, digest, label = raw.split("\t")
        row = rows[int(line_no) - 1]
        text = str((row or {}).get("text") or "").strip()
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:10] != digest:
            raise ValueError(f"{labels}: line {line_no} of {DATA_FILE} does not hold the labelled comment")
        out.append(LabelledComment(line=int(line_no), text=text, thread=str(row["title"]), label=int(label)))
    return out


def halves(comments: Sequence[LabelledComment]) -> tuple[list[int], list[int]]:
    """(fit, held-out) indices: threads sorted by title, alternately to each half."""
    threads = sorted({c.thread for c in comments})
    fit_threads = set(threads[0::2])
    fit = [i for i, c in enumerate(comments) if c.thread in fit_threads]
    held = [i for i, c in enumerate(comments) if c.thread not in fit_threads]
    return fit, held


def feature_rows(texts: Sequence[str], *, general: TextScorer | None = None) -> list[dict[str, float]]:
    general = general or load_general_model()
    return [features(t, offensive=s) for t, s in zip(texts, general.score(texts), strict=True)]


def rule_score(text: str, *, toxicity: float) -> float:
    """The project's earlier hand-weighted score (kept here as a baseline): 0.35 length + 0.35
    reasoning phrases + 0.3 figures, minus half the toxicity and 0.2 for shouting."""
    toks = tokens(text)
    words = [t for t in toks if t.text.isalpha()]
    length = min(1.0, len(words) / 40)
    reasons = min(1.0, len(phrase_spans(toks, lexicon().reasoning)) / 2)
    detail = min(1.0, sum(1 for t in toks if _DIGIT.search(t.text)) / 3)
    score = 0.35 * length + 0.35 * reasons + 0.3 * detail - 0.5 * toxicity
    letters = [c for c in text if c.isalpha()]
    if (len(letters) > 8 and sum(c.isupper() for c in letters) > 0.5 * len(letters)) or text.count("!") >= 3:
        score -= 0.2
    return min(1.0, max(0.0, score))


def _figures(gold: Sequence[int], scores: Sequence[float], *, threshold: float) -> dict[str, float]:
    out = binary_scores(gold, scores, threshold=threshold)
    return {"comments": len(gold), "constructive": int(sum(gold)), **out}


def evaluate(folder: Path, labels: Path, *, model: ConstructivenessModel | None = None) -> dict[str, object]:
    """Figures of the model and the rule baseline on the held-out half, the fit half and all."""
    model = model or load_constructiveness_model()
    comments = read_labelled(folder, labels)
    texts = [c.text for c in comments]
    gold = np.array([c.label for c in comments])
    rows = feature_rows(texts)
    scores = model.score(rows)
    rules = np.array([rule_score(t, toxicity=r["offensive"]) for t, r in zip(texts, rows, strict=True)])
    fit, held = halves(comments)
    parts = {"heldout_half": held, "fit_half": fit, "all": list(range(len(comments)))}
    result: dict[str, object] = {"threshold": round(model.threshold, 4)}
    for name, idx in parts.items():
        result[name] = _figures(gold[idx], scores[idx], threshold=model.threshold)
    result["rule_baseline"] = {name: _figures(gold[idx], rules[idx], threshold=RULE_CUT) for name, idx in parts.items()}
    share = float(gold[held].mean())
    result["all_constructive_baseline_f1_heldout"] = round(2 * share / (1 + share), 4)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.eval.comment_constructiveness",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the fox-news-comments folder (holding fox-news-comments.json)")
    parser.add_argument("labels", type=Path, help="the labels file (tests/data/comments/fox_constructiveness.tsv)")
    args = parser.parse_args(argv)
    for path in (args.folder / DATA_FILE, args.labels):
        if not path.is_file():
            parser.error(f"{path}: no such file")
    sys.stdout.write(json.dumps(evaluate(args.folder, args.labels)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
