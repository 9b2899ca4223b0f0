"""Benchmark a news stream: pages ingested and read in batches into one growing store.

    python -m storyline.bench.stream [--shared ../shared] [--pages 600] [--batch 100] [--n-process N]
        [--years N] [--undated] [--reuse-readings] [--same-names] [--json]

The full-size run of the issue is ``--pages 20000 --batch 1000`` (hours on 2 cores); the default
runs in a few minutes. Pages are the sample pages and the development excerpts of ``../shared`` (the
bundled demo corpus without it), repeated: copy ``c`` of a page gets its own id and URL, and every
year its text, URL and publication date give is moved ``c`` years on, modulo ``--years`` (170: a
publication date after 2200 is refused at ingest; 30 before 2026-12-07; 0: never repeating), so the
copies report their events on other dates and fall into other page stories, as a stream's new pages would. None of the base pages has a
publication date, so their undated events were filed near a date guessed from their text, URL or page
story, or near none (and then met every event of their blocks): as every page a stream fetches has a
date, a page without one gets the last day of the latest year its text or URL names (the middle of
the pages' latest years when it names none), moved with the copy (``--undated`` keeps them undated).
Each copy's capitalised words (names of months and days aside) are respelt, same length, other
letters, so the copies name other people, organisations and places, no two of the first 17,576
copies alike (before 2026-12-07 they repeated every 26 copies; ``--same-names`` keeps them: every
copy then names the same people, and the groups of chains that canonical actors compare grow with
the store). Each batch is one ``ingest`` + ``read_pending`` (read, canonical actors, page stories,
story events, comments) into the same store. Prints one line per batch with its seconds per phase, and a
summary: the first and last batch's seconds, their ratio (flat cost per batch: about 1), the seconds
of their work across pages (actors, page stories, story events, comments), and peak RSS. With
``--reuse-readings`` only each page's first copy is parsed (the first batches), so the work across
pages of a large store is timed in minutes; compare the batches' work across pages, not their totals.
"""

from __future__ import annotations

import argparse
import calendar
import itertools
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.bench import non_negative_int, positive_int
from storyline.bench.pipeline import current_rss_mb, peak_rss_mb, sample_pages
from storyline.engines import available_cores
from storyline.model import Page
from storyline.page_reading import PageReading

if TYPE_CHECKING:
    from storyline.pipeline import ReadReport
    from storyline.store import Store

ACROSS_PAGES = ("actors", "near_duplicates", "page_stories", "story_events", "comments")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_CALENDAR = frozenset({*calendar.month_name[1:], *calendar.day_name})
YEARS = 170
"""Copies move their years modulo this by default: the base pages name years up to 2024 and ingest
refuses publication dates after 2200 (:data:`storyline.ingest.readers.MAX_YEAR`), so dates repeat
every 170 copies (8,330 pages of the 49 base pages)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchTiming:
    batch: int
    pages: int
    stored_pages: int
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    rss_mb: float = 0.0
    duckdb_mb: float = 0.0


def stream_pages(base: Sequence[Page], n: int, *, years: int = 30, vary_names: bool = False,
                 publish: bool = False) -> Iterator[tuple[Page, str, int]]:
    """``n`` pages: ``base`` repeated, copy ``c`` with its own id and its years moved ``c % years`` on
    (``c`` on when ``years`` is 0: dates never repeat), and with ``vary_names`` its capitalised words,
    names of the week and months aside, respelt (other people, organisations and places of the same
    length); with ``publish`` a page without a publication date gets one (:func:`publication_date`),
    moved as its text; with each, the id of the page's first copy and the years moved."""
    fallback = _fallback_year(base)
    for k, page in zip(range(n), itertools.cycle(base)):
        copy = k // len(base)
        shift = copy % years if years else copy
        if publish and not page.published:
            page = replace(page, published=publication_date(page, fallback))

        def moved(text: str | None) -> str | None:
            return text and _renamed(_moved(text, shift), copy if vary_names else 0)

        copied = replace(page, doc_id=f"{page.doc_id}-c{copy}", source=f"{page.source}#c{copy}",
                         content=moved(page.content) or "", published=moved(page.published),
                         url=f"{moved(page.url) or 'https://stream.example/' + page.doc_id}?copy={copy}")
        yield copied, f"{page.doc_id}-c0", shift


