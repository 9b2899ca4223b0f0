"""Benchmark the blocking story linker on synthetic events: time and peak memory per corpus size.

Synthetic stories (random actor pairs from a pool, PLOVER types, dates over ``--years`` years) are
each reported by one to four pages; reports differ in wording, some give only the month, some no
date at all (their page's publication date files them). Events stream in date order through the
blocking index, which forgets buckets older than any event still to come could reach, so memory
holds a window of events, not the corpus; linked pairs are then clustered. Each size runs in its
own process so that its peak memory (max RSS) is its own.

``python -m storyline.bench.linking --sizes 10000 100000 1000000``
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import resource
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np

from storyline.bench import positive_int
from storyline.link.blocking import (
    BUCKET_DAYS,
    REACH,
    UNDATED_WINDOW_DAYS,
    BlockIndex,
    type_family,
)
from storyline.link.events import LinkFeatures, LinkOptions, Node, cluster, pair_score

log = logging.getLogger(__name__)

TYPES = ("CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT")
_START = date(2010, 1, 1).toordinal()


@dataclass(frozen=True, slots=True, kw_only=True)
class SizeResult:
    """One benchmark size: events linked, pairs scored and linked, stories, seconds and peak memory."""

    events: int
    true_stories: int
    compared: int
    links: int
    stories: int
    seconds: float
    peak_mib: float
    pair_precision: float
    pair_recall: float


def synthetic_events(n: int, *, actors: int = 40, years: int = 10, seed: int = 7) -> Iterator[tuple[LinkFeatures, int]]:
    """``n`` synthetic reports in date order, each with the id of the story it reports."""
    rng = np.random.default_rng(seed)
    when = np.sort(rng.integers(0, years * 365, size=n))
    made = 0
    for story, day in enumerate(when.tolist()):
        for report in range(int(rng.choice((1, 1, 1, 2, 2, 3, 4)))):
            if made >= n:
                return
            yield _report(rng, story, report, _START + day, actors), story
            made += 1


def _report(rng: np.random.Generator, story: int, report: int, day: int, actors: int) -> LinkFeatures:
    a = (story * 2654435761) % actors
    b = (a + 1 + (story * 40503) % (actors - 1)) % actors
    type_ = TYPES[(story * 97) % len(TYPES)]
    vocabulary = [f"w{story}_{i}" for i in range(8)]
    words = frozenset(rng.choice(vocabulary, size=5, replace=False).tolist()) | {f"n{int(rng.integers(5000))}"}
    style = rng.random()
    dates = (day, day) if style < 0.7 else (_month(day) if style < 0.85 else None)
    published = day + int(rng.integers(0, 3))
    return LinkFeatures(
        event_id=f"s{story}-r{report}", doc_id=f"s{story}-p{report}", type=type_, family=type_family(type_),
        symmetric=type_ in ("CONSULT", "AGREE"), actor_ids=frozenset({f"actor:{a}"}),
        recipient_ids=frozenset({f"actor:{b}"}), actor_codes=frozenset({f"C{a:03d}"}),
        recipient_codes=frozenset({f"C{b:03d}"}), dates=dates,
        anchor=dates or (published - UNDATED_WINDOW_DAYS, published), words=words)


def _month(day: int) -> tuple[int, int]:
    d = date.fromordinal(day)
    first = d.replace(day=1)
    after = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return first.toordinal(), after.toordinal() - 1


def stream_links(events: Iterator[tuple[LinkFeatures, int]], *, options: LinkOptions | None = None,
                 ) -> tuple[list[tuple[int, int, float]], dict[int, Node], np.ndarray, int]:
    """Link events arriving in date order; returns links, linked nodes, true story per event, pairs compared."""
    index = BlockIndex()
    window: dict[int, LinkFeatures] = {}
    order: deque[tuple[int, int]] = deque()
    links: list[tuple[int, int, float]] = []
    truth: list[int] = []
    compared = 0
    reach_back = (UNDATED_WINDOW_DAYS // BUCKET_DAYS) + 2 * REACH + 1
    for i, (f, story) in enumerate(events):
        truth.append(story)
        keys = f.keys()
        for j in index.candidates(keys):
            compared += 1
            if (score := pair_score(f, window[j], options=options)) > 0:
                links.append((j, i, score))
        index.add(i, keys)
        window[i] = f
        last = max(k.bucket for k in keys if k.bucket is not None)
        order.append((last, i))
        cutoff = (f.anchor[0] if f.anchor else 0) // BUCKET_DAYS - reach_back
        if i % 1024 == 0:
            index.evict_before(cutoff)
        while order and order[0][0] < cutoff:
            window.pop(order.popleft()[1], None)
    ids = {x for a, b, _ in links for x in (a, b)}
    nodes = {i: Node(doc_id=str(i), dates=None) for i in ids}
    return links, nodes, np.asarray(truth, dtype=np.int64), compared


def _pair_scores(assignment: dict[int, int], truth: np.ndarray) -> tuple[float, float]:
    """Pairwise precision and recall of the predicted clusters against the true stories."""
    predicted = np.arange(len(truth))
    for node, rep in assignment.items():
        predicted[node] = rep
    correct = _pairs(np.stack([predicted, truth], axis=1))
    predicted_pairs, true_pairs = _pairs(predicted[:, None]), _pairs(truth[:, None])
    return (correct / predicted_pairs if predicted_pairs else 1.0, correct / true_pairs if true_pairs else 1.0)


def _pairs(keys: np.ndarray) -> int:
    _, counts = np.unique(keys, axis=0, return_counts=True)
    return int((counts * (counts - 1) // 2).sum())


def run_size(n: int, *, actors: int = 40) -> SizeResult:
    """Generate ``n`` events, link and cluster them; time and peak memory of this process."""
    started = time.perf_counter()
    links, nodes, truth, compared = stream_links(synthetic_events(n, actors=actors))
    assignment = cluster(nodes, links)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    precision, recall = _pair_scores(assignment, truth)
    stories = len(truth) - len(assignment) + len(set(assignment.values()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return SizeResult(events=len(truth), true_stories=int(truth.max()) + 1 if len(truth) else 0, compared=compared,
                      links=len(links), stories=stories, seconds=round(seconds, 2), peak_mib=round(peak, 1),
                      pair_precision=round(precision, 4), pair_recall=round(recall, 4))


def pool_size(n: int) -> int:
    """An actor pool that keeps the events per actor pair constant as the corpus grows (40 at 10,000 events)."""
    return max(40, round(40 * (n / 10_000) ** 0.5))


def _child(n: int, actors: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put(asdict(run_size(n, actors=actors)))


def run_isolated(n: int, *, actors: int = 40) -> SizeResult:
    """:func:`run_size` in a fresh process (its peak memory is then its own)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(n, actors, queue))
    process.start()
    result = queue.get()
    process.join()
    return SizeResult(**result)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark story-event linking on synthetic events.")
    parser.add_argument("--sizes", type=positive_int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--actors", type=positive_int, default=None,
                        help="size of the actor pool (default: grows with the square root of the size, so that "
                             "events per actor pair and month stay constant, as in a growing real corpus)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = [run_isolated(n, actors=args.actors or pool_size(n)) for n in args.sizes]
    if args.json:
        sys.stdout.write(json.dumps([asdict(r) for r in results], indent=1) + "\n")
        return 0
    sys.stdout.write(f"{'events':>9} {'compared':>10} {'links':>9} {'stories':>9} {'seconds':>8} {'us/event':>9} "
                     f"{'peak MiB':>9} {'pairP':>6} {'pairR':>6}\n")
    for r in results:
        sys.stdout.write(f"{r.events:>9} {r.compared:>10} {r.links:>9} {r.stories:>9} {r.seconds:>8.2f} "
                         f"{1e6 * r.seconds / max(r.events, 1):>9.1f} {r.peak_mib:>9.1f} {r.pair_precision:>6.3f} "
                         f"{r.pair_recall:>6.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
