"""Score story linking against the gold ``story`` labels: pairwise "same story" precision and recall.

The events scorer (:func:`storyline.eval.events.score`) matches predictions one to one to gold
events per page; this scorer takes the matched predictions of all pages and looks at every pair of
them. A pair is a gold link when both gold events carry the same non-null ``story`` (a null story is
an event no other record refers to: linked to nothing); it is a predicted link when both
predictions carry the same story id.

- precision: predicted links that are gold links / predicted links (1.0 when nothing is linked)
- recall: gold links that are predicted / gold links (1.0 when gold links nothing)

``python -m storyline.eval.stories --gold GOLD.json --db STORE.duckdb`` scores a store whose pages
were read and linked; ``--pages DIR_OR_JSONL`` reads and links the pages into a temporary store first.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from storyline.eval.events import PageResult, read_gold, score
from storyline.link import relink_pages
from storyline.link.events import link_events
from storyline.link.pagestories import StoryOptions, options_with
from storyline.store.database import Store
from storyline.store.events import load_events
from storyline.store.stories import story_ids_by_event


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryPairScore:
    """Pair counts over the matched predictions, and the wrong pairs for inspection."""

    matched: int
    gold_links: int
    predicted_links: int
    correct_links: int
    false_links: tuple[tuple[str, str], ...] = ()
    missed_links: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float:
        return self.correct_links / self.predicted_links if self.predicted_links else 1.0

    @property
    def recall(self) -> float:
        return self.correct_links / self.gold_links if self.gold_links else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return data


def gold_stories(path: Path) -> dict[str, str | None]:
    """Gold event id → its ``story`` label (``None`` when the record has none)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {str(e["id"]): (str(e["story"]) if e.get("story") else None) for row in rows for e in row.get("events", ())}
    except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
        raise ValueError(f"cannot read gold stories from {path}: {e}") from e


def score_story_pairs(results: Sequence[PageResult], gold_story: Mapping[str, str | None],
                      story_of: Mapping[str, str]) -> StoryPairScore:
    """Pairwise scores over the matched predictions of ``results`` (the events scorer's pages)."""
    matched = sorted({(m.event_id, m.gold_id) for r in results for m in r.matches})
    gold_links = predicted_links = correct = 0
    false_links: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for (ea, ga), (eb, gb) in combinations(matched, 2):
        gold = gold_story.get(ga) is not None and gold_story.get(ga) == gold_story.get(gb)
        predicted = story_of.get(ea) is not None and story_of.get(ea) == story_of.get(eb)
        gold_links += gold
        predicted_links += predicted
        correct += gold and predicted
        if predicted and not gold:
            false_links.append((ga, gb))
        elif gold and not predicted:
            missed.append((ga, gb))
    return StoryPairScore(matched=len(matched), gold_links=gold_links, predicted_links=predicted_links,
                          correct_links=correct, false_links=tuple(false_links), missed_links=tuple(missed))


def evaluate_stories(store: Store, gold_path: Path) -> StoryPairScore:
    """Score the stories of a store whose pages were read and linked (:func:`link_events`)."""
    events = load_events(store)
    texts = {d.doc_id: d.text for d in store.iter_documents()}
    report = score(read_gold(gold_path), events, texts=texts)
    return score_story_pairs(report.details, gold_stories(gold_path), story_ids_by_event(store))


def evaluate_pages(gold_path: Path, pages: Sequence[Path], *, options: StoryOptions | None = None) -> StoryPairScore:
    """Ingest, read and link ``pages`` into a temporary store, then score its stories. With ``options``
    (page-story settings), the pages are clustered again with them and every event linked again, so the
    score shows what those page stories do to event linking (its page-story bonus)."""
    from storyline.pipeline import ingest, read_pending

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        ingest(pages, store=store)
        read_pending(store)  # reads, then links pages and events
        if options is not None:
            relink_pages(store, options=options)
            link_events(store, rebuild=True)
        return evaluate_stories(store, gold_path)


def format_score(result: StoryPairScore) -> str:
    return (f"matched events {result.matched}  gold links {result.gold_links}  predicted links "
            f"{result.predicted_links}  correct {result.correct_links}\n"
            f"story pairs: precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score story linking against gold story labels (pairwise).")
    parser.add_argument("--gold", type=Path, required=True, help="gold events JSON with story labels")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="a store whose pages were read and linked")
    source.add_argument("--pages", type=Path, nargs="+", help="folder of pages or a JSONL file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="with --pages: cluster page stories with this setting (StoryOptions field), repeatable")
    args = parser.parse_args(argv)
    if args.settings and args.db:
        parser.error("--set needs --pages (a store given with --db is scored as it is)")
    try:
        options = options_with(args.settings) if args.settings else None
    except ValueError as e:
        parser.error(str(e))
    for path in (args.gold, args.db, *(args.pages or ())):
        if path is not None and not path.exists():
            parser.error(f"{path}: no such file or folder")
    if args.db:
        with Store(args.db, read_only=True) as store:
            result = evaluate_stories(store, args.gold)
    else:
        result = evaluate_pages(args.gold, args.pages, options=options)
    sys.stdout.write((json.dumps(result.to_json(), indent=1) if args.json else format_score(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
