"""Article-body extraction quality on the scrapinghub article-extraction-benchmark.

Reproduces that benchmark's metric (its ``evaluate.py``): texts are tokenised with ``\\w+``
(case kept), compared as multisets of 4-token shingles; per page TP/FP/FN are normalised to
sum to 1; precision is averaged over pages with a non-empty prediction (``tp + fp > 0``),
recall over pages with a non-empty truth (``tp + fn > 0``); F1 is the harmonic mean of the
two averages. The prediction is the body text of :func:`storyline.segment.html.segment_html`
(body segments only: no title, dateline or comments); a page it rejects counts as empty.

Run ``python -m storyline.eval.extraction PATH`` to print the figures for a benchmark copy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from storyline.segment.html import segment_html

logger = logging.getLogger(__name__)

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageScore:
    """Normalised shingle counts for one page and its precision/recall (None where undefined)."""

    page_id: str
    tp: float
    fp: float
    fn: float
    precision: float | None
    recall: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionReport:
    """Benchmark-level figures: means of per-page precision and recall, and their F1."""

    pages: int
    precision: float
    recall: float
    f1: float
    per_page: tuple[PageScore, ...]
    seconds: float = 0.0


def tokenize(text: str) -> list[str]:
    """The benchmark's tokeniser: runs of word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles (a shorter text gives one shorter shingle)."""
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """TP, FP, FN over shingles, normalised to sum to 1 (all zero when both are empty)."""
    truth, guess = shingles(true), shingles(pred)
    tp = float(sum((truth & guess).values()))
    fp = float(sum((guess - truth).values()))
    fn = float(sum((truth - guess).values()))
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score_page(page_id: str, *, true: str, pred: str) -> PageScore:
    """Score one page as the benchmark does."""
    tp, fp, fn = shingle_counts(true, pred)
    return PageScore(
        page_id=page_id,
        tp=tp,
        fp=fp,
        fn=fn,
        precision=_precision(tp, fp, fn) if tp + fp > 0 else None,
        recall=_recall(tp, fp, fn) if tp + fn > 0 else None,
    )


def aggregate(scores: list[PageScore], *, seconds: float = 0.0) -> ExtractionReport:
    """Average per-page precision and recall over the pages where each is defined."""
    precision = statistics.mean(s.precision for s in scores if s.precision is not None)
    recall = statistics.mean(s.recall for s in scores if s.recall is not None)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtractionReport(
        pages=len(scores), precision=precision, recall=recall, f1=f1, per_page=tuple(scores), seconds=seconds
    )


def predicted_body(html: str) -> str:
    """The body text ``segment_html`` finds (empty when it rejects the page)."""
    try:
        seg = segment_html(html)
    except ValueError as e:
        logger.info("no body extracted: %s", e)
        return ""
    return "\n".join(seg.text[s.start : s.end] for s in seg.spans("body"))


def _read_html(bench_dir: Path, page_id: str) -> str:
    path = bench_dir / "html" / f"{page_id}.html.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.read()


def evaluate_extraction(bench_dir: Path) -> ExtractionReport:
    """Score ``segment_html`` body text against ``ground-truth.json`` of a benchmark copy."""
    truth_path = bench_dir / "ground-truth.json"
    if not truth_path.is_file():
        raise FileNotFoundError(f"no ground-truth.json in {bench_dir}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    scores = [
        score_page(page_id, true=item.get("articleBody") or "", pred=predicted_body(_read_html(bench_dir, page_id)))
        for page_id, item in sorted(truth.items())
    ]
    return aggregate(scores, seconds=time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark figures for the benchmark folder given as the only argument."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", type=Path, help="the benchmark copy (holding ground-truth.json and html/)")
    args = parser.parse_args(argv)
    if not (args.bench_dir / "ground-truth.json").is_file():
        parser.error(f"{args.bench_dir}: no ground-truth.json there (give the benchmark folder)")
    report = evaluate_extraction(args.bench_dir)
    sys.stdout.write(f"pages      {report.pages}\nprecision  {report.precision:.4f}\nrecall     {report.recall:.4f}\n"
                     f"f1         {report.f1:.4f}\nseconds    {report.seconds:.1f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
