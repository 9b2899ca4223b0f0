"""The pipeline: ingest (read pages, segment them, store them, one transaction per page), then
read the stored articles (actors, times, places) and link actors across pages, then analyse the
read pages' reader comments (the comments stage, :mod:`storyline.comments.stage`).

A page whose content is already stored under its id is not segmented again, and a stored page
already read with the current spaCy pipeline is not parsed again, so re-running is cheap and
changes nothing; an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import duckdb
from courlan import extract_domain

from storyline.actors.petrarch import ActorDictionary
from storyline.comments.stage import analyse_comments
from storyline.engines import page_records
from storyline.engines.local import CHUNK_PAGES, read_local
from storyline.errors import Errors, InputError, StorylineError, brief
from storyline.heap import collecting_new_only, return_freed_memory
from storyline.ingest import discover_pages
from storyline.ingest.readers import MAX_YEAR, MIN_YEAR, iso_day
from storyline.link import link_pages
from storyline.link.events import link_events
from storyline.model import Document, Page, Segmentation
from storyline.nlp.pipeline import pipeline_name
from storyline.page_reading import PageReading, ReadFailure
from storyline.segment import segment_page
from storyline.segment.given import clashing_id, with_given_comments
from storyline.segment.urldate import url_date
from storyline.store import AddResult, Store
from storyline.store.database import now_iso
from storyline.store.readings import (
    actors_stale,
    clear_failures,
    forget_pipeline,
    pending_documents,
    rebuild_actors,
    record_failure,
    write_readings,
)

log = logging.getLogger(__name__)

_BATCH_PER_WORKER = 32

FileCallback = Callable[[Path], None]


@dataclass(slots=True, kw_only=True)
class IngestReport:
    """What an ingest did: counts per outcome and one error per failed input."""

    added: list[AddResult] = field(default_factory=list)
    new_versions: list[AddResult] = field(default_factory=list)
    unchanged: list[AddResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def record(self, result: AddResult) -> None:
        {"added": self.added, "new_version": self.new_versions, "unchanged": self.unchanged}[result.status].append(
            result
        )


def ingest(
    paths: Iterable[str | Path],
    *,
    store: Store,
    workers: int = 1,
    on_file: FileCallback | None = None,
) -> IngestReport:
    """Ingest every page under ``paths`` into ``store``; bad inputs are reported, never fatal.

    ``workers`` > 1 segments pages in that many processes (storing stays in this one);
    ``on_file`` is called with each input file as it is opened (for progress bars).
    """
    report = IngestReport()
    pages = _new_pages(discover_pages(paths, on_file=on_file), store=store, report=report)
    for item in _segmented(pages, workers=workers):
        store.pause()
        if isinstance(item, InputError):
            report.errors.append(item)
            log.warning("%s", item)
        else:
            try:
                result = store.add_document(item)
            except duckdb.Error as e:  # the page's transaction is rolled back; the other pages go on
                error = InputError(Errors.E117.format(detail=brief(e)), source=item.source)
                report.errors.append(error)
                log.warning("%s", error)
                continue
            log.info("stored %s v%d (%s)", result.doc_id, result.version, result.status)
            report.record(result)
    return report


def _new_pages(items: Iterable[Page | InputError], *, store: Store, report: IngestReport) -> Iterator[Page | InputError]:
    """Pass on errors and pages whose content is not stored yet; record the rest as unchanged."""
    for item in items:
        if isinstance(item, Page):
            version = store.find_version(item.doc_id, item.content_hash)
            if version is not None:
                report.unchanged.append(AddResult(doc_id=item.doc_id, version=version, status="unchanged"))
                continue
        store.pause()  # between pages: let a waiting reader (storyline serve) in
        yield item


def _segmented(items: Iterable[Page | InputError], *, workers: int) -> Iterator[Document | InputError]:
    """Segment in this process, or in ``workers`` processes a bounded batch at a time (memory stays flat)."""
    if workers <= 1:
        yield from map(build_document, items)
        return
    iterator = iter(items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while batch := list(islice(iterator, _BATCH_PER_WORKER * workers)):
            yield from pool.map(build_document, batch, chunksize=_BATCH_PER_WORKER // 4)


def build_document(item: Page | InputError) -> Document | InputError:
    """Segment one page into a storable document (errors pass through unchanged)."""
    if isinstance(item, InputError):
        return item
    try:
        seg = segment_page(item)
    except ValueError as e:
        return InputError(Errors.E108.format(detail=brief(e)), source=item.source)
    except Exception as e:  # noqa: BLE001 - whatever a hostile page makes a segmenter raise, it is that page's error
        log.debug("segmenting %s failed", item.source, exc_info=e)
        return InputError(Errors.E116.format(detail=brief(f"{type(e).__name__}: {e}")), source=item.source)
    if not seg.text.strip():
        return InputError(Errors.E104, source=item.source)
    if item.comments:
        clash = clashing_id(seg, item.comments)
        if clash is not None:
            return InputError(Errors.E119.format(comment_id=clash, detail="a comment thread in the page text uses the id"),
                              source=item.source)
        seg = with_given_comments(seg, item.comments)
    published, published_source = _publication(item, seg)
    url = item.url or seg.url
    return Document(
        doc_id=item.doc_id,
        version=0,
        source=item.source,
        fmt=item.fmt,
        url=url,
        outlet=outlet_of(url) or seg.site_name,
        title=seg.title,
        published=published,
        published_source=published_source,
        ingested_at=now_iso(),
        text=seg.text,
        content_hash=item.content_hash,
        segments=seg.segments,
        comments=seg.comments,
    )


def _publication(page: Page, seg: Segmentation) -> tuple[str | None, str]:
    """The page's own date first, then the source's metadata (a given date, HTML meta tags, a full
    date in the URL), else unknown (never the ingest date). A date outside the years
    ``MIN_YEAR..MAX_YEAR`` of :mod:`storyline.ingest.readers` is ignored (and logged)."""
    found = _plausible(seg.published, page)
    if found and seg.published_source == "page":
        return found, "page"
    given = _iso_date(page.published)
    if given:
        return given, "metadata"
    if found:
        return found, seg.published_source
    from_url = _plausible(url_date(page.url or seg.url), page)
    if from_url:
        return from_url, "metadata"
    return None, "unknown"


def _plausible(value: str | None, page: Page) -> str | None:
    if not value:
        return None
    day = iso_day(value)
    if day is None:
        log.warning("%s: ignoring publication date %r: not a date between the years %d and %d",
                    page.source, value, MIN_YEAR, MAX_YEAR)
    return day


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    day = iso_day(value)
    if day is None:  # the JSONL reader refuses such a page (E112); a Page made in code may still carry one
        log.warning("ignoring publication date %r: not an ISO date", value)
    return day


def outlet_of(url: str | None) -> str | None:
    """The outlet's registered domain (``https://www.dawn.com/news/1`` → ``dawn.com``)."""
    if not url:
        return None
    return extract_domain(url) or None


