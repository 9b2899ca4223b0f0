"""The inputs of a Spark ingest: listed on the driver (names only), read inside Spark tasks.

A plain path is a local file or directory, listed as the local engine lists it
(:func:`storyline.ingest.discover.expand_paths`, the same errors) and opened by the task itself (in
``local[N]``, or on a cluster whose executors all mount it). Anything with a scheme (``hdfs://``,
``s3a://``, ``gs://``, ``file://``) is listed through the Hadoop FileSystem API of the driver's JVM
and its bytes reach the task through ``SparkContext.binaryFiles``; the task runs the same per-file
reader (:data:`storyline.ingest.discover.READERS`) on them. A web address is E120, as in the local engine.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyline.errors import Errors, InputError, brief
from storyline.ingest.discover import expand_paths, reader_for
from storyline.ingest.readers import ReadItem
from storyline.model import Page

log = logging.getLogger(__name__)

_URI_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_WEB_URL_RE = re.compile(r"^https?://", re.IGNORECASE)

Keyed = tuple[tuple[int, int], ReadItem]


@dataclass(frozen=True, slots=True, kw_only=True)
class InputFile:
    """One file to read: its place in the input order, and its local path or Hadoop URI."""

    index: int
    name: str
    hadoop: bool


def list_inputs(paths: Iterable[str | Path], spark: Any) -> tuple[list[InputFile], list[InputError]]:
    """The files under ``paths`` in the order given (directories walked in name order), and one error
    for each path that names nothing readable."""
    files: list[InputFile] = []
    errors: list[InputError] = []
    for raw in paths:
        text = str(raw)
        if _URI_RE.match(text) and not _WEB_URL_RE.match(text):
            found = _hadoop_files(text, spark)
        else:
            found = list(expand_paths([raw]))
        for item in found:
            if isinstance(item, InputError):
                errors.append(item)
            else:
                files.append(InputFile(index=len(files), name=str(item), hadoop=isinstance(item, str)))
    return files, errors


def _hadoop_files(uri: str, spark: Any) -> list[str | InputError]:
    """The page files at a Hadoop URI (a file, or a directory walked recursively), as fully
    qualified URIs in name order; E101 when nothing is there, E102/E111 as for local paths, E136
    when the file system cannot be reached (no connector for the scheme, no credentials)."""
    sc = spark.sparkContext
    hadoop_path = sc._jvm.org.apache.hadoop.fs.Path  # noqa: SLF001 - the JVM gateway is PySpark's only door to Hadoop
    try:
        path = hadoop_path(uri)
        fs = path.getFileSystem(sc._jsc.hadoopConfiguration())  # noqa: SLF001
        status = fs.getFileStatus(path)
        if not status.isDirectory():
            name = status.getPath().toString()
            if reader_for(Path(status.getPath().getName())) is None:
                return [InputError(Errors.E102.format(suffix=Path(name).suffix), source=uri)]
            return [name]
        listing = fs.listFiles(path, True)
        names = []
        while listing.hasNext():
            entry = listing.next().getPath()
            if reader_for(Path(entry.getName())) is not None:
                names.append(entry.toString())
    except Exception as e:  # noqa: BLE001 - py4j wraps every Java exception in one class
        return [_hadoop_error(e, uri)]
    return sorted(names) or [InputError(Errors.E111, source=uri)]


def _hadoop_error(error: Exception, uri: str) -> InputError:
    java = getattr(error, "java_exception", None)
    kind = java.getClass().getName() if java is not None else type(error).__name__
    if kind == "java.io.FileNotFoundException":
        return InputError(Errors.E101, source=uri)
    detail = java.toString() if java is not None else str(error)
    return InputError(Errors.E136.format(detail=brief(detail.splitlines()[0] if detail else kind)), source=uri)


def read_local_file(file: InputFile) -> Iterator[Keyed]:
    """A task: the pages (and errors) of a local file, keyed by (file, item)."""
    path = Path(file.name)
    yield from _keyed(file.index, _read(path, source=file.name))


def read_hadoop_bytes(file: InputFile, data: bytes) -> Iterator[Keyed]:
    """A task: the pages (and errors) of a Hadoop file whose bytes ``binaryFiles`` gave, read by the
    same reader as a local file (from a private temporary copy), their sources naming the URI."""
    with tempfile.TemporaryDirectory(prefix="storyline-") as folder:
        local = Path(folder) / file.name.rstrip("/").rsplit("/", 1)[-1]
        local.write_bytes(data)
        items = [_renamed(item, str(local), file.name) for item in _read(local, source=file.name)]
    yield from _keyed(file.index, items)


def _read(path: Path, *, source: str) -> Iterator[ReadItem]:
    reader = reader_for(path)
    if reader is None:
        yield InputError(Errors.E102.format(suffix=path.suffix), source=source)
        return
    try:
        yield from reader(path)
    except Exception as e:  # noqa: BLE001 - as discover_pages: a reader failing on hostile bytes is that file's error
        yield InputError(Errors.E109.format(detail=brief(f"{type(e).__name__}: {e}")), source=source)


def _renamed(item: ReadItem, local: str, uri: str) -> ReadItem:
    source = uri + item.source[len(local):] if item.source.startswith(local) else item.source
    if isinstance(item, Page):
        return replace(item, source=source)
    return InputError(item.message, source=source, line=item.line)


def _keyed(index: int, items: Iterable[ReadItem]) -> Iterator[Keyed]:
    for number, item in enumerate(items):
        yield (index, number), item
