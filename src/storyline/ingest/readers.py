"""Readers for each input form. Each yields ``Page`` or ``InputError`` items, one per page."""

from __future__ import annotations

import gzip
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
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser

from storyline.errors import Errors, InputError, brief
from storyline.ingest.decode import decode_bytes
from storyline.model import GivenComment, Page

log = logging.getLogger(__name__)

ReadItem = Page | InputError

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_CHARSET_RE = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)

# Publication dates outside these years are refused (JSONL metadata) or ignored (found on the page):
# no news page is older, and date arithmetic must never overflow.
MIN_YEAR = 1800
MAX_YEAR = 2200


def utf8_name(path: Path) -> InputError | None:
    """E113 when ``path`` is not valid UTF-8 (an undecodable byte becomes a lone surrogate), else None."""
    if not is_unicode(str(path)):
        return InputError(Errors.E113, source=str(path))
    return None


def is_unicode(text: str) -> bool:
    """Whether ``text`` can be stored (encoded as UTF-8): no lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_text_file(path: Path) -> Iterator[ReadItem]:
    """A ``.txt`` page: its decoded content is the page text, unchanged."""
    yield from _read_single(path, fmt="text")


def read_html_file(path: Path) -> Iterator[ReadItem]:
    """An ``.html``/``.htm`` page."""
    yield from _read_single(path, fmt="html")


def _read_single(path: Path, *, fmt: str) -> Iterator[ReadItem]:
    source = str(path)
    if (bad_name := utf8_name(path)) is not None:
        yield bad_name
        return
    try:
        data = path.read_bytes()
        decoded = decode_bytes(data, source=source)
    except InputError as e:
        yield e
        return
    except OSError as e:
        yield InputError(Errors.E109.format(detail=brief(e.strerror or e)), source=source)
        return
    if not decoded.text.strip():
        yield InputError(Errors.E104, source=source)
        return
    yield Page(doc_id=path.stem, source=source, fmt=fmt, content=decoded.text, repaired=decoded.repaired)


def read_jsonl(path: Path) -> Iterator[ReadItem]:
    """JSON Lines: one page a line with ``id``, optional ``url``, ``published`` and ``comments``, and
    ``text`` or ``html``."""
    source = str(path)
    if (bad_name := utf8_name(path)) is not None:
        yield bad_name
        return
    lines = 0
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    lines += 1
                    yield _jsonl_page(raw, source=source, line=number)
    except OSError as e:
        yield InputError(Errors.E109.format(detail=brief(e.strerror or e)), source=source)
        return
    if not lines:
        yield InputError(Errors.E104_FILE, source=source)


def _jsonl_page(raw: bytes, *, source: str, line: int) -> ReadItem:
    try:
        row = json.loads(raw)
    except RecursionError:
        return InputError(Errors.E105.format(detail="nested too deeply"), source=source, line=line)
    except (ValueError, UnicodeDecodeError) as e:  # JSONDecodeError, or an integer of thousands of digits
        cut = "" if raw.endswith(b"\n") else "the file ends inside this line, truncated? "
        return InputError(Errors.E105.format(detail=cut + brief(e)), source=source, line=line)
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
    for key, value in (("id", doc_id), (content_key, content), ("url", row.get("url")), ("published", row.get("published"))):
        if value is not None and not is_unicode(value):
            return InputError(Errors.E114.format(field=key), source=source, line=line)
    if row.get("published"):
        value = row["published"]
        if iso_day(value, bounded=False) is None:
            return InputError(Errors.E112.format(field="published", value=brief(value, 60)), source=source, line=line)
        if iso_day(value) is None:
            return InputError(Errors.E115.format(field="published", low=MIN_YEAR, high=MAX_YEAR, value=brief(value, 60)),
                              source=source, line=line)
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
        return Errors.E118.format(detail=f"got {type(value).__name__}")
    seen: set[str] = set()
    out: list[GivenComment] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            return Errors.E118.format(detail=f"item {index} is not an object")
        comment_id = _given_id(item.get("id"))
        text = item.get("text")
        if comment_id is None or not isinstance(text, str) or not text.strip():
            return Errors.E118.format(detail=f"item {index}")
        for key in ("author", "posted_at"):
            if item.get(key) is not None and not isinstance(item[key], str):
                return Errors.E110.format(field=f"comments[{index}].{key}")
        parent = _given_id(item.get("parent")) if item.get("parent") is not None else None
        if item.get("parent") is not None and parent is None:
            return Errors.E110.format(field=f"comments[{index}].parent")
        if comment_id in seen:
            return Errors.E119.format(comment_id=comment_id, detail="the id is used twice on the page")
        if parent is not None and parent not in seen:
            return Errors.E119.format(comment_id=comment_id,
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


def iso_day(value: str, *, bounded: bool = True) -> str | None:
    """The day of an ISO date or date-time (``2012-03-28``, ``2012-03-28T10:00:00Z``), else ``None``.

    The whole value must be ISO 8601 (``2012-03-28Tgarbage`` is not); with ``bounded``, a day outside
    the years :data:`MIN_YEAR`..:data:`MAX_YEAR` is ``None`` too.
    """
    text = value.strip()
    try:
        day = date.fromisoformat(text) if len(text) <= 10 else datetime.fromisoformat(text).date()
    except ValueError:
        return None
    if bounded and not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return day.isoformat()


def read_warc(path: Path) -> Iterator[ReadItem]:
    """HTML response records of a WARC file (``.warc`` or ``.warc.gz``).

    An empty (or blank) file is E104; a file that does not start with a WARC record, a record cut
    short (in its header, its HTTP headers or its content, or a truncated gzip member), or a record
    that cannot be parsed is E107 naming the record; the records before it are kept.
    """
    source = str(path)
    if (bad_name := utf8_name(path)) is not None:
        yield bad_name
        return
    try:
        problem = _warc_check(path)
        if problem is not None:
            yield InputError(problem, source=source)
            return
        with path.open("rb") as handle:
            yield from _warc_records(handle, source=source, gzipped=_is_gzip(path))
    except OSError as e:
        yield InputError(Errors.E109.format(detail=brief(e.strerror or e)), source=source)


_SNIFF_BYTES = 1 << 16


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _warc_check(path: Path) -> str | None:
    """E104 for an empty or blank file, E107 for one that does not start with ``WARC/``; None otherwise."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head[:2] == b"\x1f\x8b":
        try:
            head = _gunzip_head(path)
        except zlib.error as e:
            return Errors.E107.format(detail=f"not gzip data ({brief(e, 80)})")
    stripped = head.lstrip()
    if not stripped:
        return Errors.E104_FILE
    if not stripped.startswith(b"WARC/"):
        return Errors.E107.format(detail=f"not a WARC file: it starts with {brief(stripped[:24], 120)}")
    return None


