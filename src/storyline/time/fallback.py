"""Dates the grammar hands to dateparser: numeric forms ('7/8/07') and whole expressions it cannot read."""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache

from dateparser.date import DateDataParser

from storyline.time.expression import Resolution, Tense

log = logging.getLogger(__name__)

_PERIODS = {"day": "day", "month": "month", "year": "year", "week": "week", "time": "time"}
_NO_ANCHOR_BASE = dt.datetime(1900, 1, 1)


@cache
def _parser(base: dt.datetime, prefer: str) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "DATE_ORDER": "MDY",
                "RETURN_TIME_AS_PERIOD": True, "STRICT_PARSING": False}
    return DateDataParser(languages=["en"], settings=settings)


def _format(moment: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.date().isoformat()


def parse_absolute(expression: str, *, anchor: dt.date | None, tense: Tense | None = None) -> Resolution | None:
    """Parse ``expression`` with dateparser relative to the anchor; None when it reads no date.

    Without an anchor a result that depended on the (fake) base date is dropped.
    """
    prefer = "future" if tense == "future" else "past"
    base = dt.datetime.combine(anchor, dt.time(12)) if anchor else _NO_ANCHOR_BASE
    try:
        data = _parser(base, prefer).get_date_data(expression)
    except (ValueError, OverflowError) as e:
        log.debug("dateparser failed on %r: %s", expression, e)
        return None
    if data.date_obj is None:
        return None
    period = _PERIODS.get(data.period or "day", "day")
    if anchor is None and data.date_obj.year == _NO_ANCHOR_BASE.year:
        return Resolution(value=None, precision=period, kind="date")  # type: ignore[arg-type]
    kind = "time" if period == "time" else "date"
    return Resolution(value=_format(data.date_obj, period), precision=period, kind=kind)  # type: ignore[arg-type]
