"""Read pages in Spark tasks: the same per-page function as the local engine, on a cluster.

The driver sends the stored documents, as JSON, to ``partitions`` Spark partitions; each task reads
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
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from storyline.actors.petrarch import ActorDictionary
from storyline.errors import Errors, StorylineError, brief
from storyline.model import Document
from storyline.page_reading import PageReading, ReadFailure
from storyline.plain import from_plain, to_plain

log = logging.getLogger(__name__)

APP_NAME = "storyline"
PAGES_PER_PARTITION = 16
JOB_PAGES = 4096


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
