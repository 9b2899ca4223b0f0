"""Feeds and sitemaps to page URLs: RSS, Atom, sitemaps, indexes, gzip, hostile and broken documents."""

from __future__ import annotations

import gzip

import pytest

from storyline.errors import InputError
from storyline.live.feeds import parse_feed
from storyline.live.urls import canonical_url
from tests.live.pages import atom, rss, sitemap, sitemap_index

BASE = "https://news.example.org"
FEED = BASE + "/feed.xml"
LIMIT = 1_000_000


def _urls(parsed) -> list[str]:
    return [i.url for i in parsed.items]


def test_rss_items_with_their_dates():
    body = rss(BASE, ["/a", "/b?utm_source=rss", "/a"], dates=["Mon, 14 Sep 2015 08:00:00 GMT", "Tue, 15 Sep 2015 09:00:00 +0200", ""])
    parsed = parse_feed(body, url=FEED, content_type="application/rss+xml", max_bytes=LIMIT)
    assert parsed.form == "feed"
    assert _urls(parsed) == [BASE + "/a", BASE + "/b"]  # duplicates and tracking parameters gone
    assert [i.published for i in parsed.items] == ["2015-09-14", "2015-09-15"]


def test_atom_relative_links_resolve_against_the_feed():
    parsed = parse_feed(atom(BASE, ["world/one", "/world/two"]), url=FEED, max_bytes=LIMIT)
    assert _urls(parsed) == [BASE + "/world/one", BASE + "/world/two"]
    assert parsed.items[0].published == "2015-09-10"


def test_a_sitemap_and_a_gzipped_one():
    body = sitemap(BASE, ["/x", "/y"])
    assert _urls(parse_feed(body, url=BASE + "/sitemap.xml", max_bytes=LIMIT)) == [BASE + "/x", BASE + "/y"]
    zipped = parse_feed(gzip.compress(body), url=BASE + "/sitemap.xml.gz", max_bytes=LIMIT)
    assert zipped.form == "sitemap" and _urls(zipped) == [BASE + "/x", BASE + "/y"]


def test_a_news_sitemap_gives_publication_dates():
    body = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example.org/s</loc>'
            b"<news:news><news:publication_date>2014-06-03T10:00:00+03:00</news:publication_date></news:news></url></urlset>")
    parsed = parse_feed(body, url=BASE + "/news-sitemap.xml", max_bytes=LIMIT)
    assert parsed.items[0].published == "2014-06-03"


def test_a_sitemap_index_lists_sitemaps_not_pages():
    parsed = parse_feed(sitemap_index(BASE, ["/s1.xml", "/s2.xml"]), url=BASE + "/index.xml", max_bytes=LIMIT)
    assert parsed.form == "sitemap index" and not parsed.items
    assert parsed.sitemaps == (BASE + "/s1.xml", BASE + "/s2.xml")


def test_links_that_are_not_web_addresses_are_passed_over():
    body = rss(BASE, ["/ok"]).replace(b"</channel>", b"<item><link>javascript:alert(1)</link></item>"
                                      b"<item><link>file:///etc/passwd</link></item><item><title>no link</title></item></channel>")
    parsed = parse_feed(body, url=FEED, max_bytes=LIMIT)
    assert _urls(parsed) == [BASE + "/ok"] and parsed.passed_over == 3


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n",
        b"<html><body><p>This is a web page, not a feed.</p></body></html>",
        b"\x00\x01\x02\x03 binary",
        b"<<<rss>>> not xml at all",
        b'{"items": ["json is not a feed here"]}',
    ],
)
def test_what_is_no_feed_is_e127(body):
    with pytest.raises(InputError) as caught:
        parse_feed(body, url=FEED, max_bytes=LIMIT)
    assert caught.value.message.startswith("E127") and caught.value.source == FEED


def test_a_gzip_bomb_sitemap_is_e125():
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(InputError) as caught:
        parse_feed(bomb, url=BASE + "/sitemap.xml.gz", max_bytes=LIMIT)
    assert caught.value.message.startswith("E125")


def test_entities_are_never_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              b'<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
              b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example.org/&d;&ext;</loc></url></urlset>')
    parsed = parse_feed(laughs, url=BASE + "/sitemap.xml", max_bytes=LIMIT)
    assert all("aaaa" not in u and "root" not in u for u in _urls(parsed))


def test_a_feed_with_a_broken_tail_keeps_its_entries():
    body = rss(BASE, ["/a", "/b"])[:-20]  # cut inside the closing tags
    assert _urls(parse_feed(body, url=FEED, max_bytes=LIMIT)) == [BASE + "/a", BASE + "/b"]


def test_canonical_urls():
    assert canonical_url("HTTPS://News.Example.ORG:443/a?b=2&a=1&utm_medium=x#top") == "https://news.example.org/a?a=1&b=2"
    assert canonical_url("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x"


def test_a_well_formed_feed_with_no_items_is_empty_not_an_error():
    parsed = parse_feed(b"<?xml version='1.0'?><rss version='2.0'><channel><title>quiet</title></channel></rss>",
                        url=FEED, max_bytes=LIMIT)
    assert parsed.form == "feed" and parsed.items == ()


@pytest.mark.parametrize(
    "body",
    [
        b"<rss><channel>" + b"<item><link>https://news.example.org/x</link>" * 60_000,  # items never closed
        b"<rss><channel>" + b"<x>" * 200_000,  # nesting far past any parser's depth
        b"<rss " + b'a="' * 300_000,
        b"<" * 1_000_000,
    ],
)
def test_megabytes_of_broken_xml_are_read_or_refused_in_moments(body):
    # feedparser's own loose parser takes tens of seconds on such input; lxml's recovery is used instead
    import time

    started = time.monotonic()
    try:
        parsed = parse_feed(body, url=FEED, max_bytes=10_000_000)
    except InputError as e:
        assert e.message.startswith("E127")
    else:
        assert len(parsed.items) <= 1
    assert time.monotonic() - started < 5
