"""Row writers. JSONL keeps nested lists as JSON; CSV encodes them as JSON strings; Parquet keeps
them as nested list/struct columns.

A file is written whole or not at all: rows go to a temporary file beside it, which replaces the file
only once every row is written, so a failed export leaves an earlier file of that name as it was.
Only regular files are written: a symbolic link, a device, a FIFO or any other special file at the
output path is refused (E305), never replaced; an existing file keeps its permissions. A write error
on a stream (a full disk) is E305 naming it; a closed pipe (``| head``) raises ``BrokenPipeError``,
which the caller ends quietly on.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.errors import Errors, StorylineError, brief

FORMATS = ("jsonl", "csv", "parquet")


def write_rows(rows: Iterable[dict[str, Any]], *, fmt: str, out: IO[str] | Path, fields: tuple[str, ...],
               bom: bool = False) -> int:
    """Write ``rows`` in ``fmt`` to a text stream (jsonl, csv) or a file path (any format); return the count.
    ``bom`` starts a CSV with the UTF-8 byte-order mark, which spreadsheet programs (Excel) need to read
    it as UTF-8."""
    if fmt not in FORMATS:
        raise StorylineError(Errors.E301.format(fmt=fmt))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StorylineError(Errors.E302)
        return _replace(out, lambda tmp: _write_parquet(rows, path=tmp, fields=fields))
    mark = "\ufeff" if bom and fmt == "csv" else ""
    if isinstance(out, Path):
        return _replace(out, lambda tmp: _write_text(rows, fmt=fmt, path=tmp, fields=fields, mark=mark))
    try:
        out.write(mark)
        count = _write_jsonl(rows, out) if fmt == "jsonl" else _write_csv(rows, out, fields)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise StorylineError(Errors.E305.format(path=stream_name(out), detail=brief(e.strerror or e))) from None
    return count


def stream_name(out: IO[str]) -> str:
    name = getattr(out, "name", None)
    return "standard output" if name in (None, "<stdout>") or not isinstance(name, str) else name


def _special(path: Path) -> tuple[str | None, int | None]:
    """Why ``path`` must not be written (a link or special file), and the mode of an existing regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, None
    except OSError as e:
        return brief(e.strerror or e), None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None, stat.S_IMODE(mode)
    kinds = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"it is {kind}, not a regular file (only regular files are written)", None


def _replace(path: Path, write: Callable[[Path], int]) -> int:
    """Run ``write`` on a temporary file in ``path``'s folder, then move it to ``path``.

    Raises ``StorylineError`` (E305) naming ``path`` when the folder or the file cannot be written,
    or when ``path`` is a link or a special file; the temporary file is removed and ``path`` is left
    as it was. An existing file keeps its permission bits.
    """
    refused, mode = _special(path)
    if refused:
        raise StorylineError(Errors.E305.format(path=path, detail=refused))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise StorylineError(Errors.E305.format(path=path, detail=brief(e.strerror or e))) from None
    os.close(fd)
    tmp = Path(name)
    try:
        # mkstemp makes it private; the export gets the earlier file's mode, else the usual one
        tmp.chmod(mode if mode is not None else 0o666 & ~_umask())
        count = write(tmp)
        os.replace(tmp, path)
    except OSError as e:
        raise StorylineError(Errors.E305.format(path=path, detail=brief(e.strerror or e))) from None
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_text(rows: Iterable[dict[str, Any]], *, fmt: str, path: Path, fields: tuple[str, ...], mark: str = "") -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(mark)
        return _write_jsonl(rows, handle) if fmt == "jsonl" else _write_csv(rows, handle, fields)


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