def publication_date(page: Page, fallback: int) -> str:
    """A publication date for a page that has none: the last day of the latest year its text or URL
    names (``fallback``'s when it names none), as a stream's fetched page always has one."""
    named = [int(y) for y in _YEAR.findall(f"{page.content or ''} {page.url or ''}")]
    return f"{max(named, default=fallback)}-12-31"


def _fallback_year(base: Sequence[Page]) -> int:
    """The middle of the latest years the pages name (2014 when none names one)."""
    latest = sorted(max(map(int, found)) for p in base if (found := _YEAR.findall(f"{p.content or ''} {p.url or ''}")))
    return latest[(len(latest) - 1) // 2] if latest else 2014


def _write_jsonl(pages: Sequence[Page], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for page in pages:
            key = "text" if page.fmt == "text" else "html"
            row = {"id": page.doc_id, "url": page.url, key: page.content}
            if page.published:
                row["published"] = page.published
            out.write(json.dumps(row) + "\n")


def copied_reading(reading: PageReading, *, doc_id: str, version: int, shift: int, copy: int = 0) -> PageReading:
    """The reading of a copy of a page: ``reading`` with the copy's id and its years moved ``shift`` on
    and, with ``copy`` > 0, its names respelt as :func:`stream_pages` respells copy ``copy``'s text (each
    word keeps its length, so every offset still holds)."""
    base_id = _moved(reading.doc_id, shift)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return doc_id.join(_renamed(part, copy) for part in _moved(value, shift).split(base_id))
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return PageReading.from_json({**walk(reading.to_json()), "version": version})


def _moved(text: str, shift: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text) if shift else text


def _renamed(text: str, copy: int) -> str:
    """Capitalised words (names of months and days aside) respelt for copy ``copy`` (0: unchanged):
    the same length and first letter, the other letters moved on in the alphabet, letter ``i`` by the
    base-26 digit ``(i - 1) % 3`` of ``copy`` (so no two of the first 17,576 copies spell a name alike;
    moving every letter by ``copy`` alone repeated the names every 26 copies)."""
    if not copy:
        return text
    digits = (copy % 26, copy // 26 % 26, copy // 676 % 26)

    def respelt(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in _CALENDAR:
            return word
        return word[0] + "".join(chr((ord(c) - 97 + digits[(i - 1) % 3] * 7 + i) % 26 + 97)
                                 for i, c in enumerate(word[1:], 1))

    return _NAME.sub(respelt, text)


class _Reuse:
    """Readings of copies made from the reading of the page's first copy (read for real)."""

    def __init__(self, origin: dict[str, tuple[str, int, int]], *, n_process: int) -> None:
        self.origin, self.n_process, self.read = origin, n_process, {}

    def __call__(self, store: Store) -> ReadReport:
        from storyline.engines.local import read_local
        from storyline.nlp.pipeline import pipeline_name
        from storyline.pipeline import ReadReport, link_read
        from storyline.store.readings import pending_documents, write_readings

        started, report = time.perf_counter(), ReadReport()
        pending = pending_documents(store, pipeline=pipeline_name())
        first = [store.get_document(d, version=v) for d, v in pending if self.origin[d][0] == d]
        for reading in read_local(first, n_process=self.n_process):
            if isinstance(reading, PageReading):
                self.read[reading.doc_id] = reading
        readings = [self.read[d] if self.origin[d][0] == d else
                    copied_reading(self.read[self.origin[d][0]], doc_id=d, version=v, shift=self.origin[d][1],
                                   copy=self.origin[d][2])
                    for d, v in pending if self.origin[d][0] in self.read]
        with store.transaction():
            write_readings(store, readings, pipeline=pipeline_name())
        report.pages = len(readings)
        report.seconds["read"] = time.perf_counter() - started
        return link_read(store, report=report)


def run_stream(pages: Sequence[Page], *, batch: int, n_process: int, folder: Path,
               reuse: dict[str, tuple[str, int, int]] | None = None) -> list[BatchTiming]:
    """Ingest and read ``pages`` ``batch`` at a time into one store; the timing of each batch. With
    ``reuse`` (copy id → (id of the page's first copy, years moved, copy number or 0 where names are
    kept)), only first copies are parsed."""
    from storyline.pipeline import ingest, read_pending
    from storyline.store import Store

    read = _Reuse(reuse, n_process=n_process) if reuse else (lambda store: read_pending(store, n_process=n_process))
    timings = []
    with Store(folder / "stream.duckdb") as store:
        for number, start in enumerate(range(0, len(pages), batch), start=1):
            source = folder / f"batch-{number}.jsonl"
            _write_jsonl(pages[start : start + batch], source)
            began = time.perf_counter()
            ingested = ingest([source], store=store)
            ingest_seconds = time.perf_counter() - began
            report = read(store)
            seconds = time.perf_counter() - began
            stored = store.con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0]
            phases = {"ingest": ingest_seconds, **report.seconds}
            duckdb_bytes = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
            timings.append(BatchTiming(batch=number, pages=len(ingested.added), stored_pages=stored,
                                       seconds=seconds, phases=phases, rss_mb=current_rss_mb(),
                                       duckdb_mb=(duckdb_bytes or 0) / 2**20))
            sys.stderr.write(_line(timings[-1]) + "\n")
    return timings


def _across(t: BatchTiming) -> float:
    """Seconds of a batch's work across pages (canonical actors, page stories, story events, comments)."""
    return sum(t.phases.get(k, 0.0) for k in ACROSS_PAGES)


def _line(t: BatchTiming) -> str:
    phases = "  ".join(f"{k} {v:.1f}" for k, v in t.phases.items())
    return (f"batch {t.batch}: {t.pages} pages (store {t.stored_pages}) {t.seconds:.1f}s  [{phases}]  "
            f"rss {t.rss_mb:.0f} MB (duckdb {t.duckdb_mb:.0f} MB)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--pages", type=positive_int, default=600, help="Pages in all (issue: 20000).")
    parser.add_argument("--batch", type=positive_int, default=100, help="Pages per batch (issue: 1000, or 200).")
    parser.add_argument("--n-process", type=positive_int, default=available_cores())
    parser.add_argument("--years", type=non_negative_int, default=YEARS,
                        help=f"Copies move their years modulo this (default {YEARS}: copies' publication dates stay "
                             "within the years ingest accepts; 0: copy c moves them c years, never repeating).")
    parser.add_argument("--undated", action="store_true",
                        help="Pages without a publication date keep none (by default each gets the last day of "
                             "the latest year it names, moved as its text: a stream's fetched page has a date).")
    parser.add_argument("--reuse-readings", action="store_true",
                        help="Parse each page's first copy only; later copies reuse its reading (times the "
                             "work across pages on a large store in minutes).")
    parser.add_argument("--same-names", action="store_true",
                        help="Copies keep the names of their page (by default each copy respells its capitalised "
                             "words: a stream's new people, organisations and places).")
    parser.add_argument("--json", action="store_true", help="One JSON object instead of the summary lines.")
    args = parser.parse_args(argv)
    base = sample_pages(args.shared, 10**9, with_dev=True, distinct=True)
    stream = list(stream_pages(base, args.pages, years=args.years, vary_names=not args.same_names,
                               publish=not args.undated))
    pages = [page for page, _, _ in stream]
    reuse = ({page.doc_id: (first, shift, 0 if args.same_names else int(page.doc_id.rsplit("-c", 1)[1]))
              for page, first, shift in stream} if args.reuse_readings else None)
    with tempfile.TemporaryDirectory() as tmp:
        timings = run_stream(pages, batch=args.batch, n_process=args.n_process, folder=Path(tmp), reuse=reuse)
    first, last = timings[0].seconds, timings[-1].seconds
    link_first, link_last = _across(timings[0]), _across(timings[-1])
    summary = {"pages": len(pages), "reuse_readings": args.reuse_readings, "same_names": args.same_names,
               "undated": args.undated, "years": args.years, "batches": len(timings), "batch": args.batch,
               "n_process": args.n_process,
               "first_batch_seconds": round(first, 2), "last_batch_seconds": round(last, 2),
               "last_over_first": round(last / first, 3) if first else None,
               "first_batch_across_pages": round(link_first, 2), "last_batch_across_pages": round(link_last, 2),
               "pages_per_second": round(len(pages) / sum(t.seconds for t in timings), 2),
               "peak_rss_mb": round(peak_rss_mb())}
    if args.json:
        sys.stdout.write(json.dumps({**summary, "batches_detail": [asdict(t) for t in timings]}) + "\n")
    else:
        sys.stdout.write("\n".join(_line(t) for t in timings) + "\n")
        sys.stdout.write("  ".join(f"{k} {v}" for k, v in summary.items()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
