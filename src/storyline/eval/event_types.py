"""Score the PLOVER type classifier on the held-out fifth of NGEC's synthetic stories.

The stories file (``ngec_synthetic_events_2023-10-19.csv``, MIT, NGEC) holds 4,500 synthetic
news stories, each labelled with one PLOVER type. :func:`heldout_split` is the one deterministic,
stratified split shared by training (``scripts/train_event_classifier.py``) and this scorer: the
shipped artifact was fitted on the other four fifths, so the figures here describe it.

Two views are scored:

- documents: headline + body of each held-out story (what the model was trained on);
- first sentences: the first sentence of each held-out body alone, the way the events stage
  uses the model (a sentence-level prior).

``python -m storyline.eval.event_types PATH`` prints accuracy, macro-F1 and a per-type table.
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.events.classifier import TypeClassifier, load_type_classifier

log = logging.getLogger(__name__)

SPLIT_SEED = 20231019
HELDOUT_FRACTION = 0.2
_SOURCE_LINE = re.compile(r"^\(.*\)\s*--\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """One synthetic story: headline (country names filled in), body, PLOVER type and mode.

    ``template`` is the headline template the story was generated from (``{country_1} ...``);
    several stories share one.
    """

    headline: str
    body: str
    label: str
    mode: str
    template: str

    @property
    def text(self) -> str:
        """What the classifier reads for a whole story: headline, blank line, body."""
        return f"{self.headline}\n\n{self.body}" if self.headline else self.body


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    """Accuracy, macro-F1 and per-type scores of one set of predictions."""

    items: int
    accuracy: float
    macro_f1: float
    per_type: tuple[TypeScore, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTypeReport:
    """Held-out scores for whole stories and for their first sentences alone."""

    stories: int
    heldout: int
    documents: Scores
    first_sentences: Scores


def headline_of(prompt: str) -> str:
    """The headline of a story's prompt: its lines without the closing ``(Source) --`` line."""
    lines = [line.strip() for line in prompt.strip().splitlines() if line.strip()]
    if lines and _SOURCE_LINE.match(lines[-1]):
        lines = lines[:-1]
    return " ".join(lines)


def read_stories(csv_path: Path) -> list[Story]:
    """All stories of the NGEC synthetic-events CSV, in file order."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"text", "prompt", "label"} - set(rows[0] if rows else {})
    if missing:
        raise ValueError(f"{csv_path}: missing columns {sorted(missing)}")
    return [
        Story(
            headline=headline_of(row["prompt"]),
            body=row["text"].strip(),
            label=row["label"],
            mode=row.get("mode") or "",
            template=row.get("title") or "",
        )
        for row in rows
    ]


def heldout_split(
    labels: Sequence[str], *, seed: int = SPLIT_SEED, fraction: float = HELDOUT_FRACTION
) -> tuple[list[int], list[int]]:
    """Deterministic stratified split: (train indices, held-out indices), both sorted.

    Within each label (taken in sorted order) the indices are shuffled by one seeded numpy
    generator and the first ``round(n * fraction)`` are held out.
    """
    rng = np.random.default_rng(seed)
    heldout: list[int] = []
    for label in sorted(set(labels)):
        members = np.array([i for i, value in enumerate(labels) if value == label], dtype=np.int64)
        shuffled = rng.permutation(members)
        heldout.extend(int(i) for i in shuffled[: round(len(members) * fraction)])
    held = set(heldout)
    return [i for i in range(len(labels)) if i not in held], sorted(heldout)


def first_sentence(text: str) -> str:
    """The first sentence of a text (split after ., ! or ? followed by a capital or digit)."""
    stripped = text.strip()
    return _SENTENCE_END.split(stripped, maxsplit=1)[0].strip() if stripped else ""


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Accuracy, macro-F1 over the gold labels, and per-type precision/recall/F1."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    per_type = tuple(_type_score(label, gold, predicted) for label in sorted(set(gold)))
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return Scores(
        items=len(gold),
        accuracy=correct / len(gold) if gold else 0.0,
        macro_f1=sum(t.f1 for t in per_type) / len(per_type) if per_type else 0.0,
        per_type=per_type,
    )


def _type_score(label: str, gold: Sequence[str], predicted: Sequence[str]) -> TypeScore:
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(g == label and p == label for g, p in pairs)
    n_pred = sum(p == label for _, p in pairs)
    n_gold = sum(g == label for g, _ in pairs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TypeScore(label=label, precision=precision, recall=recall, f1=f1, support=n_gold)


def evaluate_type_classifier(csv_path: Path, *, classifier: TypeClassifier | None = None) -> EventTypeReport:
    """Score the (shipped) classifier on the held-out fifth of the synthetic stories."""
    clf = classifier or load_type_classifier()
    stories = read_stories(csv_path)
    _, heldout_ids = heldout_split([s.label for s in stories])
    heldout = [stories[i] for i in heldout_ids]
    gold = [s.label for s in heldout]
    documents = [label for label, _ in clf.predict([s.text for s in heldout])]
    sentences = [label for label, _ in clf.predict([first_sentence(s.body) for s in heldout])]
    return EventTypeReport(
        stories=len(stories),
        heldout=len(heldout),
        documents=score(gold, documents),
        first_sentences=score(gold, sentences),
    )


def format_scores(title: str, scores: Scores) -> str:
    """A plain-text block: headline figures, then one row per type."""
    lines = [
        f"{title}: n={scores.items} accuracy={scores.accuracy:.3f} macro-F1={scores.macro_f1:.3f}",
        f"  {'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}",
    ]
    lines.extend(
        f"  {t.label:<10} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} {t.support:5d}" for t in scores.per_type
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_path", type=Path, help="ngec_synthetic_events_2023-10-19.csv")
    args = parser.parse_args(argv)
    if not args.csv_path.is_file():
        parser.error(f"{args.csv_path}: no such file (give the NGEC synthetic stories CSV)")
    report = evaluate_type_classifier(args.csv_path)
    sys.stdout.write(f"stories={report.stories} held-out={report.heldout} (seed {SPLIT_SEED})\n")
    sys.stdout.write(format_scores("documents", report.documents) + "\n")
    sys.stdout.write(format_scores("first sentences", report.first_sentences) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
