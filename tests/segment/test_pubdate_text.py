"""Dates and times on plain-text pages: time lines, datelines, stamps, publication dates."""

from __future__ import annotations

import pytest

from storyline.segment.lines import split_lines
from storyline.segment.pubdate import is_dateline, is_time_line, lede_date, page_date, stamp
from storyline.segment.text import segment_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 28, 2012 - 1:02PM", "2012-03-28T13:02"),
        ("March 3, 2013 at 4:15 pm", "2013-03-03T16:15"),
        ("Thu 9 Feb 2017, 4:27 PM", "2017-02-09T16:27"),
        ("2014-07-09 22:40", "2014-07-09T22:40"),
        ("12 May 2016 - 12:05AM", "2016-05-12T00:05"),
        ("9 October 2011", "2011-10-09"),
        ("2 hours ago", None),
        ("Feb 30, 2012 - 1:00PM", None),
    ],
)
def test_stamp(text: str, expected: str | None) -> None:
    assert stamp(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 28, 2012 - 1:02PM", True),
        ("3 days ago", True),
        ("yesterday at 10:15 pm", True),
        ("Tuesday, 4 June 2019", True),
        ("Tony C.", False),
        ("I met him on March 3, 2013 at 4:15 pm in Quito", False),
    ],
)
def test_is_time_line(text: str, expected: bool) -> None:
    assert is_time_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: March 28, 2012", "2012-03-28"),
        ("Posted on 3 April 2013", "2013-04-03"),
        ("Updated Mar 5, 2012 09:14 GMT", "2012-03-05"),
        (" date 2012-03-28", "2012-03-28"),
        ("By Ana Ferreira | Updated Mar 5, 2014 09:14 GMT", "2014-03-05"),
        ("Quito, 14 May 2015", "2015-05-14"),
        ("Last updated: 1st January 2020", "2020-01-01"),
    ],
)
def test_datelines_and_their_dates(text: str, expected: str) -> None:
    (line,) = split_lines(text)
    assert is_dateline(line)
    assert page_date(line.text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The treaty signed on March 28, 2012 ended a decade of disputes between the two neighbours and opened trade.",
        "Published reports said the minister resigned.",
        "By the end of the week the talks had collapsed.",
    ],
)
def test_not_datelines(text: str) -> None:
    (line,) = split_lines(text)
    assert not is_dateline(line)


def test_page_date_never_uses_today() -> None:
    assert page_date("Updated 2 hours ago") is None
    assert page_date("Posted today") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LUSAKA, 3 March 2019 – Police said the union leaders had been detained.", "2019-03-03"),
        ("MOMBASA, Kenya, August 2, 2018 (Reuters) - Dockworkers walked out over unpaid wages.", "2018-08-02"),
        ("Quito, May 14, 2015: The talks ended without an agreement.", "2015-05-14"),
        ("In Quito on May 14, 2015 - the talks ended.", None),
        ("He said on 3 May 2014 – without giving details – that talks would resume.", None),
        ("LUSAKA, 3 March – Police said", None),
    ],
)
def test_lede_date(text: str, expected: str | None) -> None:
    assert lede_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("18 March 2014 BBC Online", True), ("March 18, 2014 Reuters", True),
     ("18 March 2014 the rebels entered the capital", False)],
)
def test_date_before_its_source_is_a_dateline(text: str, expected: bool) -> None:
    (line,) = split_lines(text)
    assert is_dateline(line) is expected


def test_page_dated_by_its_wire_lede() -> None:
    page = ("Strike leaders held\n\nLUSAKA, 3 March 2019 – Police said the union leaders had been detained "
            "overnight. A spokesman said the arrests were needed to keep order.\n\nThe detentions followed a week "
            "of strikes at the copper mines, which had halted exports.\n")
    seg = segment_text(page)
    assert (seg.published, seg.published_source) == ("2019-03-03", "page")


def test_lede_date_never_overrides_a_dateline() -> None:
    page = ("Strike leaders held\nPublished: March 4, 2019\n\nLUSAKA, 3 March 2019 – Police said the union "
            "leaders had been detained overnight. A spokesman said the arrests were needed to keep order.\n")
    assert segment_text(page).published == "2019-03-04"