@dataclass(slots=True, kw_only=True)
class ReadReport:
    """What a reading pass did: pages read, the number of canonical actors, page stories and story
    events after it, the comments analysed, and the seconds each phase took (``read``, ``actors``,
    ``near_duplicates``, ``page_stories``, ``story_events``, ``comments``)."""

    pages: int = 0
    actors: int = 0
    page_stories: int = 0
    stories: int = 0
    comments: int = 0
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped_failed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def read_pending(
    store: Store,
    *,
    n_process: int = 1,
    batch_size: int = 64,
    dictionary: ActorDictionary | None = None,
    force: bool = False,
    retry_failed: bool = False,
    on_page: Callable[[str], None] | None = None,
    max_chars: int | None = None,
    engine: str = "local",
    master: str | None = None,
) -> ReadReport:
    """Read every stored document not yet read with the current spaCy pipeline (actors, times,
    places, events, quotes), then relink actors across pages, link pages into page stories and
    events into story events (incrementally; an already-linked event whose canonical actor changed is
    linked again, and every story with ``force``), and finally analyse the comments of every
    page read since its comments were last analysed (all of them with ``force``).

    Pages are read by :func:`storyline.read.read_pages` in this process, or with ``n_process`` > 1 in
    that many worker processes (:mod:`storyline.engines.local`, each loading the model once), or with
    ``engine="spark"`` in Spark tasks on ``master`` (:mod:`storyline.engines.spark`); this
    process stores their plain readings in transactions of ``batch_size`` pages: an interrupted run
    loses at most one batch, which the next run reads again. Canonical actors are rebuilt from the stored page entities at
    the end (and at the start of the next run if an earlier one was cut off).

    A page the reader raises on (whatever the error) is recorded as failed with its error
    (``read_failures``) and reported (E501); later reads skip it, so no page can block the store,
    until ``retry_failed`` (or ``force``, which reads every page again) asks for it. An article
    longer than ``max_chars`` is parsed in pieces (:func:`storyline.nlp.pipeline.parse_articles`).
    """
    name = pipeline_name()
    if force:
        forget_pipeline(store)
    if force or retry_failed:
        cleared = clear_failures(store)
        if cleared:
            log.info("retrying %d page(s) that failed to read earlier", cleared)
    report = ReadReport()
    report.skipped_failed = store.con.execute("SELECT count(*) FROM read_failures").fetchone()[0]
    started = time.perf_counter()
    pending = pending_documents(store, pipeline=name)
    with _Writer(store, pipeline=name, size=batch_size, report=report, on_page=on_page) as writer:

        def documents() -> Iterator[Document]:
            for start in range(0, len(pending), batch_size):
                keys = pending[start : start + batch_size]
                try:
                    loaded = store.get_documents(keys)
                except Exception:  # noqa: BLE001 - load page by page: only the page that cannot be loaded fails
                    loaded = [doc for doc_id, version in keys if (doc := one(doc_id, version)) is not None]
                store.release()  # reading needs no file: let readers in until the batch is written
                yield from loaded

        def one(doc_id: str, version: int) -> Document | None:
            try:
                return store.get_document(doc_id, version=version)
            except Exception as e:  # noqa: BLE001 - a stored page that cannot even be loaded fails alone
                writer.add(ReadFailure(doc_id=doc_id, version=version, source=doc_id,
                                       error=brief(f"{type(e).__name__}: {e}")))
                return None

        for reading in _engine_readings(engine, documents(), pages=len(pending), n_process=n_process, master=master,
                                        dictionary=dictionary, max_chars=max_chars):
            writer.add(reading)
    report.seconds["read"] = time.perf_counter() - started
    return link_read(store, report=report, force=force)


