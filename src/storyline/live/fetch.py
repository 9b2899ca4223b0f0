"""Fetch pages from the web into the store, the way ``ingest`` stores files.

Each URL is put in its one canonical form (:func:`storyline.live.urls.canonical_url`); a URL whose
last fetch settled it (stored, or failed for good: 4xx, robots.txt, too large, not a page) is
skipped unless ``refresh`` asks for it again, which it does conditionally (ETag, Last-Modified).
A fetched page becomes a :class:`~storyline.model.Page` (HTML, or plain text) with the URL it was
found at, is segmented by :func:`storyline.pipeline.build_document` and stored by
:meth:`Store.add_document` in its own transaction, exactly as an ingested file; only then is the
URL's fetch state saved (with the validators and the fetch time). A run cut off between the two
fetches the page again next time, finds its content stored, and saves the state: nothing is ever
half-written or stored twice. A transient failure (time-out, 5xx, robots.txt unreachable) leaves
the URL to be tried again on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import duckdb

from storyline.errors import Errors, InputError, brief
from storyline.ingest.decode import decode_bytes
from storyline.ingest.readers import warc_doc_id
from storyline.live.feeds import FeedItem
from storyline.live.http import FetchError, PoliteClient, Response
from storyline.live.urls import canonical_url
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.store import AddResult, Store
from storyline.store.database import now_iso
from storyline.store.fetches import FetchState, done_urls, get_state, save_state

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                         "application/rdf+xml"})


@dataclass(slots=True, kw_only=True)
class FetchReport:
    """What a fetch did, per URL: stored (added, new version, unchanged content), not modified
    (304), skipped (fetched before), or failed (one error each)."""

    added: list[AddResult] = field(default_factory=list)
    new_versions: list[AddResult] = field(default_factory=list)
    unchanged: list[AddResult] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def stored_new(self) -> int:
        return len(self.added) + len(self.new_versions)

    def record(self, result: AddResult) -> None:
        {"added": self.added, "new_version": self.new_versions, "unchanged": self.unchanged}[result.status].append(
            result
        )


def fetch_pages(
    urls: Iterable[str | FeedItem],
    *,
    store: Store,
    client: PoliteClient,
    refresh: bool = False,
    report: FetchReport | None = None,
) -> FetchReport:
    """Fetch every URL (a string, or a feed's item with its publication date) into ``store``;
    bad URLs and failed fetches are reported, never fatal. ``report`` accumulates across calls."""
    report = report if report is not None else FetchReport()
    items = [_item(u) for u in urls]
    wanted = [i for i in items if isinstance(i, FeedItem)]
    done = set() if refresh else done_urls(store, (i.url for i in wanted))
    for item in items:
        if isinstance(item, InputError):
            report.errors.append(item)
            log.warning("%s", item)
        elif item.url in done:
            report.skipped.append(item.url)
            log.info("%s: fetched before, skipped", item.url)
        else:
            done.add(item.url)
            _fetch_one(item, store=store, client=client, refresh=refresh, report=report)
    return report


def _item(url: str | FeedItem) -> FeedItem | InputError:
    if isinstance(url, FeedItem):
        return url
    try:
        return FeedItem(url=canonical_url(url))
    except InputError as e:
        return e


def _fetch_one(item: FeedItem, *, store: Store, client: PoliteClient, refresh: bool, report: FetchReport) -> None:
    before = get_state(store, item.url) if refresh else None
    ok_before = before is not None and before.status == "ok"
    try:
        response = client.get(item.url, etag=before.etag if ok_before else None,
                              last_modified=before.last_modified if ok_before else None)
    except FetchError as e:
        _failed(store, item.url, e, report=report, status="retry" if e.transient else "failed")
        return
    if response.not_modified and before is not None:
        state = _state(response, doc_id=before.doc_id, version=before.version)
        # a 304 need not repeat the validators: keep the ones asked with
        save_state(store, replace(state, etag=state.etag or before.etag,
                                  last_modified=state.last_modified or before.last_modified))
        report.not_modified.append(item.url)
        log.info("%s: not modified", item.url)
        return
    page = page_from_response(response, published=item.published)
    document = page if isinstance(page, InputError) else build_document(page)
    if isinstance(document, InputError):
        _failed(store, item.url, document, report=report, status="failed")
        return
    try:
        result = store.add_document(document)
    except duckdb.Error as e:  # rolled back; the URL stays unsettled and is fetched again next time
        error = InputError(Errors.E117.format(detail=brief(e)), source=item.url)
        report.errors.append(error)
        log.warning("%s", error)
        return
    for url in dict.fromkeys((item.url, response.final_url)):
        save_state(store, _state(response, url=url, doc_id=result.doc_id, version=result.version))
    log.info("stored %s v%d (%s) from %s", result.doc_id, result.version, result.status, item.url)
    report.record(result)


def page_from_response(response: Response, *, published: str | None = None) -> Page | InputError:
    """The page a 2xx response holds (HTML or plain text), named by its final URL, or the error
    (E126 for another content type, E103 for binary data, E104 for an empty page)."""
    source = response.url
    fmt = _format(response)
    if isinstance(fmt, InputError):
        return fmt
    try:
        decoded = decode_bytes(response.body, source=source, declared=response.charset)
    except InputError as e:
        return e
    if not decoded.text.strip():
        return InputError(Errors.E104, source=source)
    return Page(doc_id=warc_doc_id(response.final_url), source=source, fmt=fmt, content=decoded.text,
                url=response.final_url, published=published, repaired=decoded.repaired)


def _format(response: Response) -> str | InputError:
    media = response.media_type
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    if not media:
        return "html" if response.body.lstrip()[:1] == b"<" else "text"
    hint = ": a feed? follow it with `storyline watch`" if media in _FEED_TYPES else ""
    return InputError(Errors.E126.format(detail=f"content type {brief(media, 60)!r} is not a page{hint}"),
                      source=response.url)


def _failed(store: Store, url: str, error: InputError, *, report: FetchReport, status: str) -> None:
    report.errors.append(error)
    log.warning("%s", error)
    save_state(store, FetchState(url=url, kind="page", status=status, fetched_at=now_iso(),  # type: ignore[arg-type]
                                 http_status=getattr(error, "status", None), error=error.message))


def _state(response: Response, *, url: str | None = None, doc_id: str | None, version: int | None) -> FetchState:
    return FetchState(url=url or response.url, kind="page", status="ok", fetched_at=response.fetched_at,
                      http_status=response.status, final_url=response.final_url, etag=response.etag,
                      last_modified=response.last_modified, doc_id=doc_id, version=version)
