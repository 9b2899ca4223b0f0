"""The per-page records the Spark engine writes as Parquet: one row per page (or per bad input), in
the columns of :data:`COLUMNS`, and reading them back in input order.

A row's ``document`` is the segmented page (:class:`storyline.model.Document`) and its ``reading``
what reading found (:class:`storyline.page_reading.PageReading`), each as the JSON of
:func:`storyline.plain.to_plain`, so ``document_of(row)`` and ``reading_of(row)`` give the records
back; the flat columns beside them are there for a cluster's own tools (Spark SQL, DuckDB, pandas).
Versions are the store's to number: ``version`` is 0 in both until the rows are stored.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.model import Document
from storyline.page_reading import PageReading, ReadFailure
from storyline.plain import from_plain, to_plain


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    name: str
    kind: str  # "string" or "long"
    doc: str


COLUMNS: tuple[Column, ...] = (
    Column(name="file", kind="long", doc="the input file's place in the order the inputs were listed (0, 1, ...)"),
    Column(name="item", kind="long", doc="the page's place in its file (a WARC record, a JSONL line; 0 for a page file)"),
    Column(name="source", kind="string", doc="where the page came from: the file, file:LINE or file#RECORD"),
    Column(name="line", kind="long", doc="the JSONL line of an error, else null"),
    Column(name="status", kind="string",
           doc="read | failed (the reader raised: error) | unread (--no-read) | stored (already in the store) "
               "| error (a bad input: error holds the E1xx message)"),
    Column(name="doc_id", kind="string", doc="the page's id (null for an error)"),
    Column(name="content_hash", kind="string", doc="hash of the page content (the store's key with doc_id)"),
    Column(name="url", kind="string", doc="the page URL, if known"),
    Column(name="outlet", kind="string", doc="the outlet's registered domain"),
    Column(name="title", kind="string", doc="the headline"),
    Column(name="published", kind="string", doc="publication day, ISO (null when unknown)"),
    Column(name="events", kind="long", doc="events coded on the page (null unless read)"),
    Column(name="error", kind="string", doc="the error message of an error or failed row"),
    Column(name="document", kind="string", doc="the segmented page: storyline.model.Document as JSON"),
    Column(name="reading", kind="string", doc="what reading found: storyline.page_reading.PageReading as JSON"),
)

NAMES = tuple(c.name for c in COLUMNS)


def error_row(file: int, item: int, error: InputError) -> tuple:
    """The row of a bad input."""
    return _row(file=file, item=item, source=error.source, line=error.line, status="error", error=error.message)


def stored_row(file: int, item: int, *, source: str, doc_id: str, content_hash: str) -> tuple:
    """The row of a page whose content the store already holds (not segmented or read again)."""
    return _row(file=file, item=item, source=source, status="stored", doc_id=doc_id, content_hash=content_hash)


def page_row(file: int, item: int, document: Document, result: PageReading | ReadFailure | None) -> tuple:
    """The row of a segmented page and its reading (``None``: not read; a failure: failed)."""
    values: dict[str, Any] = {
        "file": file, "item": item, "source": document.source, "doc_id": document.doc_id,
        "content_hash": document.content_hash, "url": document.url, "outlet": document.outlet,
        "title": document.title, "published": document.published,
        "document": json.dumps(to_plain(document), ensure_ascii=False),
    }
    if result is None:
        values["status"] = "unread"
    elif isinstance(result, ReadFailure):
        values.update(status="failed", error=result.error)
    else:
        values.update(status="read", events=len(result.events), reading=json.dumps(result.to_json(), ensure_ascii=False))
    return _row(**values)


def _row(**values: Any) -> tuple:
    return tuple(values.get(name) for name in NAMES)


def document_of(row: dict[str, Any]) -> Document:
    return from_plain(Document, json.loads(row["document"]))


def reading_of(row: dict[str, Any]) -> PageReading | ReadFailure | None:
    """The row's reading, its failure (version 0), or ``None`` when it was not read."""
    if row["status"] == "read":
        return PageReading.from_json(json.loads(row["reading"]))
    if row["status"] == "failed":
        return ReadFailure(doc_id=row["doc_id"], version=0, source=row["source"], error=row["error"])
    return None


def input_error_of(row: dict[str, Any]) -> InputError:
    return InputError(row["error"], source=row["source"], line=row["line"])


def iter_rows(folder: Path, *, batch_rows: int = 256) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet folder in input order (``file``, ``item``): every part file the engine
    writes is in that order already, so they are merged a batch of rows at a time (memory stays flat)."""
    import pyarrow.parquet as pq

    def rows(part: Path) -> Iterator[dict[str, Any]]:
        for batch in pq.ParquetFile(part).iter_batches(batch_size=batch_rows, columns=list(NAMES)):
            yield from batch.to_pylist()

    parts = sorted(folder.glob("*.parquet"))
    return heapq.merge(*(rows(p) for p in parts), key=lambda r: (r["file"], r["item"]))