def link_read(store: Store, *, report: ReadReport | None = None, force: bool = False) -> ReadReport:
    """The work across pages after new readings are stored: canonical actors, page stories, story
    events, then the comments stage (with ``force``: every story link rebuilt, every page's comments
    analysed again). Each step works on the new pages and what they may join (events with a side
    that moved to another canonical actor are linked again), not on the whole store; garbage is
    collected among the objects the pass makes (:mod:`storyline.heap`). Fills and returns ``report``."""
    report = report or ReadReport()
    with collecting_new_only():  # a full collection goes through what the pass made, not all the process holds
        _link_across(store, report, force=force)
    return_freed_memory()  # the pass's peak is not kept resident until the next one
    report.actors = store.con.execute("SELECT count(*) FROM actors").fetchone()[0]
    return report


def _link_across(store: Store, report: ReadReport, *, force: bool) -> None:
    """The steps of :func:`link_read`, each timed in ``report``."""
    changed: set[str] = set()
    with _timed(report, "actors"):
        if report.pages or actors_stale(store):
            _canonical, changed = rebuild_actors(store)
    with _timed(report, "page_stories"):
        linked = link_pages(store)
        report.page_stories = linked.stories
    report.seconds["near_duplicates"] = linked.near_duplicate_seconds
    report.seconds["page_stories"] -= linked.near_duplicate_seconds
    with _timed(report, "story_events"):
        report.stories = link_events(store, rebuild=force, relink=changed).stories
    with _timed(report, "comments"):
        report.comments = analyse_comments(store, force=force).comments


def _engine_readings(engine: str, documents: Iterable[Document], *, pages: int, n_process: int, master: str | None,
                     dictionary: ActorDictionary | None, max_chars: int | None) -> Iterator[PageReading | ReadFailure]:
    """Readings from the chosen engine: ``local`` (this process, or a pool when there are pages for
    more than one worker) or ``spark`` (:mod:`storyline.engines.spark`)."""
    if engine == "spark":
        from storyline.engines.spark import read_spark

        return read_spark(documents, master=master, dictionary=dictionary, max_chars=max_chars)
    if engine != "local":
        raise StorylineError(Errors.E132.format(engine=engine))
    processes = min(n_process, math.ceil(pages / CHUNK_PAGES))  # a few pages are read here
    return read_local(documents, n_process=processes, dictionary=dictionary, max_chars=max_chars)


def ingest_spark(
    paths: Iterable[str | Path],
    *,
    store: Store | None,
    out: str | None = None,
    master: str | None = None,
    read: bool = True,
    dictionary: ActorDictionary | None = None,
    max_chars: int | None = None,
    batch_size: int = 64,
    on_page: Callable[[str], None] | None = None,
) -> tuple[IngestReport, ReadReport | None]:
    """Ingest in Spark tasks (:func:`storyline.engines.spark.write_page_records`): read the inputs,
    segment and (with ``read``) read the pages, write the per-page records as Parquet. With ``out``
    the Parquet stays there (a path or Hadoop URI) and no store is touched; without it, it is written
    to a staging folder (:func:`storyline.engines.spark.staged_page_records`), stored in input order
    as :func:`ingest` and :func:`read_pending` store (each document in its own transaction, readings
    ``batch_size`` at a time), removed, and the pages are linked across as the local engine links
    them (pages the store held unread are read with :func:`storyline.engines.spark.read_spark` first).
    ``ReadReport.seconds["spark"]``: the Spark job and the storing of its records."""
    from storyline.engines.spark import staged_page_records, write_page_records

    names = [str(p) for p in paths]
    settings = {"master": master, "read": read, "dictionary": dictionary, "max_chars": max_chars}
    report = IngestReport()
    if out is not None or store is None:
        if out is None:
            raise ValueError("ingest_spark needs a store or an output folder")
        written = write_page_records(names, out=out, count=True, **settings)
        report.errors = written.listing_errors + written.row_errors
        return report, None
    loaded = ReadReport()
    started = time.perf_counter()
    with staged_page_records(names, beside=Path(store.path).resolve().parent, known=store.content_keys(),
                             **settings) as (written, rows):
        report.errors.extend(written.listing_errors)
        with _Writer(store, pipeline=pipeline_name(), size=batch_size, report=loaded, on_page=on_page) as writer:
            for row in rows:
                _store_row(row, store=store, report=report, writer=writer)
    staged = time.perf_counter() - started
    if not read:
        return report, None
    reading = read_pending(store, engine="spark", master=master, dictionary=dictionary, max_chars=max_chars)
    reading.pages += loaded.pages
    reading.errors[:0], reading.failed[:0] = loaded.errors, loaded.failed
    reading.skipped_failed -= len(loaded.failed)  # failed in this run, not earlier
    reading.seconds["spark"] = staged
    return report, reading


def _store_row(row: dict, *, store: Store, report: IngestReport, writer: _Writer) -> None:
    """Store one Parquet row: an input error is reported, a document stored (unless its content is
    already there), its reading or failure handed to ``writer`` under the stored version."""
    store.pause()
    if row["status"] == "error":
        report.errors.append(page_records.input_error_of(row))
        return
    if row["status"] == "stored":
        version = store.find_version(row["doc_id"], row["content_hash"])
        report.unchanged.append(AddResult(doc_id=row["doc_id"], version=version or 0, status="unchanged"))
        return
    try:
        result = store.add_document(page_records.document_of(row))
    except duckdb.Error as e:
        report.errors.append(InputError(Errors.E117.format(detail=brief(e)), source=row["source"]))
        return
    report.record(result)
    reading = page_records.reading_of(row)
    if result.status != "unchanged" and reading is not None:
        writer.add(replace(reading, version=result.version))


@contextmanager
def _timed(report: ReadReport, phase: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    report.seconds[phase] = time.perf_counter() - started


class _Writer:
    """Readings and failures stored in transactions of ``size`` pages (a few statements per batch);
    the open batch is dropped on any exception, so an interrupted run loses at most one batch."""

    def __init__(self, store: Store, *, pipeline: str, size: int, report: ReadReport,
                 on_page: Callable[[str], None] | None) -> None:
        self.store, self.pipeline, self.size, self.report, self.on_page = store, pipeline, max(1, size), report, on_page
        self.readings: list[PageReading] = []
        self.failures: list[ReadFailure] = []

    def __enter__(self) -> _Writer:
        return self

    def add(self, item: PageReading | ReadFailure) -> None:
        if isinstance(item, ReadFailure):
            self._failed(item)
        else:
            self.readings.append(item)
            self.report.pages += 1
            if self.on_page:
                self.on_page(item.doc_id)
        if len(self.readings) + len(self.failures) >= self.size:
            self.flush()

    def _failed(self, failure: ReadFailure) -> None:
        message = f"{failure.source}: {Errors.E501.format(doc_id=failure.doc_id, detail=failure.error)}"
        log.warning("%s", message)
        self.report.errors.append(message)
        self.report.failed.append(failure.doc_id)
        self.failures.append(failure)

    def flush(self) -> None:
        if not (self.readings or self.failures):
            return
        with self.store.transaction():
            write_readings(self.store, self.readings, pipeline=self.pipeline)
            for f in self.failures:
                record_failure(self.store, f.doc_id, f.version, pipeline=self.pipeline, error=f.error)
        self.readings, self.failures = [], []
        self.store.release()  # the store is held only while a batch is written

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.flush()
