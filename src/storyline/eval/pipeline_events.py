"""Score the whole pipeline's events: ingest the pages into a temporary database, read them, and
score the stored events (canonical actors linked across the pages) against a gold file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from storyline.eval.events import EventsReport, read_gold, score
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from storyline.store.events import load_events


def evaluate_pipeline_events(gold_path: Path, pages: list[Path], *, n_process: int = 1) -> EventsReport:
    """What ``storyline eval events`` prints: the gold README's metrics over the stored events."""
    gold = read_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        ingest(pages, store=store)
        read_pending(store, n_process=n_process)
        predicted = load_events(store)
        texts = {d.doc_id: d.text for d in store.iter_documents()}
    return score(gold, predicted, texts=texts)
