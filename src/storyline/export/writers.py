"""Row writers. JSONL keeps nested lists as JSON; CSV encodes them as JSON strings; Parquet keeps
them as nested list/struct columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.errors import Errors, StorylineError

FORMATS = ("jsonl", "csv", "parquet")


def write_rows(rows: Iterable[dict[str, Any]], *, fmt: str, out: IO[str] | Path, fields: tuple[str, ...]) -> int:
    """Write ``rows`` in ``fmt`` to a text stream (jsonl, csv) or a file path (any format); return the count."""
    if fmt not in FORMATS:
        raise StorylineError(Errors.E301.format(fmt=fmt))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StorylineError(Errors.E302)
        return _write_parquet(rows, path=out, fields=fields)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return write_rows(rows, fmt=fmt, out=handle, fields=fields)
    return _write_jsonl(rows, out) if fmt == "jsonl" else _write_csv(rows, out, fields)


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for count, row in enumerate(rows, start=1):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count


def _write_csv(rows: Iterable[dict[str, Any]], out: IO[str], fields: tuple[str, ...]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(fields))
    writer.writeheader()
    count = 0
    for count, row in enumerate(rows, start=1):
        writer.writerow({k: _csv_cell(row.get(k)) for k in fields})
    return count


def _csv_cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _write_parquet(rows: Iterable[dict[str, Any]], *, path: Path, fields: tuple[str, ...]) -> int:
    materialised = [{k: row.get(k) for k in fields} for row in rows]
    table = pa.Table.from_pylist(materialised) if materialised else pa.table({k: [] for k in fields})
    pq.write_table(table, path)
    return len(materialised)
