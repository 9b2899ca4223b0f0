"""Score the whole pipeline's events: ingest the pages into a temporary database, read them, and
score the stored events (canonical actors linked across the pages) against a gold file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from storyline.eval.events import EventsReport, read_gold, score
from storyline.eval.stories import StoryPairScore, gold_stories, score_story_pairs
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from storyline.store.events import load_events
from storyline.store.stories import story_ids_by_event


def evaluate_pipeline_events(
    gold_path: Path, pages: list[Path], *, n_process: int = 1
) -> tuple[EventsReport, StoryPairScore]:
    """What ``storyline eval events`` prints: the gold README's metrics over the stored events, and
    the pairwise precision/recall of "same story" links between matched events."""
    gold = read_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        ingest(pages, store=store)
        read_pending(store, n_process=n_process)
        predicted = load_events(store)
        texts = {d.doc_id: d.text for d in store.iter_documents()}
        story_of = story_ids_by_event(store)
    report = score(gold, predicted, texts=texts)
    return report, score_story_pairs(report.details, gold_stories(gold_path), story_of)
