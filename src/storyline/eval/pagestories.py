"""Score page stories against gold event files: pairwise and B-cubed precision, recall and F1.

Gold page stories come from a gold events file (``gold/README.md`` format: one record per page with
its events): two pages are the same page story when their MAIN events share a non-null ``story``
label (transitively); a page whose main events all have a null story, or that has no main event, is
a story of its own. The pages are ingested into a temporary store (or the store given), read with
:func:`storyline.pipeline.read_pending` (which links pages at its end) and their page stories scored.

``python -m storyline.eval.pagestories --gold FILE --pages PATH [--db DB] [--set KEY=VALUE ...] [--explain]``
prints the figures as JSON (PATH: a pages file or folder, as ``storyline ingest`` takes); ``--explain``
adds the pairs the system merged or split wrongly. ``--db`` keeps the store (a second run reads nothing
again); ``--set`` clusters with other :class:`~storyline.link.pagestories.StoryOptions`, as
``storyline.eval.ecbplus --set`` does. A store that existed before the run, or ``--set``, makes the pages
clustered afresh (:func:`storyline.link.recluster`) instead of taking the stored stories.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from storyline.eval.ecbplus import BCubed, bcubed
from storyline.link.neardup import groups
from storyline.link.pagestories import StoryOptions, options_with

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScore:
    """Pairwise counts: pairs of pages put together by the system and by gold."""

    true_positive: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PageStoryReport:
    """Scores of one clustering against gold, with the wrongly merged and wrongly split pairs."""

    pages: int
    stories: int
    gold_stories: int
    pairwise: PairScore
    bcubed: BCubed
    false_merges: tuple[tuple[str, str], ...]
    false_splits: tuple[tuple[str, str], ...]

    def as_dict(self, *, explain: bool = False) -> dict[str, object]:
        found: dict[str, object] = {
            "pages": self.pages, "stories": self.stories, "gold_stories": self.gold_stories,
            "pairwise_precision": round(self.pairwise.precision, 4), "pairwise_recall": round(self.pairwise.recall, 4),
            "pairwise_f1": round(self.pairwise.f1, 4), "gold_pairs": self.pairwise.gold,
            "predicted_pairs": self.pairwise.predicted,
            "bcubed_precision": round(self.bcubed.precision, 4), "bcubed_recall": round(self.bcubed.recall, 4),
            "bcubed_f1": round(self.bcubed.f1, 4),
        }
        if explain:
            found["false_merges"] = [list(p) for p in self.false_merges]
            found["false_splits"] = [list(p) for p in self.false_splits]
        return found


def gold_page_stories(records: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """Every gold page → a gold story label; pages whose main events share a story label share it."""
    labels: dict[str, set[str]] = {}
    for record in records:
        events = record.get("events") or []
        labels[str(record["doc_id"])] = {str(e["story"]) for e in events if e.get("main") and e.get("story")}
    pairs = [(f"page:{doc}", f"story:{label}") for doc, found in labels.items() for label in found]
    found_groups = groups(pairs)
    story: dict[str, str] = {}
    for members in found_groups:
        name = min(m for m in members if m.startswith("story:"))
        story.update({m[5:]: name for m in members if m.startswith("page:")})
    return {doc: story.get(doc, f"page:{doc}") for doc in labels}


def load_gold(path: Path) -> dict[str, str]:
    """Gold page stories of a gold events file."""
    return gold_page_stories(json.loads(path.read_text(encoding="utf-8")))


def _together(clusters: Mapping[str, str], items: Iterable[str]) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for item in sorted(items):
        members[clusters.get(item, f"\0{item}")].append(item)
    return {pair for found in members.values() for pair in combinations(found, 2)}


def score(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PageStoryReport:
    """Pairwise and B-cubed scores of ``predicted`` (page → story) on the pages of ``gold``."""
    system = _together(predicted, gold)
    truth = _together(gold, gold)
    return PageStoryReport(
        pages=len(gold), stories=len({predicted.get(d, f"\0{d}") for d in gold}), gold_stories=len(set(gold.values())),
        pairwise=PairScore(true_positive=len(system & truth), predicted=len(system), gold=len(truth)),
        bcubed=bcubed(predicted, gold), false_merges=tuple(sorted(system - truth)),
        false_splits=tuple(sorted(truth - system)),
    )


def cluster_pages(pages: Path, *, db: Path, options: StoryOptions | None = None) -> dict[str, str]:
    """Ingest ``pages`` into the store at ``db``, read them (linking at the end): page → story id."""
    from storyline.link import page_story_ids, recluster
    from storyline.pipeline import ingest, read_pending
    from storyline.store import Store

    reused = db.exists()
    with Store(db) as store:
        ingest([pages], store=store)
        read_pending(store)
        return page_story_ids(store) if options is None and not reused else recluster(store, options=options)


def evaluate(gold: Path, pages: Path, *, db: Path | None = None, options: StoryOptions | None = None) -> PageStoryReport:
    """Cluster ``pages`` (in a temporary store unless ``db`` is given) and score them against ``gold``."""
    if db is not None:
        return score(cluster_pages(pages, db=db, options=options), load_gold(gold))
    with tempfile.TemporaryDirectory(prefix="pagestories-") as tmp:
        return score(cluster_pages(pages, db=Path(tmp) / "pages.duckdb", options=options), load_gold(gold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="gold events file (JSON list of pages)")
    parser.add_argument("--pages", type=Path, required=True, help="the pages: a file or folder to ingest")
    parser.add_argument("--db", type=Path, help="store to use (default: a temporary one)")
    parser.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="a page-story clustering setting (StoryOptions field), repeatable")
    parser.add_argument("--explain", action="store_true", help="list wrongly merged and split pairs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        options = options_with(args.settings) if args.settings else None
    except ValueError as e:
        parser.error(f"--set {e}")
    for path in (args.gold, args.pages):
        if not path.exists():
            parser.error(f"{path}: no such file or folder")
    report = evaluate(args.gold, args.pages, db=args.db, options=options)
    sys.stdout.write(json.dumps(report.as_dict(explain=args.explain)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