def _gunzip_head(path: Path) -> bytes:
    """Up to the first non-blank :data:`_SNIFF_BYTES` bytes the gzip members of ``path`` hold
    (bounded work: a small file of compressed zeros is never inflated whole)."""
    out = b""
    with path.open("rb") as handle:
        pending = handle.read(_SNIFF_BYTES)
        while pending and len(out.lstrip()) < 64:
            inflater = zlib.decompressobj(wbits=31)
            out += inflater.decompress(pending, _SNIFF_BYTES)
            if not inflater.eof:
                break
            pending = inflater.unused_data or handle.read(_SNIFF_BYTES)
    return out


_HTTP_PARSER = StatusAndHeadersParser(ArcWarcRecordLoader.HTTP_TYPES, verify=False)


def _warc_records(handle, *, source: str, gzipped: bool) -> Iterator[ReadItem]:
    number = 0
    failed = False
    try:
        # HTTP headers are parsed here, record by record, so that one bad record never stops the others.
        for record in ArchiveIterator(handle, no_record_parse=True):
            if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
                yield InputError(Errors.E107.format(detail="the record header is cut short"), source=f"{source}#{number + 1}")
                return
            if record.rec_type != "response":
                continue
            number += 1
            item = _warc_page(record, source=f"{source}#{number}")
            if item is not None:
                failed = isinstance(item, InputError) and item.message.startswith("E107")
                yield item
    except Exception as e:  # noqa: BLE001 - warcio parsing hostile bytes may raise anything; the file stops here
        yield InputError(Errors.E107.format(detail=brief(e)), source=f"{source}#{number + 1}")
        return
    if gzipped and (problem := _gzip_truncation(handle)) is not None and not failed:
        yield InputError(Errors.E107.format(detail=problem), source=f"{source}#{number + 1}")


def _gzip_truncation(handle) -> str | None:
    """Whether the gzip stream of ``handle`` ends inside a member (warcio reads such a tail as nothing)."""
    handle.seek(0)
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            while stream.read(1 << 20):
                pass
    except EOFError:
        return "the file ends inside a gzip member"
    except (OSError, zlib.error) as e:
        return f"bad gzip data after the last record ({brief(e, 80)})"
    return None


def _warc_page(record, *, source: str) -> ReadItem | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if not url:
        return InputError(Errors.E107.format(detail="a response record needs a WARC-Target-URI"), source=source)
    if not is_unicode(url):
        return InputError(Errors.E114.format(field="WARC-Target-URI"), source=source)
    if record.length == 0:
        return InputError(Errors.E104, source=source)
    try:
        record.http_headers = _HTTP_PARSER.parse(record.raw_stream)
    except Exception as e:  # noqa: BLE001 - StatusAndHeadersParserException, EOFError, ... on hostile bytes
        return InputError(Errors.E107.format(detail=f"bad HTTP headers ({brief(e, 120)})"), source=source)
    content_type = record.http_headers.get_header("Content-Type", "") or ""
    if "html" not in content_type.lower():
        log.debug("%s: skipping non-HTML record (%s)", source, content_type)
        return None
    try:
        payload = record.content_stream().read()
    except Exception as e:  # noqa: BLE001 - a bad chunked or compressed body
        return InputError(Errors.E107.format(detail=f"bad content ({brief(e, 120)})"), source=source)
    if record.raw_stream.limit > 0:
        return InputError(Errors.E107.format(detail="the record ends before its declared length"), source=source)
    declared = _CHARSET_RE.search(content_type)
    try:
        decoded = decode_bytes(payload, source=source, declared=declared.group(1) if declared else None)
    except InputError as e:
        return e
    if not decoded.text.strip():
        return InputError(Errors.E104, source=source)
    return Page(doc_id=warc_doc_id(url), source=source, fmt="html", content=decoded.text, url=url)


def warc_doc_id(url: str) -> str:
    """A readable, stable id for a WARC record: host and last path segment, plus a short URL hash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    slug = _SLUG_RE.sub("-", f"{host} {tail}".lower()).strip("-")[:60].rstrip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest
