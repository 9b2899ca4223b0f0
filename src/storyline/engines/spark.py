"""Ingest and read pages in Spark tasks: the same per-file readers, segmentation and per-page
function as the local engine, on a cluster.

:func:`write_page_records` (``storyline ingest --engine spark``): the driver lists the input files
(:mod:`storyline.engines.spark_inputs`; it never holds a page), tasks read them (local paths, or
Hadoop URIs through ``binaryFiles``), the pages are spread over ``partitions`` partitions in input
order, and each task segments its pages (:func:`storyline.pipeline.build_document`) and reads them
(:func:`storyline.read.read_pages`, the model loaded once per Python worker); the per-page records
(:mod:`storyline.engines.page_records`) are written as Parquet. Pages the store already holds (their
id and content hash, broadcast) are passed over.

:func:`read_spark` (``storyline read --engine spark``, and the pages a Spark ingest leaves unread):
the driver sends the stored documents, as JSON, to ``partitions`` Spark partitions; each task reads
its partition with :func:`storyline.read.read_pages` (a Python worker loads the spaCy pipeline and
the knowledge base once and keeps them for the next partitions: Spark reuses its Python workers) and
returns plain readings as JSON; the driver streams them back in order and stores them, so the store
is written by one process only, as with the local engine. ``master`` is any Spark master URL
(``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``); without one, the session's own
(``spark-submit --master``) or ``local[*]``.

PySpark is an optional install (``pip install storyline[spark]``) and needs Java 17 or later.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from storyline.actors.petrarch import ActorDictionary
from storyline.engines import page_records
from storyline.engines.spark_inputs import InputFile, Keyed, list_inputs, read_hadoop_bytes, read_local_file
from storyline.errors import Errors, InputError, StorylineError, brief
from storyline.model import Document, Page
from storyline.page_reading import PageReading, ReadFailure
from storyline.plain import from_plain, to_plain

log = logging.getLogger(__name__)

APP_NAME = "storyline"
PAGES_PER_PARTITION = 16
JOB_PAGES = 4096
READ_CHUNK = 32
PARTITIONS_PER_CORE = 4


def read_spark(
    documents: Iterable[Document],
    *,
    master: str | None = None,
    dictionary: ActorDictionary | None = None,
    max_chars: int | None = None,
    pages_per_partition: int = PAGES_PER_PARTITION,
) -> Iterator[PageReading | ReadFailure]:
    """One reading (or failure) per document, in input order, read in Spark tasks: one Spark job per
    ``JOB_PAGES`` documents, so the driver holds a bounded number of them at a time."""
    source = iter(documents)
    settings = {"dictionary": dictionary, "max_chars": max_chars}
    spark = None
    while rows := [json.dumps(to_plain(doc)) for doc in islice(source, JOB_PAGES)]:
        spark = spark or spark_session(master)
        partitions = max(1, -(-len(rows) // pages_per_partition))
        rdd = spark.sparkContext.parallelize(rows, partitions)
        log.info("reading %d pages in %d Spark partitions (%s)", len(rows), partitions, spark.sparkContext.master)
        try:
            lines = rdd.mapPartitions(lambda part: read_partition(part, **settings)).toLocalIterator()
            for line in lines:
                yield reading_from_json(line)
        except Exception as e:  # noqa: BLE001 - a lost executor or a killed job: one line, the store stays as it is
            raise StorylineError(Errors.E133.format(detail=brief(f"{type(e).__name__}: {e}"))) from e


def spark_session(master: str | None = None) -> Any:
    """The active Spark session, or a new one on ``master``; E130 without PySpark, E131 without Java."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise StorylineError(Errors.E130) from e
    builder = SparkSession.builder.appName(APP_NAME)
    if master:
        builder = builder.master(master)
    try:
        return builder.getOrCreate()
    except Exception as e:  # noqa: BLE001 - py4j/JVM failures have no common class; say what is missing
        raise StorylineError(Errors.E131.format(master=master or "default master", detail=brief(str(e)))) from e


def read_partition(rows: Iterable[str], *, dictionary: ActorDictionary | None = None,
                   max_chars: int | None = None) -> Iterator[str]:
    """A Spark task: documents as JSON in, readings and failures as JSON out (one per document, in order)."""
    from storyline.read import read_pages

    documents = (from_plain(Document, json.loads(row)) for row in rows)
    for result in read_pages(documents, dictionary=dictionary, max_chars=max_chars):
        kind = "failure" if isinstance(result, ReadFailure) else "reading"
        yield json.dumps({"kind": kind, "record": result.to_json()})


def reading_from_json(line: str) -> PageReading | ReadFailure:
    """A task's output line as the record it holds."""
    data = json.loads(line)
    if data["kind"] == "failure":
        return ReadFailure.from_json(data["record"])
    return PageReading.from_json(data["record"])


@dataclass(slots=True, kw_only=True)
class SparkWrite:
    """What a Spark ingest wrote: the errors of inputs that name nothing readable (found while
    listing), and, when asked to count, the rows per status and the error rows as errors."""

    listing_errors: list[InputError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    row_errors: list[InputError] = field(default_factory=list)


def write_page_records(
    paths: list[str],
    *,
    out: str,
    master: str | None = None,
    known: frozenset[tuple[str, str]] = frozenset(),
    read: bool = True,
    dictionary: ActorDictionary | None = None,
    max_chars: int | None = None,
    partitions: int | None = None,
    count: bool = False,
) -> SparkWrite:
    """Read, segment and (with ``read``) read every page under ``paths`` in Spark tasks and write one
    row per page or bad input to the Parquet folder ``out`` (a path or Hadoop URI that must not
    exist yet: E135). ``known`` holds the ``(doc_id, content_hash)`` pairs already stored."""
    spark = spark_session(master)
    files, listing_errors = list_inputs(paths, spark)
    result = SparkWrite(listing_errors=listing_errors)
    if not files:  # nothing to read: no job, no folder
        return result
    _check_new(spark, out)
    sc = spark.sparkContext
    parts = partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
    settings = {"known": sc.broadcast(known), "read": read, "dictionary": dictionary, "max_chars": max_chars}
    log.info("reading %d input files in Spark (%s), %d partitions", len(files), sc.master, parts)
    try:
        pages = _input_pages(sc, files)
        rows = (pages.repartitionAndSortWithinPartitions(parts, partitionFunc=_spread)
                .mapPartitions(lambda part: page_rows(part, **settings)))
        spark.createDataFrame(rows, _schema()).write.mode("errorifexists").parquet(out)
        if count:
            written = spark.read.schema(_schema()).parquet(out)
            result.counts = {r["status"]: r["count"] for r in written.groupBy("status").count().collect()}
            errors = written.where("status = 'error'").orderBy("file", "item").select("source", "line", "error")
            result.row_errors = [page_records.input_error_of(r.asDict()) for r in errors.toLocalIterator()]
    except StorylineError:
        raise
    except Exception as e:  # noqa: BLE001 - a lost executor or a killed job: one line, the store stays as it is
        raise StorylineError(Errors.E133.format(detail=brief(f"{type(e).__name__}: {e}"))) from e
    return result


@contextmanager
def staged_page_records(paths: list[str], *, beside: Path, master: str | None = None,
                        **settings: Any) -> Iterator[tuple[SparkWrite, Iterator[dict[str, Any]]]]:
    """:func:`write_page_records` into a staging folder, and its rows in input order; the folder is
    removed afterwards. With a ``local`` master it is a folder in ``beside`` (read with pyarrow); on a
    cluster, ``storyline-staging-ID`` in the working directory of the cluster's file system (your
    HDFS home), read back through Spark one partition at a time."""
    spark = spark_session(master)
    if spark.sparkContext.master.startswith("local"):
        folder = Path(tempfile.mkdtemp(prefix=".storyline-spark-", dir=beside))
        try:
            written = write_page_records(paths, out=(folder / "pages").resolve().as_uri(), master=master, **settings)
            yield written, page_records.iter_rows(folder / "pages")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    out = f"storyline-staging-{uuid.uuid4().hex}"
    try:
        written = write_page_records(paths, out=out, master=master, **settings)
        path, fs = _hadoop_path(spark, out)
        found = spark.read.schema(_schema()).parquet(out) if fs.exists(path) else None
        rows = found.orderBy("file", "item").toLocalIterator() if found is not None else iter(())
        yield written, (row.asDict() for row in rows)
    finally:
        path, fs = _hadoop_path(spark, out)
        if fs.exists(path):
            fs.delete(path, True)


def _hadoop_path(spark: Any, name: str) -> tuple[Any, Any]:
    """A Hadoop ``Path`` and its ``FileSystem``, through the driver's JVM."""
    sc = spark.sparkContext
    path = sc._jvm.org.apache.hadoop.fs.Path(name)  # noqa: SLF001 - the JVM gateway is PySpark's only door to Hadoop
    return path, path.getFileSystem(sc._jsc.hadoopConfiguration())  # noqa: SLF001


def _check_new(spark: Any, out: str) -> None:
    try:
        path, fs = _hadoop_path(spark, out)
        exists = fs.exists(path)
    except Exception as e:  # noqa: BLE001 - py4j wraps every Java exception in one class
        raise StorylineError(Errors.E136.format(detail=brief(str(e).splitlines()[0]))) from e
    if exists:
        raise StorylineError(Errors.E135.format(path=out))


def _input_pages(sc: Any, files: list[InputFile]) -> Any:
    """The pages and errors of every file, keyed by (file, item), read in tasks."""
    local = [f for f in files if not f.hadoop]
    hadoop = {f.name: f for f in files if f.hadoop}
    rdds = []
    if local:
        rdds.append(sc.parallelize(local, min(len(local), sc.defaultParallelism * PARTITIONS_PER_CORE))
                    .flatMap(read_local_file))
    if hadoop:
        rdds.append(sc.binaryFiles(",".join(hadoop)).flatMap(lambda kv: read_hadoop_bytes(hadoop[kv[0]], kv[1])))
    return sc.union(rdds) if rdds else sc.parallelize([], 1)


def _spread(key: tuple[int, int]) -> int:
    """The partition hash of a (file, item) key: consecutive pages of one file go to different partitions."""
    return key[0] * 1_000_003 + key[1]


def _schema() -> Any:
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    kinds = {"string": StringType(), "long": LongType()}
    return StructType([StructField(c.name, kinds[c.kind], nullable=True) for c in page_records.COLUMNS])


def page_rows(items: Iterable[Keyed], *, known: Any, read: bool, dictionary: ActorDictionary | None = None,
              max_chars: int | None = None) -> Iterator[tuple]:
    """A Spark task: pages in (file, item) order in, one Parquet row each out, in the same order;
    pages are segmented and read ``READ_CHUNK`` at a time."""
    stored = known.value if hasattr(known, "value") else known
    source = iter(items)
    while chunk := list(islice(source, READ_CHUNK)):
        yield from _chunk_rows(chunk, stored=stored, read=read, dictionary=dictionary, max_chars=max_chars)


def _chunk_rows(chunk: list[Keyed], *, stored: frozenset[tuple[str, str]], read: bool,
                dictionary: ActorDictionary | None, max_chars: int | None) -> list[tuple]:
    from storyline.pipeline import build_document
    from storyline.read import read_pages

    rows: list[tuple | None] = []
    documents: list[tuple[int, tuple[int, int], Document]] = []
    for key, item in chunk:
        if isinstance(item, Page) and (item.doc_id, item.content_hash) in stored:
            rows.append(page_records.stored_row(*key, source=item.source, doc_id=item.doc_id,
                                                content_hash=item.content_hash))
            continue
        built = build_document(item)
        if isinstance(built, InputError):
            rows.append(page_records.error_row(*key, built))
        else:  # the version (0 until stored) tags the page, so its reading finds it again
            documents.append((len(rows), key, replace(built, version=len(rows))))
            rows.append(None)
    results: dict[int, PageReading | ReadFailure] = {}
    if read and documents:
        results = {r.version: r for r in read_pages([d for _, _, d in documents], dictionary=dictionary,
                                                    max_chars=max_chars)}
    for slot, key, document in documents:
        result = results.get(slot)
        if result is not None:
            result = replace(result, version=0)
        rows[slot] = page_records.page_row(*key, replace(document, version=0), result)
    return rows  # type: ignore[return-value]  # every slot is filled
