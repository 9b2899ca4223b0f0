"""Polite HTTP for live sources: one client that every page, feed and robots.txt request goes through.

Politeness, in the order a request meets it:

1. robots.txt of the URL's origin is fetched once (cached a day; 4xx means no rules, an
   unreachable one or a 5xx means nothing may be fetched for now, as RFC 9309 says) and obeyed
   for the client's user agent; its ``Crawl-delay`` lengthens the wait between requests to that host;
2. one request at a time per host, at least :attr:`Politeness.delay` seconds apart;
3. a transient failure (a time-out, a refused connection, HTTP 429 or 5xx) is tried again after a
   back-off that doubles (a ``Retry-After`` the server gives is honoured, up to a ceiling);
4. conditional GET: the caller's ETag and Last-Modified are sent, and ``304 Not Modified`` comes
   back as such, without a body;
5. redirects are followed by hand, each hop checked against its own robots.txt, at most
   :attr:`Politeness.max_redirects` of them;
6. every response is bounded: at most :attr:`Politeness.max_bytes` bytes after decompression (gzip
   is decoded here, a chunk at a time, so a compressed bomb never expands in memory), a time-out
   between two reads and a deadline for the whole response.

A failure raises :class:`FetchError` naming the URL: ``transient`` ones may succeed later.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from storyline.errors import Errors, InputError, brief
from storyline.live.settings import DEFAULT_USER_AGENT, Politeness
from storyline.live.urls import canonical_url, host_of
from storyline.store.database import now_iso

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB
_ROBOTS_TTL = 24 * 3600.0  # RFC 9309: a cached robots.txt should not be used for more than a day
_ROBOTS_UNREACHABLE_TTL = 600.0  # ask an unreachable robots.txt again after ten minutes


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A successful answer: 2xx with its body, or 304 (``not_modified``, empty body)."""

    url: str
    final_url: str
    status: int
    media_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    fetched_at: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(InputError):
    """A URL that could not be fetched; ``transient`` when asking again later may work."""

    def __init__(self, message: str, *, source: str, transient: bool = False, status: int | None = None) -> None:
        super().__init__(message, source=source)
        self.transient = transient
        self.status = status

    def __reduce__(self) -> tuple:
        return _fetch_error, (self.message, self.source, self.transient, self.status)


def _fetch_error(message: str, source: str, transient: bool, status: int | None) -> FetchError:
    return FetchError(message, source=source, transient=transient, status=status)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Raw:
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass(slots=True, kw_only=True)
class _Rules:
    """What one origin's robots.txt says (``parser`` None: everything allowed, unless ``refusal``)."""

    parser: RobotFileParser | None
    refusal: str | None
    expires: float
    unreachable: str | None = None


