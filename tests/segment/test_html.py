"""HTML segmenter: roles, dates, boilerplate, comment threads and offsets on pages of our own making."""

from __future__ import annotations

import lxml.html
import pytest

from storyline.model import Segmentation
from storyline.segment.html import parse_comment_markup, segment_html

NAV = """
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our site.
Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/markets">Markets today</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
"""

FOOTER = """
<footer class="site-footer"><p>Copyright 2020 The Lakeside Herald. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
"""

PARAGRAPHS = [
    "Fishermen in Kisumu ended a week-long protest on Tuesday after the county government agreed to "
    "suspend a new licence fee for small boats, a spokesperson for the fishing cooperative said.",
    "The protest had closed three landing beaches and cut the supply of tilapia to markets in the "
    "region, traders said, pushing prices up by almost a third within a few days.",
    "Governor Achieng Otieno told a press conference that the fee would be reviewed by a joint "
    "committee of officials and cooperative members before any new charges were introduced.",
]

COMMENTS = """
<section id="comments"><h3>Reader comments</h3>
<ol class="comment-list">
<li class="comment depth-1" id="comment-201"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Wanjiru K.</b>
<span class="says">says:</span></div><div class="comment-metadata"><a href="#comment-201">
<time datetime="2020-03-10T18:42:07+03:00">March 10, 2020 at 6:42 pm</time></a></div></footer>
<div class="comment-content"><p>Good news for the lake communities.</p><p>The fee was far too high.</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article>
<ol class="children">
<li class="comment depth-2" id="comment-202"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Omondi</b></div>
<div class="comment-metadata"><time datetime="2020-03-10T19:05:00+03:00">7:05 pm</time></div></footer>
<div class="comment-content"><p>Suspended is not cancelled, wait and see.</p></div></article>
<ol class="children">
<li class="comment depth-3" id="comment-203"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Wanjiru K.</b></div></footer>
<div class="comment-content"><p>Fair point, the committee still has to meet.</p></div></article></li>
</ol></li>
</ol></li>
<li class="comment depth-1" id="comment-204"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">promo account</b></div></footer>
<div class="comment-content"><p>Good  news for the LAKE communities!</p><p>The fee was far too high.</p></div>
</article></li>
</ol></section>
"""


def _page(*, head: str = "", comments: str = "", paragraphs: list[str] | None = None) -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Fishermen end protest over boat fees | The Lakeside Herald"
        f"</title>{head}</head><body>{NAV}<main><article><h1>Fishermen end protest over boat fees</h1>"
        f"{body}</article></main>{comments}{FOOTER}</body></html>"
    )


DATED_HEAD = '<meta property="article:published_time" content="2020-03-10T08:15:00+03:00">'


def _lines(seg: Segmentation, role: str) -> list[str]:
    return [seg.text[s.start : s.end] for s in seg.spans(role)]


@pytest.fixture(scope="module")
def article() -> Segmentation:
    return segment_html(_page(head=DATED_HEAD, comments=COMMENTS), url="https://example.org/news/fishermen")


def test_title_date_and_body(article: Segmentation) -> None:
    assert article.title == "Fishermen end protest over boat fees"
    assert article.published == "2020-03-10"
    assert article.published_source == "metadata"
    assert article.segments[0].role == "headline"
    assert _lines(article, "headline") == ["Fishermen end protest over boat fees"]
    assert _lines(article, "dateline") == ["Published: 2020-03-10"]
    assert _lines(article, "body") == PARAGRAPHS


def test_boilerplate_is_not_body(article: Segmentation) -> None:
    body = "\n".join(_lines(article, "body"))
    for junk in ("cookies", "Subscribe now", "Markets today", "Copyright", "Privacy policy", "Reply"):
        assert junk not in body
    assert "Privacy policy" not in article.text


def test_comment_thread_depths_parents_authors(article: Segmentation) -> None:
    got = [(c.comment_id, c.parent_id, c.depth, c.author) for c in article.comments]
    assert got == [
        ("c1", None, 0, "Wanjiru K."),
        ("c2", "c1", 1, "Omondi"),
        ("c3", "c2", 2, "Wanjiru K."),
        ("c4", None, 0, "promo account"),
    ]
    assert article.comments[0].posted_at == "2020-03-10T18:42"
    assert article.comments[0].text == "Good news for the lake communities.\nThe fee was far too high."
    assert article.comments[2].posted_at is None


