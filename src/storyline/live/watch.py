"""Watch feeds: every so often, fetch each feed (conditionally), fetch the pages it lists that were
never fetched, then read what is new.

One cycle, for each feed in the order given:

1. GET the feed with the ETag and Last-Modified of its last complete cycle; ``304`` ends it;
2. read it (:func:`storyline.live.feeds.parse_feed`); a sitemap index's sitemaps are followed as
   feeds of their own (one level deep, at most :data:`MAX_SITEMAPS` of them);
3. fetch the pages it lists that no earlier fetch settled, at most ``max_pages`` a feed and cycle
   (the rest wait for the next cycle), with :func:`storyline.live.fetch.fetch_pages`;
4. save the feed's validators only when every page it lists is settled: a feed whose pages were cut
   short (by ``max_pages``, a transient failure, or a killed process) is fetched in full next time.

Then the ``reader`` (the CLI's: :func:`storyline.pipeline.read_pending`) reads and links the new
pages, if any were stored or the cycle is the first (which finishes the reading of a killed run).
The store is opened for each cycle and closed while the loop sleeps, so other commands can read it
in between; every page and every fetch state is written in its own transaction, so a loop killed
at any point leaves a consistent store that the next run resumes.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import Errors, InputError, StorylineError
from storyline.live.feeds import ParsedFeed, parse_feed
from storyline.live.fetch import FetchReport, fetch_pages
from storyline.live.http import FetchError, PoliteClient
from storyline.live.settings import DEFAULT_EVERY, DEFAULT_MAX_PAGES
from storyline.live.urls import canonical_url
from storyline.pipeline import ReadReport
from storyline.store import Store
from storyline.store.fetches import FetchState, done_urls, get_state, save_state
from storyline.store.database import now_iso

log = logging.getLogger(__name__)

MAX_SITEMAPS = 50

_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

Reader = Callable[[Store], ReadReport]


def parse_every(text: str) -> float:
    """Seconds in a duration such as ``90``, ``90s``, ``15m``, ``1.5h``, ``1d`` (E129 otherwise, or for 0)."""
    match = _DURATION_RE.match(text)
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()] if match else 0.0
    if seconds <= 0:
        raise StorylineError(Errors.E129.format(value=text))
    return seconds


@dataclass(slots=True, kw_only=True)
class CycleReport:
    """What one cycle did: feeds fetched (and how many were not modified), the links they list,
    the new ones fetched now and those left for the next cycle, the pages fetched, the errors of
    the feeds themselves, and the reading pass (if one ran)."""

    number: int
    feeds: int = 0
    not_modified: int = 0
    links: int = 0
    new_links: int = 0
    deferred: int = 0
    pages: FetchReport = field(default_factory=FetchReport)
    feed_errors: list[InputError] = field(default_factory=list)
    reading: ReadReport | None = None

    @property
    def ok(self) -> bool:
        return not self.feed_errors and self.pages.ok and not (self.reading and self.reading.errors)


def watch(
    feeds: Sequence[str],
    *,
    db: str | Path,
    client: PoliteClient,
    every: float,
    cycles: int | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    reader: Reader | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[CycleReport]:
    """Run cycles over ``feeds`` (``cycles`` of them, or for ever), ``every`` seconds from the start
    of one to the start of the next, yielding each cycle's report. A feed URL that is not a web
    address is reported in every cycle (E121); the others go on."""
    number = 0
    while cycles is None or number < cycles:
        number += 1
        started = time.monotonic()
        with Store(db) as store:
            report = run_cycle(feeds, store=store, client=client, max_pages=max_pages, number=number)
            if reader is not None and (report.pages.stored_new or number == 1):
                report.reading = reader(store)
        yield report
        if cycles is None or number < cycles:
            sleep(max(0.0, started + every - time.monotonic()))


def run_cycle(feeds: Sequence[str], *, store: Store, client: PoliteClient, max_pages: int = DEFAULT_MAX_PAGES,
              number: int = 1) -> CycleReport:
    """One cycle over ``feeds`` (without reading)."""
    report = CycleReport(number=number)
    for raw in feeds:
        try:
            url = canonical_url(raw)
        except InputError as e:
            _feed_failed(report, e)
            continue
        _follow(url, store=store, client=client, max_pages=max_pages, report=report, nested=False)
    return report


def _follow(url: str, *, store: Store, client: PoliteClient, max_pages: int, report: CycleReport,
            nested: bool) -> None:
    report.feeds += 1
    before = get_state(store, url)
    ok_before = before is not None and before.status == "ok"
    try:
        response = client.get(url, etag=before.etag if ok_before else None,
                              last_modified=before.last_modified if ok_before else None)
        if response.not_modified:
            report.not_modified += 1
            log.info("%s: feed not modified", url)
            return
        parsed = parse_feed(response.body, url=url, content_type=response.media_type,
                            max_bytes=client.politeness.max_bytes)
    except InputError as e:
        _feed_failed(report, e)
        save_state(store, FetchState(url=url, kind="feed", status="retry", fetched_at=now_iso(),
                                     http_status=e.status if isinstance(e, FetchError) else None, error=e.message))
        return
    settled = _take(parsed, url=url, store=store, client=client, max_pages=max_pages, report=report, nested=nested)
    save_state(store, FetchState(url=url, kind="feed", status="ok", fetched_at=response.fetched_at,
                                 http_status=response.status, final_url=response.final_url,
                                 etag=response.etag if settled else None,
                                 last_modified=response.last_modified if settled else None))


def _take(parsed: ParsedFeed, *, url: str, store: Store, client: PoliteClient, max_pages: int, report: CycleReport,
          nested: bool) -> bool:
    """Fetch the new pages ``parsed`` lists and follow its sitemaps; whether the feed may be asked
    conditionally next time: all it lists is settled (a sitemap index never is: its sitemaps may
    change while it does not, so it is read in full and they are asked conditionally)."""
    if parsed.sitemaps and nested:
        log.warning("%s: a sitemap index inside a sitemap index: its %d sitemaps are not followed", url,
                    len(parsed.sitemaps))
    elif parsed.sitemaps:
        if len(parsed.sitemaps) > MAX_SITEMAPS:
            log.warning("%s: following the first %d of its %d sitemaps", url, MAX_SITEMAPS, len(parsed.sitemaps))
        for child in parsed.sitemaps[:MAX_SITEMAPS]:
            _follow(child, store=store, client=client, max_pages=max_pages, report=report, nested=True)
    report.links += len(parsed.items)
    done = done_urls(store, (i.url for i in parsed.items))
    new = [i for i in parsed.items if i.url not in done]
    taken = new[:max_pages]
    report.new_links += len(new)
    report.deferred += len(new) - len(taken)
    fetch_pages(taken, store=store, client=client, report=report.pages)
    unsettled = {i.url for i in new} - done_urls(store, (i.url for i in new))
    return not parsed.sitemaps and not unsettled


def _feed_failed(report: CycleReport, error: InputError) -> None:
    report.feed_errors.append(error)
    log.warning("%s", error)
