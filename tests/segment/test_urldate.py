"""Dates written in URLs: full days, compact days, months, and the window an undated page gets."""

from datetime import date

import pytest

from storyline.segment.urldate import url_date, url_month, writing_window


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.wire.example/2014/06/05/ministers-agree/", "2014-06-05"),
    ("https://www.wire.example/news/20140605/ministers-agree.html", "2014-06-05"),  # YYYYMMDD
    ("https://www.review.example/21062016-border-clash-analysis/", "2016-06-21"),  # DDMMYYYY, one reading
    ("https://www.review.example/05062016-border-clash/", None),  # 5 June or 6 May: no guess
    ("https://www.radio.example/a/general-visit/24476778.html", None),  # an article number
    ("https://www.wire.example/2014/06/ministers-agree/", None),  # a month is not a day
    ("https://www.wire.example/world/ministers-agree", None),
    (None, None),
])
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("http://blog.example/2012/02/general-to-visit.html", (2012, 2)),
    ("https://www.wire.example/2014/06/05/ministers-agree/", (2014, 6)),
    ("https://www.paper.example/story/2015/11/plane-shot-down-216172", (2015, 11)),
    ("https://www.paper.example/2015/13/not-a-month", None),
    ("https://www.paper.example/1815/06/waterloo", None),  # outside the years news URLs carry
    ("https://www.paper.example/page/2/", None),
])
def test_url_month(url: str, expected: tuple[int, int] | None) -> None:
    assert url_month(url) == expected


def test_writing_window_keeps_an_undated_page_inside_its_url_month() -> None:
    url = "http://blog.example/2012/02/general-to-visit.html"
    feb_1, feb_29 = date(2012, 2, 1), date(2012, 2, 29)
    assert writing_window(None, None, url=url) == (feb_1, feb_29)
    assert writing_window(date(2012, 2, 10), date(2012, 2, 12), url=url) == (date(2012, 2, 10), date(2012, 2, 12))
    # a day the page looks back to (last November's strike) does not move its window out of February
    assert writing_window(date(2011, 11, 26), None, url=url) == (feb_1, feb_29)
    # without a URL month: the latest named day and the first comment, as before
    assert writing_window(date(2011, 11, 26), None, url=None) == (date(2011, 11, 26), None)
