"""Does the event coder find the event a story is about? Type recall on the NGEC synthetic stories.

Each held-out NGEC story (the fifth :func:`storyline.eval.event_types.heldout_split` keeps from the
type classifier's training) is labelled with one PLOVER type. The story is read as a page (headline +
body) by the whole reading (parse, actors, events), and counts as found when some factual event of the
page has the story's type. This measures the trigger lexicon's and the argument model's coverage of the
sixteen types on text nobody wrote a rule from; it is a recall figure only (the stories report other
events too, unlabelled).

    python -m storyline.eval.story_events ../shared/data/plover/ngec_synthetic_events_2023-10-19.csv [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

from storyline.eval.event_types import heldout_split, read_stories
from storyline.model import Page

log = logging.getLogger(__name__)


def evaluate(csv_path: Path, *, limit: int | None = None, n_process: int = 1) -> dict[str, object]:
    """Per-type and overall recall of the stories' types among the events read from them."""
    from storyline.events.extract import extract_events
    from storyline.pipeline import build_document
    from storyline.read import read_documents

    every = read_stories(csv_path)
    _, heldout = heldout_split([s.label for s in every])
    stories = [every[k] for k in heldout][:limit] if limit else [every[k] for k in heldout]
    docs = [build_document(Page(doc_id=f"ngec{k:04d}", source="ngec", fmt="text", content=s.text + "\n"))
            for k, s in enumerate(stories)]
    support: Counter[str] = Counter()
    found: Counter[str] = Counter()
    any_event = 0
    events = 0
    for story, read in zip(stories, read_documents(docs, n_process=n_process), strict=True):
        coded = [e for e in extract_events(read) if e.factual]
        support[story.label] += 1
        found[story.label] += any(e.type == story.label for e in coded)
        any_event += bool(coded)
        events += len(coded)
    per_type = {t: {"stories": support[t], "found": found[t], "recall": round(found[t] / support[t], 3)}
                for t in sorted(support)}
    total = sum(support.values())
    return {"stories": total, "found": sum(found.values()),
            "recall": round(sum(found.values()) / max(total, 1), 4),
            "macro_recall": round(sum(found[t] / support[t] for t in support) / max(len(support), 1), 4),
            "stories_with_an_event": any_event, "events_per_story": round(events / max(total, 1), 2),
            "types": per_type}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="the NGEC synthetic stories CSV")
    parser.add_argument("--limit", type=int, help="only the first N held-out stories")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.csv.is_file():
        parser.error(f"{args.csv}: no such file")
    report = evaluate(args.csv, limit=args.limit, n_process=args.n_process)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"stories {report['stories']}  found {report['found']}  recall {report['recall']:.3f}  "
          f"macro recall {report['macro_recall']:.3f}  events/story {report['events_per_story']}")
    for label, row in report["types"].items():  # type: ignore[union-attr]
        print(f"{label:10s} {row['stories']:4d} {row['found']:4d} {row['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
