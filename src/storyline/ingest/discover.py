"""Expand the paths a user gives into pages, choosing a reader by file suffix."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.errors import Errors, InputError
from storyline.ingest.readers import ReadItem, read_html_file, read_jsonl, read_text_file, read_warc

Reader = Callable[[Path], Iterator[ReadItem]]

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
    all, a missing path, or an unsupported file named explicitly is an error.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p))
            if not found:
                yield InputError(Errors.E111, source=str(path))
            yield from found
        elif path.is_file():
            yield path if reader_for(path) else InputError(Errors.E102.format(suffix=path.suffix), source=str(path))
        else:
            yield InputError(Errors.E101, source=str(path))


def discover_pages(paths: Iterable[str | Path], *, on_file: Callable[[Path], None] | None = None) -> Iterator[ReadItem]:
    """Every page (or input error) found under ``paths``; ``on_file`` is told of each file as it is opened."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if on_file:
            on_file(item)
        yield from reader_for(item)(item)
