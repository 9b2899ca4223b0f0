"""Feeds and sitemaps to the page URLs they list.

RSS and Atom (every version feedparser knows) are read with feedparser; XML sitemaps (``urlset``,
with Google News ``publication_date`` where given) and sitemap indexes (``sitemapindex``: the
sitemaps they list are followed as feeds of their own) with lxml, its entities never expanded and
nothing fetched from the network. A gzip-compressed sitemap (``sitemap.xml.gz``) is decompressed
within the same size bound as any response. Links that are not http(s) URLs are passed over (and
counted); a document that is none of these, or is broken beyond any entry, is E127.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe
from lxml import etree

from storyline.errors import Errors, InputError, brief
from storyline.ingest.readers import iso_day
from storyline.live.http import gunzip_bounded
from storyline.live.urls import canonical_url

log = logging.getLogger(__name__)

FeedForm = Literal["feed", "sitemap", "sitemap index"]

_SITEMAP_ROOTS = {"urlset": "sitemap", "sitemapindex": "sitemap index"}
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                              remove_pis=True, load_dtd=False)
_RECOVERING_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                                     remove_pis=True, load_dtd=False, recover=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One page a feed lists: its URL (canonical) and the publication date the feed gives, if any."""

    url: str
    published: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedFeed:
    """What a feed lists: pages, and (a sitemap index) further sitemaps; ``passed_over`` counts
    links that were not http(s) URLs."""

    form: FeedForm
    items: tuple[FeedItem, ...] = ()
    sitemaps: tuple[str, ...] = ()
    passed_over: int = 0


def parse_feed(body: bytes, *, url: str, content_type: str = "", max_bytes: int) -> ParsedFeed:
    """The pages (and sitemaps) listed by the feed or sitemap ``body`` fetched from ``url``.

    Raises :class:`InputError` naming ``url``: E127 when it is no feed or sitemap, E125 when a
    gzip-compressed one expands beyond ``max_bytes``.
    """
    if body[:2] == b"\x1f\x8b":
        body = gunzip_bounded(body, limit=max_bytes, source=url)
    if not body.strip():
        raise InputError(Errors.E127.format(detail="the response is empty"), source=url)
    root, problem = _xml_root(body)
    if root is not None and etree.QName(root).localname in _SITEMAP_ROOTS:
        return _sitemap(root, url=url)
    if problem is not None:
        # feedparser's own fallback for broken XML (a loose regular-expression parser) takes minutes on
        # some hostile megabytes; lxml's recovery takes milliseconds, and feedparser reads what it kept
        if root is None:
            raise InputError(Errors.E127.format(detail=f"not XML ({problem})"), source=url)
        body, content_type = etree.tostring(root, encoding="utf-8", xml_declaration=True), "application/xml"
    return _syndication_feed(body, url=url, content_type=content_type, problem=problem)


def _xml_root(body: bytes) -> tuple[etree._Element | None, str | None]:
    """The document's root element, and what was wrong with it (then the root is what lxml's
    recovering parser kept, if anything)."""
    try:
        return etree.fromstring(body, parser=_XML_PARSER), None
    except (etree.XMLSyntaxError, ValueError) as e:
        problem = brief(e, 120)
    try:
        return etree.fromstring(body, parser=_RECOVERING_PARSER), problem
    except (etree.XMLSyntaxError, ValueError):
        return None, problem


def _sitemap(root: etree._Element, *, url: str) -> ParsedFeed:
    form: FeedForm = _SITEMAP_ROOTS[etree.QName(root).localname]  # type: ignore[assignment]
    entries = root.findall("{*}sitemap" if form == "sitemap index" else "{*}url")
    links: list[tuple[str, str | None]] = []
    for entry in entries:
        loc = entry.findtext("{*}loc")
        published = entry.findtext("{*}news/{*}publication_date")
        links.append(((loc or "").strip(), (published or "").strip() or None))
    items, passed_over = _items(links, base=url)
    if form == "sitemap index":
        return ParsedFeed(form=form, sitemaps=tuple(dict.fromkeys(i.url for i in items)), passed_over=passed_over)
    return ParsedFeed(form=form, items=items, passed_over=passed_over)


def _syndication_feed(body: bytes, *, url: str, content_type: str, problem: str | None) -> ParsedFeed:
    """The entries of an RSS/Atom feed; ``problem`` says what was wrong with its XML, if anything
    (then ``body`` is what lxml recovered). No feed at all, or a broken one with no link left, is E127."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # a file-like object: given a string or bytes, feedparser would open it as a URL or a file name
    result = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    entries = result.get("entries") or []
    complaint = result.get("bozo_exception") if result.get("bozo") else None
    if problem is None and complaint is not None and not isinstance(complaint, ThingsNobodyCaresAboutButMe):
        problem = brief(complaint, 120)
    if not entries and not result.get("version"):
        detail = f" ({problem})" if problem is not None else ""
        raise InputError(Errors.E127.format(detail=f"no RSS, Atom or sitemap in it{detail}"), source=url)
    links = [(str(entry.get("link") or ""), _entry_date(entry)) for entry in entries]
    items, passed_over = _items(links, base=url)
    if problem is not None and not items:
        raise InputError(Errors.E127.format(detail=f"not well-formed ({problem}) and no entry with a link"), source=url)
    if problem is not None:
        log.warning("%s: feed is not well-formed (%s); reading its %d links anyway", url, problem, len(items))
    return ParsedFeed(form="feed", items=items, passed_over=passed_over)


def _entry_date(entry: dict) -> str | None:
    # plain dict look-ups: feedparser's own would map one key to the other, with a warning
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not isinstance(when, time.struct_time):
        return None
    return iso_day(f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}")


def _items(links: list[tuple[str, str | None]], *, base: str) -> tuple[tuple[FeedItem, ...], int]:
    """Canonical http(s) links, first occurrence kept, with their dates; and how many were passed over."""
    seen: dict[str, FeedItem] = {}
    passed_over = 0
    for link, published in links:
        try:
            target = canonical_url(urljoin(base, link)) if link else None
        except (InputError, ValueError):
            target = None
        if target is None:
            passed_over += 1
            log.info("%s: passing over link %r: not an http(s) URL", base, brief(link, 80))
            continue
        day = iso_day(published) if published else None
        seen.setdefault(target, FeedItem(url=target, published=day))
    return tuple(seen.values()), passed_over
