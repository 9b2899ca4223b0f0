"""Score the whole pipeline's events: ingest the pages into a temporary database, read them, and
score the stored events (canonical actors linked across the pages) against a gold file."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from storyline.eval.events import EventsReport, GoldPage, date_agrees, read_gold, score
from storyline.eval.stories import StoryPairScore, gold_stories, score_story_pairs
from storyline.events.records import Event
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from storyline.store.events import load_events
from storyline.store.stories import inferred_dates_by_event, story_ids_by_event


def evaluate_pipeline_events(
    gold_path: Path, pages: list[Path], *, n_process: int = 1
) -> tuple[EventsReport, StoryPairScore]:
    """What ``storyline eval events`` prints: the gold README's metrics over the stored events, and
    the pairwise precision/recall of "same story" links between matched events."""
    return evaluate_pipeline_halves(gold_path, pages, n_process=n_process)["all"]


def evaluate_pipeline_halves(
    gold_path: Path, pages: list[Path], *, halves: Mapping[str, Collection[str]] | None = None, n_process: int = 1
) -> dict[str, tuple[EventsReport, StoryPairScore]]:
    """The figures of :func:`evaluate_pipeline_events` over all gold pages (``"all"``) and over each
    named half (name → page ids, e.g. the ``tune`` and ``check`` halves of ``gold/dev/split.json``).
    All pages are read into one store, as a stream would be; only the scoring is split."""
    gold = read_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        ingest(pages, store=store)
        read_pending(store, n_process=n_process)
        predicted = load_events(store)
        texts = {d.doc_id: d.text for d in store.iter_documents()}
        story_of = story_ids_by_event(store)
        inferred = inferred_dates_by_event(store)
    stories = gold_stories(gold_path)
    selections = {"all": None, **(halves or {})}
    results = {}
    for name, ids in selections.items():
        pages_of = [g for g in gold if ids is None or g.doc_id in ids]
        report = score(pages_of, predicted, texts=texts)
        report = replace(report, dates_correct_inferred=inferred_dates_correct(report, pages_of, predicted, inferred))
        results[name] = (report, score_story_pairs(report.details, stories, story_of))
    return results


def read_split(path: Path) -> dict[str, frozenset[str]]:
    """The halves of a split file (``{"tune": [ids], "check": [ids], ...}``; keys whose value is
    not a list of ids, such as ``about``, are passed over)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("a split file holds an object of named lists of page ids")
    halves = {k: frozenset(v) for k, v in data.items() if isinstance(v, list) and all(isinstance(i, str) for i in v)}
    if not halves:
        raise ValueError("a split file holds an object of named lists of page ids")
    return halves


def inferred_dates_correct(report: EventsReport, gold: Sequence[GoldPage], predicted: Mapping[str, Sequence[Event]],
                           inferred: Mapping[str, str]) -> int:
    """Matched events whose date agrees with the gold once an undated report takes the date its story
    lends it (``inferred``: event id → date); an event's own date is never replaced."""
    gold_dates = {g.gold_id: g.date for page in gold for g in page.events}
    own = {e.event_id: e.date for events in predicted.values() for e in events}
    return sum(m.date_correct or (not own.get(m.event_id) and date_agrees(inferred.get(m.event_id), gold_dates[m.gold_id] or ""))
               for r in report.details for m in r.matches if m.date_scored)
