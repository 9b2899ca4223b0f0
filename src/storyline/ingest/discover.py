"""Expand the paths a user gives into pages, choosing a reader by file suffix."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.errors import Errors, InputError, brief
from storyline.ingest.readers import ReadItem, read_html_file, read_jsonl, read_text_file, read_warc

Reader = Callable[[Path], Iterator[ReadItem]]

_WEB_URL_RE = re.compile(r"^https?://", re.IGNORECASE)

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".jsonl": read_jsonl,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files in the order given; directories walked recursively in name order.

    Files of other types inside a directory are passed over; a directory with no page files at
    all, a missing path, a web address (E120: ``storyline fetch`` takes those), an unsupported file
    named explicitly, or something that is not a regular file (a FIFO, a device) is an error, and so
    is a directory (named or met on the walk) that cannot be listed (E109), never a traceback.
    """
    for raw in paths:
        if isinstance(raw, str) and _WEB_URL_RE.match(raw):  # Path() would make "https:/host/..." of it
            yield InputError(Errors.E120, source=raw)
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as e:
            missing = isinstance(e, (FileNotFoundError, NotADirectoryError))
            yield InputError(Errors.E101 if missing else Errors.E109.format(detail=brief(e.strerror or e)), source=str(path))
            continue
        if stat.S_ISDIR(mode):
            found: list[Path] = []
            problems: list[InputError] = []
            _walk(path, found, problems)
            if not found and not problems:
                yield InputError(Errors.E111, source=str(path))
            yield from sorted(found)
            yield from problems
        elif stat.S_ISREG(mode):
            yield path if reader_for(path) else InputError(Errors.E102.format(suffix=path.suffix), source=str(path))
        else:
            yield InputError(Errors.E109.format(detail="not a regular file"), source=str(path))


def _walk(folder: Path, found: list[Path], problems: list[InputError]) -> None:
    """Page files under ``folder`` (symbolic links to folders are not followed: no cycles)."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError as e:
        problems.append(InputError(Errors.E109_DIR.format(detail=brief(e.strerror or e)),
                                   source=str(folder)))
        return
    for entry in sorted(listed, key=lambda e: e.name):
        path = folder / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError as e:
            problems.append(InputError(Errors.E109.format(detail=brief(e.strerror or e)), source=str(path)))
            continue
        if is_dir:
            _walk(path, found, problems)
        elif is_file and reader_for(path):
            found.append(path)


def discover_pages(paths: Iterable[str | Path], *, on_file: Callable[[Path], None] | None = None) -> Iterator[ReadItem]:
    """Every page (or input error) found under ``paths``; ``on_file`` is told of each file as it is opened."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if on_file:
            on_file(item)
        try:
            yield from reader_for(item)(item)
        except Exception as e:  # noqa: BLE001 - a reader (or a library under it) failing on hostile bytes
            yield InputError(Errors.E109.format(detail=brief(f"{type(e).__name__}: {e}")), source=str(item))
