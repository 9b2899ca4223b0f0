"""Benchmark the whole pipeline from page to stored events, against merely parsing all page text.

    python -m storyline.bench.pipeline [--shared ../shared] [--pages 200] [--n-process 2] [--with-dev]
                                       [--engine local|spark] [--master URL]

Pages are the crawled sample pages of ``../shared/seeds`` (headline, body, boilerplate and reader
comments, as crawlers capture them), or the bundled demo corpus when ``../shared`` is absent, repeated
under fresh ids; ``--with-dev`` adds the development excerpts (the first ~2,000 bytes of other pages).
The pipeline run is the real one: ``ingest`` (segment, store) then ``read_pending`` (parse the
article text, actors, times, places, events, quotes, stored; actors, pages and events linked) into a
fresh database; with ``--engine spark``, ``ingest_spark`` (the JSONL file read, its pages segmented and
read in Spark tasks, written as Parquet, then stored and linked), the Spark start included. The comparisons parse every page's whole stored text (comments and boilerplate
included), and then only its article text (what the pipeline parses), with the same spaCy pipeline
(``nlp.pipe``) and the same number of processes. Prints seconds, pages/second and CPU seconds (this
process and its finished workers: the work done, whatever else keeps the machine busy) for each, the
ratio of pipeline time to article-parse time, events stored, and peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.bench import positive_int
from storyline.engines import available_cores
from storyline.model import Document, Page

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineBench:
    pages: int
    n_process: int
    pipeline_seconds: float
    events: int
    raw_parse_seconds: float
    article_parse_seconds: float
    peak_rss_mb: float
    pipeline_cpu: float = 0.0
    raw_parse_cpu: float = 0.0
    article_parse_cpu: float = 0.0

    @property
    def pipeline_rate(self) -> float:
        return self.pages / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def raw_parse_rate(self) -> float:
        return self.pages / self.raw_parse_seconds if self.raw_parse_seconds else 0.0

    @property
    def article_parse_rate(self) -> float:
        return self.pages / self.article_parse_seconds if self.article_parse_seconds else 0.0

    @property
    def ratio(self) -> float:
        """Pipeline time over the time to merely parse the article text (the issue's target: at most 1)."""
        return self.pipeline_seconds / self.article_parse_seconds if self.article_parse_seconds else 0.0


def sample_pages(shared: Path, n: int, *, with_dev: bool = False, distinct: bool = False) -> list[Page]:
    """``n`` pages: the sample pages (and the dev excerpts), repeated as needed (at most once each
    with ``distinct``)."""
    from storyline.demo import corpus_dir
    from storyline.ingest import discover_pages

    sources = [shared / "seeds"] + ([shared / "gold" / "dev" / "pages.jsonl"] if with_dev else [])
    sources = [s for s in sources if s.exists()]
    if not sources:
        log.info("%s has no sample pages: benchmarking the bundled demo corpus", shared)
        sources = [corpus_dir()]
    base = [p for p in discover_pages(sources) if isinstance(p, Page)]
    if distinct:
        return base[:n]
    return [p for _, p in zip(range(n), itertools.cycle(base))]


def _write_jsonl(pages: Sequence[Page], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for k, page in enumerate(pages):
            key = "text" if page.fmt == "text" else "html"
            out.write(json.dumps({"id": f"{page.doc_id}-{k}", "url": page.url, key: page.content}) + "\n")


def run_pipeline(pages: Sequence[Page], *, n_process: int, folder: Path, engine: str = "local",
                 master: str | None = None) -> tuple[float, int, list[Document]]:
    """Seconds to ingest, read and link every page into a fresh database; events stored; stored documents."""
    from storyline.pipeline import ingest, ingest_spark, read_pending
    from storyline.store import Store

    source = folder / "pages.jsonl"
    _write_jsonl(pages, source)
    with Store(folder / "bench.duckdb") as store:
        start = time.perf_counter()
        if engine == "spark":  # the file read, pages segmented and read in Spark tasks, stored and linked here
            ingest_spark([source], store=store, master=master)
        else:
            ingest([source], store=store)
            read_pending(store, n_process=n_process, engine=engine, master=master)
        seconds = time.perf_counter() - start
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        documents = list(store.iter_documents())
    return seconds, events, documents


def run_raw_parse(texts: Sequence[str], *, n_process: int) -> float:
    """Seconds to parse every page's whole stored text with the same spaCy pipeline."""
    from storyline.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=8):
        pass
    return time.perf_counter() - start


def run_article_parse(documents: Sequence[Document], *, n_process: int) -> float:
    """Seconds to parse only the article text of every page (what the pipeline parses), same pipeline."""
    from storyline.nlp.article import article_text
    from storyline.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    texts = [article_text(d).text for d in documents]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=8):
        pass
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its finished children so far: on a machine other
    jobs keep busy, the work done, where wall-clock seconds also count the waiting."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def current_rss_mb() -> float:
    """Resident memory of this process now, in MiB (``VmRSS`` of ``/proc/self/status``; 0 where absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB (Linux units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bench(shared: Path, *, n_pages: int = 200, n_process: int = 2, with_dev: bool = False, engine: str = "local",
          master: str | None = None) -> PipelineBench:
    pages = sample_pages(shared, n_pages, with_dev=with_dev)
    with tempfile.TemporaryDirectory() as warm, tempfile.TemporaryDirectory() as tmp:
        run_pipeline(pages[:5], n_process=1, folder=Path(warm))  # load models and tables once before timing
        cpu = [cpu_seconds()]
        seconds, events, documents = run_pipeline(pages, n_process=n_process, folder=Path(tmp), engine=engine,
                                                  master=master)
        cpu.append(cpu_seconds())
    raw = run_raw_parse([d.text for d in documents], n_process=n_process)
    cpu.append(cpu_seconds())
    article = run_article_parse(documents, n_process=n_process)
    cpu.append(cpu_seconds())
    return PipelineBench(pages=len(pages), n_process=n_process, pipeline_seconds=seconds, events=events,
                         raw_parse_seconds=raw, article_parse_seconds=article, peak_rss_mb=peak_rss_mb(),
                         pipeline_cpu=cpu[1] - cpu[0], raw_parse_cpu=cpu[2] - cpu[1], article_parse_cpu=cpu[3] - cpu[2])


def format_bench(result: PipelineBench) -> str:
    return "\n".join([
        f"pages {result.pages}  processes {result.n_process}  events stored {result.events}",
        f"pipeline (ingest, segment, read, events, store, link): {result.pipeline_seconds:.1f}s  "
        f"{result.pipeline_rate:.1f} pages/s  cpu {result.pipeline_cpu:.1f}s",
        f"raw parse of whole page text:                          {result.raw_parse_seconds:.1f}s  "
        f"{result.raw_parse_rate:.1f} pages/s  cpu {result.raw_parse_cpu:.1f}s",
        f"parse of the article text only:                        {result.article_parse_seconds:.1f}s  "
        f"{result.article_parse_rate:.1f} pages/s  cpu {result.article_parse_cpu:.1f}s",
        f"pipeline / article parse: {result.ratio:.2f} (wall), "
        f"{result.pipeline_cpu / result.article_parse_cpu if result.article_parse_cpu else 0:.2f} (cpu)",
        f"peak RSS {result.peak_rss_mb:.0f} MiB",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--pages", type=positive_int, default=200)
    parser.add_argument("--n-process", type=positive_int, default=available_cores())
    parser.add_argument("--with-dev", action="store_true", help="Add the dev excerpts to the sample pages.")
    parser.add_argument("--engine", choices=("local", "spark"), default="local",
                        help="Ingest and read pages in local worker processes or in Spark tasks (CPU seconds then "
                             "leave out Spark's own processes).")
    parser.add_argument("--master", default=None, help="Spark master URL with --engine spark (e.g. local[2]).")
    args = parser.parse_args(argv)
    result = bench(args.shared, n_pages=args.pages, n_process=args.n_process, with_dev=args.with_dev,
                   engine=args.engine, master=args.master)
    sys.stdout.write(format_bench(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
