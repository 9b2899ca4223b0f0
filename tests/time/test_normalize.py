"""normalize(): one expression, its TIMEX3 value and precision against an anchor."""

import datetime as dt

import pytest

from storyline.time import normalize

WED = dt.date(2012, 3, 28)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("Wednesday", "2012-03-28", "day"),
        ("November 26", "2011-11-26", "day"),
        ("26 November", "2011-11-26", "day"),
        ("four months ago", "2011-11", "month"),
        ("two years ago", "2010", "year"),
        ("last May", "2011-05", "month"),
        ("on Thursday", "2012-03-22", "day"),
        ("in February", "2012-02", "month"),
        ("yesterday", "2012-03-27", "day"),
        ("today", "2012-03-28", "day"),
        ("last night", "2012-03-27TNI", "time"),
        ("this morning", "2012-03-28TMO", "time"),
        ("tonight", "2012-03-28TNI", "time"),
        ("last year", "2011", "year"),
        ("next month", "2012-04", "month"),
        ("earlier this week", "2012-W13", "week"),
        ("this year", "2012", "year"),
        ("in 2011", "2011", "year"),
        ("the 1990s", "199", "decade"),
        ("March 2012", "2012-03", "month"),
        ("July 3, 2012", "2012-07-03", "day"),
        ("3 July 2012", "2012-07-03", "day"),
        ("2012-03-28", "2012-03-28", "day"),
        ("the day before", "2012-03-27", "day"),
        ("a day after", "2012-03-29", "day"),
        ("the third quarter of 2010", "2010-Q3", "quarter"),
    ],
)
def test_acceptance_examples_in_past_context(expression: str, value: str, precision: str) -> None:
    assert normalize(expression, anchor=WED, tense="past") == (value, precision)


@pytest.mark.parametrize(
    ("expression", "anchor", "value"),
    [
        ("on Monday", dt.date(2019, 7, 10), "2019-07-15"),
        ("Friday", dt.date(2019, 7, 10), "2019-07-12"),
        ("in February", dt.date(2019, 7, 10), "2020-02"),
        ("June 1", dt.date(2019, 7, 10), "2020-06-01"),
        ("Wednesday", dt.date(2019, 7, 10), "2019-07-10"),
    ],
)
def test_future_tense_looks_forward(expression: str, anchor: dt.date, value: str) -> None:
    assert normalize(expression, anchor=anchor, tense="future")[0] == value


def test_other_anchor_past_default() -> None:
    anchor = dt.date(2021, 1, 4)  # a Monday in the first ISO week of 2021
    assert normalize("Sunday", anchor=anchor) == ("2021-01-03", "day")
    assert normalize("last December", anchor=anchor) == ("2020-12", "month")
    assert normalize("December 30", anchor=anchor) == ("2020-12-30", "day")
    assert normalize("last week", anchor=anchor) == ("2020-W53", "week")
    assert normalize("next Friday", anchor=anchor) == ("2021-01-08", "day")


def test_without_anchor_absolute_dates_resolve_and_relative_ones_do_not() -> None:
    assert normalize("5 October 1998", anchor=None) == ("1998-10-05", "day")
    assert normalize("yesterday", anchor=None) is None
    assert normalize("last May", anchor=None) is None


def test_dateparser_reads_numeric_dates() -> None:
    assert normalize("10/31/2016", anchor=None) == ("2016-10-31", "day")


def test_unreadable_expression_is_none() -> None:
    assert normalize("the committee", anchor=WED) is None
