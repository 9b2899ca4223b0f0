"""Floors on the five sample pages (gold/seeds.events.json); raise them as the extractor improves."""

from __future__ import annotations

from pathlib import Path

from storyline.eval.events import evaluate_events


def test_seed_events_floor(shared_dir: Path) -> None:
    report = evaluate_events(shared_dir / "gold" / "seeds.events.json", [shared_dir / "seeds"])
    assert report.pages == 5
    assert report.recall_main >= 1.0
    assert report.f1 >= 0.84
    assert report.precision >= 0.8
    assert report.recall >= 0.84
    assert report.not_event_hits == 0  # nothing from comments, sidebars or teasers
