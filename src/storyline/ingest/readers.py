"""Readers for each input form. Each yields ``Page`` or ``InputError`` items, one per page."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zlib
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import Errors, InputError
from storyline.ingest.decode import decode_bytes
from storyline.model import GivenComment, Page

log = logging.getLogger(__name__)

ReadItem = Page | InputError

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_CHARSET_RE = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)


def read_text_file(path: Path) -> Iterator[ReadItem]:
    """A ``.txt`` page: its decoded content is the page text, unchanged."""
    yield from _read_single(path, fmt="text")


def read_html_file(path: Path) -> Iterator[ReadItem]:
    """An ``.html``/``.htm`` page."""
    yield from _read_single(path, fmt="html")


def _read_single(path: Path, *, fmt: str) -> Iterator[ReadItem]:
    source = str(path)
    try:
        data = path.read_bytes()
        decoded = decode_bytes(data, source=source)
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(Errors.E109.format(detail=e.strerror or e), source=source)
        return
    if not decoded.text.strip():
        yield InputError(Errors.E104, source=source)
        return
    yield Page(doc_id=path.stem, source=source, fmt=fmt, content=decoded.text, repaired=decoded.repaired)


def read_jsonl(path: Path) -> Iterator[ReadItem]:
    """JSON Lines: one page a line with ``id``, optional ``url``, ``published`` and ``comments``, and
    ``text`` or ``html``."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as e:
        yield InputError(Errors.E109.format(detail=e.strerror or e), source=source)
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _jsonl_page(raw, source=source, line=number)


def _jsonl_page(raw: bytes, *, source: str, line: int) -> ReadItem:
    try:
        row = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return InputError(Errors.E105.format(detail=e), source=source, line=line)
    if not isinstance(row, dict):
        return InputError(Errors.E105.format(detail="a line must be a JSON object"), source=source, line=line)
    doc_id = row.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    content_key = "text" if row.get("text") else "html"
    content = row.get(content_key)
    if not isinstance(doc_id, str) or not doc_id.strip() or not isinstance(content, str) or not content.strip():
        return InputError(Errors.E106, source=source, line=line)
    for key in ("url", "published"):
        if row.get(key) is not None and not isinstance(row[key], str):
            return InputError(Errors.E110.format(field=key), source=source, line=line)
    if row.get("published") and iso_day(row["published"]) is None:
        return InputError(Errors.E112.format(field="published", value=row["published"]), source=source, line=line)
    comments = given_comments(row.get("comments"))
    if isinstance(comments, str):
        return InputError(comments, source=source, line=line)
    return Page(
        doc_id=doc_id.strip(),
        source=f"{source}:{line}",
        fmt="text" if content_key == "text" else "html",
        content=content,
        url=row.get("url") or None,
        published=row.get("published") or None,
        comments=comments,
    )


def given_comments(value: object) -> tuple[GivenComment, ...] | str:
    """A JSONL page's ``comments`` list checked and typed, or the error message for the first bad field.

    Each item: ``id`` (string or integer, unique on the page), optional ``parent`` (an earlier
    comment's id), optional ``author`` (string), optional ``posted_at`` (ISO date or date-time),
    ``text`` (non-empty string)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        return Errors.E113.format(detail=f"got {type(value).__name__}")
    seen: set[str] = set()
    out: list[GivenComment] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            return Errors.E113.format(detail=f"item {index} is not an object")
        comment_id = _given_id(item.get("id"))
        text = item.get("text")
        if comment_id is None or not isinstance(text, str) or not text.strip():
            return Errors.E113.format(detail=f"item {index}")
        for key in ("author", "posted_at"):
            if item.get(key) is not None and not isinstance(item[key], str):
                return Errors.E110.format(field=f"comments[{index}].{key}")
        parent = _given_id(item.get("parent")) if item.get("parent") is not None else None
        if item.get("parent") is not None and parent is None:
            return Errors.E110.format(field=f"comments[{index}].parent")
        if comment_id in seen:
            return Errors.E114.format(comment_id=comment_id, detail="the id is used twice on the page")
        if parent is not None and parent not in seen:
            return Errors.E114.format(comment_id=comment_id,
                                      detail=f"parent {parent!r} is not an earlier comment of the page")
        posted_at = None
        if item.get("posted_at"):
            posted_at = iso_minute(item["posted_at"])
            if posted_at is None:
                return Errors.E112.format(field=f"comments[{index}].posted_at", value=item["posted_at"])
        seen.add(comment_id)
        author = (item.get("author") or "").strip() or None
        out.append(GivenComment(comment_id=comment_id, parent_id=parent, author=author, posted_at=posted_at,
                                text=text.strip()))
    return tuple(out)


def _given_id(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def iso_minute(value: str) -> str | None:
    """An ISO date or date-time to the minute, in UTC where it names an offset
    (``2012-03-28T10:00:00+05:00`` → ``2012-03-28T05:00``), else ``None``."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="minutes")


def iso_day(value: str) -> str | None:
    """The day of an ISO date or date-time (``2012-03-28``, ``2012-03-28T10:00:00Z``), else ``None``."""
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def read_warc(path: Path) -> Iterator[ReadItem]:
    """HTML response records of a WARC file (``.warc`` or ``.warc.gz``)."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            yield from _warc_records(handle, source=source)
    except OSError as e:
        yield InputError(Errors.E109.format(detail=e.strerror or e), source=source)


def _warc_records(handle, *, source: str) -> Iterator[ReadItem]:
    number = 0
    try:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            number += 1
            item = _warc_page(record, source=f"{source}#{number}")
            if item is not None:
                yield item
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as e:
        yield InputError(Errors.E107.format(detail=e), source=f"{source}#{number + 1}")


def _warc_page(record, *, source: str) -> ReadItem | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
    if "html" not in content_type.lower():
        log.debug("%s: skipping non-HTML record (%s)", source, content_type)
        return None
    payload = record.content_stream().read()
    if record.raw_stream.limit > 0:
        return InputError(Errors.E107.format(detail="the record ends before its declared length"), source=source)
    declared = _CHARSET_RE.search(content_type)
    try:
        decoded = decode_bytes(payload, source=source, declared=declared.group(1) if declared else None)
    except InputError as e:
        return e
    if not decoded.text.strip():
        return InputError(Errors.E104, source=source)
    return Page(doc_id=warc_doc_id(url or source), source=source, fmt="html", content=decoded.text, url=url)


def warc_doc_id(url: str) -> str:
    """A readable, stable id for a WARC record: host and last path segment, plus a short URL hash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    slug = _SLUG_RE.sub("-", f"{host} {tail}".lower()).strip("-")[:60].rstrip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest
