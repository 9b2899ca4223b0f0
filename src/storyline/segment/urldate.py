"""Dates written in a page's URL: a full day (a publication date) or only a year and month (a window).

* :func:`url_date`: a full date. htmldate reads the separated forms (``/2011/11/26/``, ``2011-11-26``);
  a compact eight-digit run that is a path segment or opens one (``/20111126/``, ``/21062016-title``)
  is read as year-month-day, day-month-year or month-day-year when exactly one reading is a valid
  date between 1990 and 2099 (``05062016`` could be 5 June or 6 May and gives nothing).
* :func:`url_month`: the year and month a URL's path names (``/2012/02/title.html``), or the month
  of its full date. A page is published in that month: :func:`writing_window` keeps an undated
  page's date window inside it.

Both are blind to the current date and never guess: no match, no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from urllib.parse import urlsplit

from htmldate import find_date

_COMPACT_RE = re.compile(r"(?:^|/)(\d{8})(?=$|[/_.-])")
_MONTH_RE = re.compile(r"(?:^|/)((?:199|20\d)\d)/(0[1-9]|1[0-2])(?=/|$)")
FIRST_YEAR, LAST_YEAR = 1990, 2099


def url_date(url: str | None) -> str | None:
    """The full publication date written in ``url`` as ISO ``YYYY-MM-DD``, else ``None``."""
    if not url:
        return None
    found = find_date("<html></html>", url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return found or _compact_date(_path(url))


def url_month(url: str | None) -> tuple[int, int] | None:
    """``(year, month)`` the URL's path names (``/2012/02/``), or the month of its full date; else ``None``."""
    if not url:
        return None
    day = url_date(url)
    if day:
        return int(day[:4]), int(day[5:7])
    match = _MONTH_RE.search(_path(url))
    return (int(match[1]), int(match[2])) if match else None


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _compact_date(path: str) -> str | None:
    """The one valid reading of a compact eight-digit date segment (``YYYYMMDD``, ``DDMMYYYY``, ``MMDDYYYY``)."""
    for match in _COMPACT_RE.finditer(path):
        digits = match[1]
        readings = {
            found for found in (
                _day(digits[:4], digits[4:6], digits[6:]),
                _day(digits[4:], digits[2:4], digits[:2]),
                _day(digits[4:], digits[:2], digits[2:4]),
            ) if found
        }
        if len(readings) == 1:
            return readings.pop().isoformat()
    return None


def _day(year: str, month: str, day: str) -> date | None:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def writing_window(named: date | None, first_comment: date | None, *,
                   url: str | None = None) -> tuple[date | None, date | None]:
    """When an undated page can have been written: no earlier than the latest day it names, no later than
    its first comment's day, and inside the month its URL names when it names one (a named day outside
    that month is a day the page looks back or ahead to, not its own)."""
    month = url_month(url)
    if month is None:
        return named, first_comment
    start = date(month[0], month[1], 1)
    end = date(month[0], month[1], calendar.monthrange(*month)[1])
    lower = named if named and start <= named <= end else start
    upper = first_comment if first_comment and lower <= first_comment <= end else end
    return lower, upper
