"""Dates and times written on a plain-text page: datelines, comment time stamps, parsing.

Two parsers, both deterministic and blind to the current date:

* :func:`stamp` reads a comment time stamp ("Mar 28, 2012 - 1:02PM", "3 April 2013 at 16:15")
  with compiled patterns only; it runs once per comment, so it must be cheap. Relative stamps
  ("2 hours ago") have no anchor on the page and give ``None``.
* :func:`page_date` reads the publication date of a dateline with ``dateparser`` (settings
  that require day, month and year and pin the relative base), once per page;
  :func:`lede_date` reads it from a wire-style lede that opens the body ("BANGKOK, 22 May 2014 – ...").
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache

import dateparser

from storyline.segment.lines import Line, matches

logger = logging.getLogger(__name__)

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{MONTH}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d))\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?)?(?![\w:])",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"^(?:about |posted |updated )?(?:\d+|an?|one|a few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|"
    r"month|year)s?\s+ago\.?$|^(?:yesterday|today|just now)(?:\s+at\s+.*)?$",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(
    r"(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:at|on|posted|updated|published|edited)\b)"
    r"|\b(?:[A-Z]{2,4}T?|UTC|GMT)\b|[-–—|,/@:()\s]",
)
_YEAR_HINT = re.compile(r"(?:1[89]|20)\d\d")
_BYLINE_RE = re.compile(r"^(?:posted\s+|written\s+|reported\s+)?by\s+\S", re.IGNORECASE)
_PLACE_RE = re.compile(r"[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}")
_LEDE_TAIL_RE = re.compile(r"\s*(?:\([\w .&-]{2,30}\)\s*)?(?:[-–—]{1,2}|:)\s")
_SOURCE_WORDS = 4
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": datetime(1900, 1, 1),
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "MDY",
}


@lru_cache(maxsize=65536)
def is_time_line(text: str) -> bool:
    """Whether a line holds nothing but a date and/or time ("Mar 28, 2012 - 1:02PM", "2 hours ago")."""
    if len(text) > 60:
        return False
    if _RELATIVE_RE.match(text.strip()):
        return True
    has_date = _YEAR_HINT.search(text) is not None and DATE_RE.search(text) is not None
    rest = DATE_RE.sub(" ", text)
    has_time = _clock(rest) is not None
    if not (has_date or has_time):
        return False
    rest = TIME_RE.sub(" ", rest) if has_time else rest
    return not _FILLER_RE.sub("", rest)


def is_dateline(line: Line) -> bool:
    """Whether a line is publication metadata: "Published: ...", a bare date, "By X | Updated ..."."""
    if line.words > 24 or not _YEAR_HINT.search(line.text) or DATE_RE.search(line.text) is None:
        return False
    if matches("dateline_prefix", line.text) or is_time_line(line.text) or _place_and_date(line.text) \
            or _date_and_source(line.text):
        return True
    return bool(_BYLINE_RE.match(line.text)) and len(line.text) <= 140


def _place_and_date(text: str) -> bool:
    """A place name before a bare date: "Oslo, 14 May 2015", "NAIROBI | March 3, 2013"."""
    found = DATE_RE.search(text)
    if found is None or found.start() == 0:
        return False
    place = text[: found.start()].rstrip(" ,|-–—:")
    return bool(_PLACE_RE.fullmatch(place)) and is_time_line(text[found.start():])


def _date_and_source(text: str) -> bool:
    """A bare date before the name of the outlet it comes from: "18 March 2014 BBC Online"."""
    text = text.strip()
    found = DATE_RE.match(text)
    if found is None:
        return False
    source = text[found.end():].strip(" ,|-–—:")
    return bool(source) and len(source.split()) <= _SOURCE_WORDS and bool(_PLACE_RE.fullmatch(source))


def lede_date(text: str) -> str | None:
    """ISO day of the full date in a wire-style lede: place, date, an optional agency, then a dash or
    colon ("LUSAKA, 3 March 2019 – Police said ...", "Oslo, May 14, 2015 (AP) - ..."); None otherwise.

    News agencies open a report with the place and day it was filed, so the day is the page's own.
    """
    found = DATE_RE.search(text, 0, 80)
    if found is None or found.start() == 0:
        return None
    place = text[: found.start()].rstrip(" ,")
    if not _PLACE_RE.fullmatch(place) or not _LEDE_TAIL_RE.match(text, found.end()):
        return None
    return _dateparser_day(found.group(0))


def stamp(text: str) -> str | None:
    """ISO date-time ("2012-03-28T13:02") of a time stamp, the date alone where no clock shows."""
    found = DATE_RE.search(text)
    if found is None:
        return None
    day = _iso_day(found)
    if day is None:
        return None
    clock = _clock(text[: found.start()] + " " + text[found.end():])
    return f"{day}T{clock}" if clock else day


def page_date(text: str) -> str | None:
    """ISO day of the first full date in a dateline, parsed with dateparser; None if none."""
    found = DATE_RE.search(text)
    if found is None:
        return None
    return _dateparser_day(found.group(0))


@lru_cache(maxsize=4096)
def _dateparser_day(date_text: str) -> str | None:
    parsed = dateparser.parse(date_text, languages=["en"], settings=_SETTINGS)
    if parsed is None:
        logger.debug("dateparser could not read %r", date_text)
        return None
    return parsed.date().isoformat()


def _iso_day(found: re.Match[str]) -> str | None:
    g = found.groupdict()
    year = g["y1"] or g["y2"] or g["y3"]
    day = g["d1"] or g["d2"] or g["d3"]
    month_name = g["m1"] or g["m2"]
    month = _MONTHS.index(month_name[:3].lower()) + 1 if month_name else int(g["m3"])
    day_num = int(re.sub(r"\D", "", day))
    try:
        return datetime(int(year), month, day_num).date().isoformat()
    except ValueError:
        return None


def _clock(text: str) -> str | None:
    for found in TIME_RE.finditer(text):
        hour, minute, ampm = found.group("h"), found.group("mi"), found.group("ap")
        if minute is None and ampm is None:
            continue
        h = int(hour)
        if ampm:
            if h > 12:
                continue
            h = h % 12 + (12 if ampm[0].lower() == "p" else 0)
        if h > 23:
            continue
        return f"{h:02d}:{minute or '00'}"
    return None
