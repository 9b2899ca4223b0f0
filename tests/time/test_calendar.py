"""Calendar arithmetic and TIMEX3 formatting."""

import datetime as dt

from storyline.time import calendar as cal


def test_weekday_directions() -> None:
    sat = dt.date(2018, 2, 3)
    assert cal.resolve_weekday(sat, 5, direction="past") == sat
    assert cal.resolve_weekday(sat, 5, direction="past", strict=True) == dt.date(2018, 1, 27)
    assert cal.resolve_weekday(sat, 0, direction="future") == dt.date(2018, 2, 5)


def test_month_day_handles_leap_days_and_nearest() -> None:
    anchor = dt.date(2018, 3, 1)
    assert cal.resolve_month_day(anchor, 2, 29, direction="past") == dt.date(2016, 2, 29)
    assert cal.resolve_month_day(anchor, 12, 30, direction="nearest") == dt.date(2017, 12, 30)
    assert cal.resolve_month_day(anchor, 2, 30, direction="past") is None


def test_shifts_and_values() -> None:
    assert cal.shift_month(2018, 1, -2) == (2017, 11)
    assert cal.shift_quarter(2018, 1, -1) == (2017, 4)
    assert cal.week_value(dt.date(2021, 1, 1)) == "2020-W53"
    assert cal.duration_value(30, "minute") == "PT30M"
    assert cal.duration_value(1, "decade") == "P10Y"
    assert cal.duration_value(None, "year") == "PXY"
    assert cal.two_digit_year(82, dt.date(2008, 1, 1)) == 1982
    assert cal.two_digit_year(9, dt.date(2008, 1, 1)) == 2009