def test_duplicate_comment_points_to_first(article: Segmentation) -> None:
    assert [c.duplicate_of for c in article.comments] == [None, None, None, "c1"]


def test_comments_are_not_body(article: Segmentation) -> None:
    body = "\n".join(_lines(article, "body"))
    assert "wait and see" not in body
    assert _lines(article, "comment")[0] == "Good news for the lake communities."


def test_offsets_are_exact(article: Segmentation) -> None:
    non_blank = [line for line in article.text.split("\n") if line.strip()]
    assert [article.text[s.start : s.end] for s in article.segments] == non_blank
    starts = [s.start for s in article.segments]
    assert starts == sorted(starts)
    for comment in article.comments:
        assert article.text[comment.start : comment.end] == comment.text


def test_comment_blocks_separated_by_blank_line(article: Segmentation) -> None:
    first, second = article.comments[0], article.comments[1]
    assert article.text[first.end : second.start] == "\n\n"


def test_no_date_means_unknown_not_today() -> None:
    seg = segment_html(_page())
    assert seg.published is None
    assert seg.published_source == "unknown"
    assert seg.spans("dateline") == []
    assert seg.comments == ()


def test_date_from_time_element() -> None:
    paragraphs = [*PARAGRAPHS[:1], '<time datetime="2019-11-02T10:00:00Z">2 November 2019</time>', *PARAGRAPHS[1:]]
    seg = segment_html(_page(paragraphs=paragraphs))
    assert seg.published == "2019-11-02"
    assert seg.published_source == "metadata"


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   \n\t ",
        "just some plain text, no markup at all",
        '{"json": "not html"}',
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_junk_input_raises_value_error(junk: str) -> None:
    with pytest.raises(ValueError):
        segment_html(junk)


def test_parse_comment_markup_classic_layout() -> None:
    html = """<html><body><ol class="commentlist">
    <li class="comment" id="li-comment-7"><div class="comment-body">
      <div class="comment-author vcard"><cite class="fn">Ingrid</cite> <span class="says">says:</span></div>
      <div class="comment-meta commentmetadata"><a href="#">May 2, 2018 at 9:15 am</a></div>
      <p>The bridge closure hurts the ferry towns most.</p><p>Reopen it soon.</p>
      <div class="reply"><a href="#">Reply</a></div></div>
      <ul class="children"><li class="comment" id="li-comment-8"><div class="comment-body">
        <div class="comment-author vcard"><cite class="fn">Bjorn</cite> says:</div>
        <p>Repairs take time.</p></div></li></ul>
    </li></ol></body></html>"""
    found = parse_comment_markup(lxml.html.fromstring(html))
    assert [(c.author, c.depth, c.text) for c in found] == [
        ("Ingrid", 0, "The bridge closure hurts the ferry towns most.\nReopen it soon."),
        ("Bjorn", 1, "Repairs take time."),
    ]
    assert found[1].parent_index == found[0].index
    assert found[0].posted_at is None


def test_parse_comment_markup_none_found() -> None:
    html = "<html><body><div class='comments-closed'><p>Comments are closed.</p></div></body></html>"
    assert parse_comment_markup(lxml.html.fromstring(html)) == []


def test_unrecognised_comment_markup_falls_back_to_flat_comments() -> None:
    comments = (
        '<div id="comments" class="comments-area"><h3>Comments</h3>'
        '<div class="entry"><p>First reader note about the licence fee decision.</p></div>'
        '<div class="entry"><p>Second reader note, much less happy about it.</p></div></div>'
    )
    seg = segment_html(_page(comments=comments))
    assert [(c.comment_id, c.depth, c.parent_id, c.text) for c in seg.comments] == [
        ("c1", 0, None, "First reader note about the licence fee decision."),
        ("c2", 0, None, "Second reader note, much less happy about it."),
    ]
    assert "Second reader note" not in "\n".join(_lines(seg, "body"))
