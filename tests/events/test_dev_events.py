"""Floors on the 44 dev pages (gold/dev); raise them as the extractor improves."""

from __future__ import annotations

from pathlib import Path

from storyline.eval.events import evaluate_events


def test_dev_events_floor(shared_dir: Path) -> None:
    dev = shared_dir / "gold" / "dev"
    report = evaluate_events(dev / "events.json", [dev / "pages.jsonl"])
    assert report.pages == 44
    assert report.f1 >= 0.63
    assert report.precision >= 0.80
    assert report.recall_main >= 0.79
    by_type = {row.type: row for row in report.types}
    assert by_type["CONSULT"].matched_gold >= 9 and by_type["ASSAULT"].matched_gold >= 23
    assert by_type["ACCUSE"].matched_gold >= 13 and by_type["SANCTION"].matched_gold >= 21
    assert by_type["COERCE"].matched_gold >= 4 and by_type["REJECT"].matched_gold >= 5
    assert report.not_event_hits <= 3
