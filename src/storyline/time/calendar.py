"""Calendar arithmetic on an anchor date and TIMEX3 value formatting (no parsing here)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Direction = Literal["past", "future", "nearest"]


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` months after (or before, when negative) the given one."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def _pick(anchor: dt.date, candidates: list[dt.date], direction: Direction, strict: bool) -> dt.date:
    if direction == "past":
        allowed = [c for c in candidates if c < anchor or (c == anchor and not strict)]
        return max(allowed)
    if direction == "future":
        allowed = [c for c in candidates if c > anchor or (c == anchor and not strict)]
        return min(allowed)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def resolve_weekday(anchor: dt.date, weekday: int, *, direction: Direction, strict: bool = False) -> dt.date:
    """The date of ``weekday`` (Monday = 0) nearest the anchor in the given direction."""
    base = anchor - dt.timedelta(days=anchor.weekday() - weekday)
    candidates = [base + dt.timedelta(days=7 * k) for k in (-2, -1, 0, 1, 2)]
    return _pick(anchor, candidates, direction, strict)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_month_day(anchor: dt.date, month: int, day: int, *, direction: Direction) -> dt.date | None:
    """The date of ``month``/``day`` (no year given) nearest the anchor in the given direction."""
    years = range(anchor.year - 4, anchor.year + 5)
    candidates = [d for d in (_safe_date(y, month, day) for y in years) if d is not None]
    if not candidates:
        return None
    return _pick(anchor, candidates, direction, strict=False)


def resolve_month(anchor: dt.date, month: int, *, direction: Direction, strict: bool = False) -> tuple[int, int]:
    """The (year, month) of a month name given without a year, seen from the anchor."""
    first = anchor.replace(day=1)
    candidates = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    picked = _pick(first, candidates, direction, strict)
    return picked.year, picked.month


def resolve_quarter(anchor: dt.date, quarter: int, *, direction: Direction) -> tuple[int, int]:
    """The (year, quarter) of 'the third quarter' without a year, seen from the anchor."""
    current = quarter_of(anchor.month)
    if direction == "past" and quarter > current:
        return anchor.year - 1, quarter
    if direction == "future" and quarter < current:
        return anchor.year + 1, quarter
    return anchor.year, quarter


def decade_value(year: int) -> str:
    return f"{year // 10:03d}"


def two_digit_year(short: int, anchor: dt.date | None) -> int:
    """A full year for ``'82`` or ``'09``: the latest year with those digits not far after the anchor."""
    today = anchor.year if anchor else 2000
    for century in (today // 100 * 100, today // 100 * 100 - 100):
        if century + short <= today + 10:
            return century + short
    return today // 100 * 100 + short


def format_number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


_DATE_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}
_TIME_UNITS = {"hour": "H", "minute": "M", "second": "S"}


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P4Y``, ``PT30M``, ``P10Y`` for a decade, ``PXY`` when the amount is vague."""
    if unit in ("decade", "century"):
        scale = 10 if unit == "decade" else 100
        return f"P{format_number(amount * scale)}Y" if amount is not None else f"PX{'DE' if scale == 10 else 'CE'}"
    number = "X" if amount is None else format_number(amount)
    if unit in _TIME_UNITS:
        return f"PT{number}{_TIME_UNITS[unit]}"
    return f"P{number}{_DATE_UNITS[unit]}"