class PoliteClient:
    """The one HTTP client of live sources; use as a context manager (it holds a connection pool).

    ``transport`` and ``sleep`` exist for tests (an httpx transport; the function that waits).
    """

    def __init__(self, politeness: Politeness | None = None, *, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.politeness = politeness or Politeness()
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._rules: dict[str, _Rules] = {}
        self._http = httpx.Client(
            timeout=httpx.Timeout(self.politeness.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.politeness.user_agent, "Accept-Encoding": "gzip"},
            transport=transport,
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- the one public request --------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` politely (robots.txt, rate limit, retries, redirects, bounds); ``etag`` and
        ``last_modified`` make it conditional. Raises :class:`FetchError` naming ``url``."""
        headers = {}
        if _sendable(etag):
            headers["If-None-Match"] = etag
        if _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.politeness.max_redirects + 1):
            self._obey_robots(current, source=url)
            raw = self._with_retries(current, headers, source=url, limit=self.politeness.max_bytes)
            if raw.status not in _REDIRECTS:
                return self._response(url, current, raw)
            current = self._redirect_target(current, raw, source=url)
            log.info("%s: redirected to %s", url, current)
        raise FetchError(Errors.E128.format(detail=f"more than {self.politeness.max_redirects} redirects"), source=url)

    def _response(self, url: str, final: str, raw: _Raw) -> Response:
        if raw.status == 304 or 200 <= raw.status < 300:
            content_type = raw.headers.get("content-type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            charset = _charset(content_type)
            return Response(url=url, final_url=final, status=raw.status, media_type=media_type, charset=charset,
                            etag=raw.headers.get("etag"), last_modified=raw.headers.get("last-modified"),
                            body=b"" if raw.status == 304 else raw.body, fetched_at=now_iso())
        transient = raw.status in _RETRY_STATUSES
        tries = f", after {self.politeness.retries + 1} tries" if transient else ""
        detail = f" ({_reason(raw.status)}{tries})"
        raise FetchError(Errors.E122.format(status=raw.status, detail=detail), source=url, transient=transient,
                         status=raw.status)

    def _redirect_target(self, current: str, raw: _Raw, *, source: str) -> str:
        location = raw.headers.get("location")
        if not location:
            raise FetchError(Errors.E128.format(detail=f"HTTP {raw.status} without a Location"), source=source)
        try:
            return canonical_url(urljoin(current, location))
        except InputError as e:
            raise FetchError(Errors.E128.format(detail=f"to {brief(location, 80)}: {e.message}"), source=source) from e

    # -- retries, rate limit, bounded reads ---------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str], *, source: str, limit: int,
                      truncate: bool = False) -> _Raw:
        """One response, tried again after transient failures; the last failure is raised (transient)."""
        for attempt in range(self.politeness.retries):
            outcome = self._try_once(url, headers, source=source, limit=limit, truncate=truncate)
            if isinstance(outcome, _Raw) and outcome.status not in _RETRY_STATUSES:
                return outcome
            wait = self.politeness.backoff * 2**attempt
            if isinstance(outcome, _Raw):
                wait = _retry_after(outcome.headers.get("retry-after")) or wait
            wait = min(wait, self.politeness.max_backoff)
            log.info("%s: trying again in %.1f s (try %d of %d)", url, wait, attempt + 2, self.politeness.retries + 1)
            self._sleep(wait)
        outcome = self._try_once(url, headers, source=source, limit=limit, truncate=truncate)
        if isinstance(outcome, FetchError):
            raise outcome
        return outcome

    def _try_once(self, url: str, headers: dict[str, str], *, source: str, limit: int,
                  truncate: bool) -> _Raw | FetchError:
        """One request; a time-out or a network failure comes back as a transient :class:`FetchError`."""
        tries = self.politeness.retries + 1
        try:
            return self._once(url, headers, source=source, limit=limit, truncate=truncate)
        except httpx.TimeoutException:
            detail = f"no answer within {self.politeness.timeout:g} s (tried {tries} times)"
        except httpx.TransportError as e:
            detail = f"{brief(e, 120)} (tried {tries} times)"
        except (httpx.InvalidURL, UnicodeError) as e:  # a host name no resolver takes
            return FetchError(Errors.E121.format(detail=brief(e, 120)), source=source)
        return FetchError(Errors.E123.format(detail=detail), source=source, transient=True)

    def _once(self, url: str, headers: dict[str, str], *, source: str, limit: int, truncate: bool) -> _Raw:
        self._wait_turn(url)
        deadline = time.monotonic() + self.politeness.deadline
        with self._http.stream("GET", url, headers=headers) as response:
            if not 200 <= response.status_code < 300:
                return _Raw(status=response.status_code, headers=response.headers, body=b"")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit and not truncate:
                raise FetchError(Errors.E125.format(limit=limit), source=source)
            chunks = _deadline(response.iter_raw(), deadline, source=source, seconds=self.politeness.deadline)
            body = _bounded_body(chunks, response.headers.get("content-encoding", ""), limit=limit,
                                 truncate=truncate, source=source)
            return _Raw(status=response.status_code, headers=response.headers, body=body)

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again; then it is this request's turn."""
        host = host_of(url)
        delay = max(self.politeness.delay, self._crawl_delay(url))
        last = self._last.get(host)
        if last is not None:
            gap = last + delay - time.monotonic()
            if gap > 0:
                self._sleep(gap)
        self._last[host] = time.monotonic()

    # -- robots.txt ---------------------------------------------------------------------------

    def _obey_robots(self, url: str, *, source: str) -> None:
        rules = self._robots(url)
        if rules.unreachable is not None:  # the host cannot be reached at all: say so, not "robots"
            raise FetchError(rules.unreachable, source=source, transient=rules.unreachable.startswith("E123"))
        if rules.refusal is not None:
            raise FetchError(Errors.E124.format(detail=f": {rules.refusal}"), source=source, transient=True)
        if rules.parser is not None and not rules.parser.can_fetch(self.politeness.user_agent, url):
            raise FetchError(Errors.E124.format(detail=""), source=source)

    def _crawl_delay(self, url: str) -> float:
        rules = self._rules.get(_origin(url))
        if rules is None or rules.parser is None:
            return 0.0
        asked = rules.parser.crawl_delay(self.politeness.user_agent)
        return min(float(asked), self.politeness.max_crawl_delay) if asked else 0.0

    def _robots(self, url: str) -> _Rules:
        origin = _origin(url)
        cached = self._rules.get(origin)
        if cached is not None and cached.expires > time.monotonic():
            return cached
        rules = self._fetch_robots(origin)
        self._rules[origin] = rules
        return rules

    def _fetch_robots(self, origin: str) -> _Rules:
        robots_url = f"{origin}/robots.txt"
        fresh = time.monotonic() + _ROBOTS_TTL
        try:
            raw = self._robots_response(robots_url)
        except FetchError as e:
            log.warning("%s: %s: nothing on %s is fetched for now", robots_url, e.message, origin)
            network = e.message.startswith(("E121", "E123"))  # a bad host, or none reached: say so
            return _Rules(parser=None, refusal=f"robots.txt unreachable ({e.message}): nothing on this host is "
                                               "fetched until it answers",
                          expires=time.monotonic() + _ROBOTS_UNREACHABLE_TTL,
                          unreachable=e.message if network else None)
        if 200 <= raw.status < 300:
            parser = RobotFileParser(robots_url)
            parser.parse(raw.body.decode("utf-8", errors="replace").splitlines())
            return _Rules(parser=parser, refusal=None, expires=fresh)
        if 400 <= raw.status < 500:  # no robots.txt: no rules
            return _Rules(parser=None, refusal=None, expires=fresh)
        return _Rules(parser=None, refusal=f"robots.txt answered HTTP {raw.status}: nothing on this host is fetched "
                                           "until it answers",
                      expires=time.monotonic() + _ROBOTS_UNREACHABLE_TTL)

    def _robots_response(self, robots_url: str) -> _Raw:
        current = robots_url
        for _hop in range(self.politeness.max_redirects + 1):
            raw = self._with_retries(current, {}, source=robots_url, limit=_ROBOTS_MAX_BYTES, truncate=True)
            if raw.status not in _REDIRECTS:
                return raw
            current = self._redirect_target(current, raw, source=robots_url)
        raise FetchError(Errors.E128.format(detail=f"more than {self.politeness.max_redirects} redirects"),
                         source=robots_url)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _deadline(chunks: Iterator[bytes], deadline: float, *, source: str, seconds: float) -> Iterator[bytes]:
    """The chunks of a response, until the deadline for the whole response passes (then E123)."""
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise FetchError(Errors.E123.format(detail=f"the response took longer than {seconds:g} s"),
                             source=source, transient=True)
        yield chunk


def _bounded_body(chunks: Iterator[bytes], encoding: str, *, limit: int, truncate: bool, source: str) -> bytes:
    """The body of a response, decompressed (gzip) a bounded chunk at a time; more than ``limit``
    bytes is E125 (or, with ``truncate``, cut at ``limit``)."""
    encoding = encoding.strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip"):
        raise FetchError(Errors.E126.format(detail=f"content encoding {brief(encoding, 40)!r}"), source=source)
    inflater = zlib.decompressobj(wbits=31) if encoding in ("gzip", "x-gzip") else None
    body = bytearray()
    for chunk in chunks:
        room = limit - len(body) + 1
        try:
            data = inflater.decompress(chunk, room) if inflater else chunk
        except zlib.error as e:
            raise FetchError(Errors.E126.format(detail=f"bad gzip data ({brief(e, 80)})"), source=source) from e
        over = len(body) + len(data) > limit or bool(inflater and inflater.unconsumed_tail)
        body += data[:room]
        if over:
            if truncate:
                return bytes(body[:limit])
            raise FetchError(Errors.E125.format(limit=limit), source=source)
    if inflater is not None and not inflater.eof and body:
        raise FetchError(Errors.E123.format(detail="the response ends inside its gzip data"), source=source,
                         transient=True)
    return bytes(body)


def gunzip_bounded(data: bytes, *, limit: int, source: str) -> bytes:
    """``data`` (a gzip file, such as a ``sitemap.xml.gz``) decompressed, at most ``limit`` bytes (E125)."""
    return _bounded_body(iter([data]), "gzip", limit=limit, truncate=False, source=source)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None


def _sendable(validator: str | None) -> bool:
    """Whether a stored ETag or Last-Modified can be sent back as it is (printable ASCII, bounded);
    one that cannot is left out and the request is unconditional."""
    return bool(validator) and validator.isascii() and validator.isprintable() and len(validator) <= 1024


def _charset(content_type: str) -> str | None:
    message = Message()
    message["content-type"] = content_type
    return message.get_content_charset()


def _reason(status: int) -> str:
    try:
        return httpx.codes(status).phrase
    except ValueError:
        return "unknown status"
