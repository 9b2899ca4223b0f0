"""Body-extraction quality floor on the article-extraction benchmark (181 pages), and the scorer itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.extraction import aggregate, evaluate_extraction, score_page, shingles

# Measured 0.9657 (P 0.9609, R 0.9705) with trafilatura 2.3.1 in precision mode. Lower only on purpose.
F1_FLOOR = 0.95


def test_benchmark_f1_floor(shared_dir: Path) -> None:
    report = evaluate_extraction(shared_dir / "data" / "article-extraction-benchmark")
    assert report.pages == 181
    assert len(report.per_page) == 181
    assert report.f1 >= F1_FLOOR, f"F1 {report.f1:.4f} below floor {F1_FLOOR}"


def test_shingles_are_case_sensitive_word_4grams() -> None:
    assert shingles("The cat, the cat!") == {("The", "cat", "the", "cat"): 1}
    assert shingles("Too short") == {("Too", "short"): 1}
    assert shingles("") == {}


def test_score_page_counts_and_undefined_precision() -> None:
    truth = "one two three four five six"
    perfect = score_page("a", true=truth, pred=truth)
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    half = score_page("b", true=truth, pred="one two three four zzz")
    assert (half.tp, half.fp, half.fn) == pytest.approx((1 / 4, 1 / 4, 2 / 4))
    assert half.precision == pytest.approx(1 / 2)
    assert half.recall == pytest.approx(1 / 3)
    empty = score_page("c", true=truth, pred="")
    assert empty.precision is None
    assert empty.recall == 0.0


def test_aggregate_averages_pages_then_takes_f1() -> None:
    truth = "alpha beta gamma delta epsilon"
    scores = [score_page("a", true=truth, pred=truth), score_page("b", true=truth, pred="")]
    report = aggregate(scores)
    assert report.precision == 1.0  # the empty prediction has no precision to average
    assert report.recall == 0.5
    assert report.f1 == pytest.approx(2 / 3)
