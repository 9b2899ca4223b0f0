"""The rules of the time grammar: one pattern and one resolver each.

A resolver turns a regex match into a :class:`Resolution`, using the :class:`Context` for the anchor
(publication date), the reference date (the last day the text mentioned) and the governing tense.
When a pattern has a group named ``t``, that group is the expression's span (``in 2011`` → ``2011``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from storyline.time import calendar as cal
from storyline.time.expression import Resolution, Tense
from storyline.time.fallback import parse_absolute
from storyline.time.grammar import END, ORD_SUFFIX, START, compile_pattern, fragments
from storyline.time.lexicon import lexicon

_REL = r"(?i:last|next|this|past|coming|previous)"
_PREPOSITIONS = frozenset({"in", "of", "since", "until", "till", "by", "from", "through", "during", "before",
                           "after", "to", "between", "and", "on", "early", "late", "mid", "last", "next",
                           "this", "that", "every", "each", "for"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What a resolver may look at besides its match."""

    text: str
    anchor: dt.date | None
    reference: dt.date | None
    tense: Callable[[], Tense | None]


Resolver = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


# --- small helpers -------------------------------------------------------------------------------


def _date(value: str | None, precision: str | None) -> Resolution:
    return Resolution(value=value, precision=precision, kind="date")  # type: ignore[arg-type]


def _month_number(word: str) -> int:
    return lexicon().months[word.rstrip(".")]


def parse_number(words: str) -> float | None:
    """``'4'`` → 4, ``'twenty-five'`` → 25, ``'a'`` → 1; None for vague amounts ('several')."""
    cleaned = words.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    numbers = lexicon().numbers
    if cleaned in numbers:
        return float(numbers[cleaned])
    parts = re.split(r"[\s-]+", cleaned)
    if parts and all(p in numbers for p in parts):
        return float(sum(numbers[p] for p in parts))
    return None


def _direction(tense: Tense | None, *, default: cal.Direction) -> cal.Direction:
    if tense == "future":
        return "future"
    if tense == "past":
        return "past"
    return default


def _previous_word(text: str, start: int) -> str:
    words = re.findall(r"[\w'-]+", text[max(0, start - 20) : start])
    return words[-1].lower() if words else ""


def _shift(anchor: dt.date, unit: str, amount: int) -> Resolution:
    """The date ``amount`` units after the anchor, at the unit's precision (weeks and days give a day)."""
    if unit in ("day", "week"):
        return _date(cal.day_value(anchor + dt.timedelta(days=amount * (7 if unit == "week" else 1))), "day")
    if unit == "month":
        return _date(cal.month_value(*cal.shift_month(anchor.year, anchor.month, amount)), "month")
    if unit == "quarter":
        year, quarter = cal.shift_quarter(anchor.year, cal.quarter_of(anchor.month), amount)
        return _date(f"{year:04d}-Q{quarter}", "quarter")
    years = amount * {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    return _date(f"{anchor.year + years:04d}", "year")


def _calendar_unit(anchor: dt.date, unit: str, offset: int) -> Resolution | None:
    """'last week', 'this month', 'next year': the calendar unit ``offset`` steps from the anchor's."""
    if unit == "week":
        return _date(cal.week_value(anchor + dt.timedelta(weeks=offset)), "week")
    if unit == "weekend":
        return _date(cal.week_value(anchor + dt.timedelta(weeks=offset)) + "-WE", "week")
    if unit == "day":
        return _date(cal.day_value(anchor + dt.timedelta(days=offset)), "day")
    if unit == "decade":
        return _date(cal.decade_value(anchor.year + 10 * offset), "decade")
    if unit == "century":
        return _date(f"{anchor.year // 100 + offset:02d}", "century")
    return _shift(anchor, unit, offset)


# --- absolute dates --------------------------------------------------------------------------------


def _resolve_iso(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = _valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"] is None:
        return _date(day.isoformat(), "day")
    zone = "Z" if m["z"] in ("Z", "+00:00", "+0000") else ""
    return Resolution(value=f"{day.isoformat()}T{m['H']}:{m['M']}{zone}", precision="time", kind="time")


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_full_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = _valid_date(int(m["year"]), _month_number(m["month"]), int(m["day"]))
    return _date(day.isoformat(), "day") if day else None


def _resolve_month_day(m: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return _date(None, "day") if _valid_date(2000, month, day) else None
    picked = cal.resolve_month_day(ctx.anchor, month, day, direction=_direction(ctx.tense(), default="nearest"))
    return _date(picked.isoformat(), "day") if picked else None


def _resolve_month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _date(cal.month_value(int(m["year"]), _month_number(m["month"])), "month")


def _resolve_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    word, rel = m["month"], (m["rel"] or "").lower()
    if word in lexicon().ambiguous_months and not rel and not m["mod"]:
        if _previous_word(ctx.text, m.start("t")) not in _PREPOSITIONS:
            return None
    if ctx.anchor is None:
        return _date(None, "month")
    month = _month_number(word)
    if rel in ("last", "past", "previous"):
        year, month = cal.resolve_month(ctx.anchor, month, direction="past", strict=True)
    elif rel in ("next", "coming"):
        year, month = cal.resolve_month(ctx.anchor, month, direction="future", strict=True)
    elif rel == "this":
        year = ctx.anchor.year
    else:
        direction = "future" if ctx.tense() == "future" else "past"
        year, month = cal.resolve_month(ctx.anchor, month, direction=direction)
    return _date(cal.month_value(year, month), "month")


def _resolve_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _date(m["year"], "year")


def _resolve_short_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _date(f"{cal.two_digit_year(int(m['yy']), ctx.anchor):04d}", "year")


def _resolve_decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    digits = m["dec"].lstrip("'’")
    after_list = _previous_word(ctx.text, m.start()) in ("and", "or", "to", "through")
    if len(digits) == 2 and digits == m["dec"] and not (m["the"] or m["mod"] or after_list):
        return None
    year = int(digits) if len(digits) == 4 else cal.two_digit_year(int(digits), ctx.anchor)
    return _date(cal.decade_value(year), "decade")


def _resolve_numeric(m: re.Match[str], ctx: Context) -> Resolution | None:
    return parse_absolute(m.group(0), anchor=ctx.anchor)


# --- weekdays, day words, parts of day ------------------------------------------------------------


def _weekday_date(word: str, rel: str, ctx: Context) -> dt.date | None:
    if ctx.anchor is None:
        return None
    weekday = lexicon().weekdays[word]
    if rel in ("last", "past", "previous"):
        return cal.resolve_weekday(ctx.anchor, weekday, direction="past", strict=True)
    if rel in ("next", "coming"):
        return cal.resolve_weekday(ctx.anchor, weekday, direction="future", strict=True)
    tense = ctx.tense()
    direction: cal.Direction = "future" if tense == "future" else "past"
    return cal.resolve_weekday(ctx.anchor, weekday, direction=direction)


def _with_part_of_day(day: dt.date | None, part: str | None) -> Resolution:
    if part is None:
        return _date(day.isoformat() if day else None, "day")
    code = lexicon().parts_of_day[part.lower()]
    return Resolution(value=f"{day.isoformat()}T{code}" if day else None, precision="time", kind="time")


def _named_day(text: str, start: int) -> bool:
    """'Black Monday', 'Good Friday': a named day, not a date to resolve."""
    found = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 20) : start])
    return bool(found and found.group(1) in lexicon().named_day_prefixes)


def _resolve_weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    if not m["rel"] and _named_day(ctx.text, m.start()):
        return None
    day = _weekday_date(m["weekday"], (m["rel"] or "").lower(), ctx)
    return _with_part_of_day(day, m["pod"])


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def _resolve_day_word(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    day = ctx.anchor + dt.timedelta(days=_DAY_WORDS[word]) if ctx.anchor else None
    part = m["pod"] or ("night" if word == "tonight" else None)
    return _with_part_of_day(day, part)


def _resolve_this_part(m: re.Match[str], ctx: Context) -> Resolution | None:
    offset = -1 if m["rel"].lower() == "last" else 0
    day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
    return _with_part_of_day(day, m["pod"])


# --- relative units ---------------------------------------------------------------------------------


def _amount(m: re.Match[str]) -> float | None:
    amount = parse_number(m["num"]) if m["num"] else 1.0
    if amount is not None and m["half"]:
        amount += 0.5
    return amount


def _unit(m: re.Match[str]) -> str:
    return lexicon().units[m["unit"].lower()]


def _resolve_ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    amount, unit = _amount(m), _unit(m)
    if amount is None or ctx.anchor is None or unit in ("hour", "minute", "second"):
        return _date(None, None if amount is None else "day")
    return _shift(ctx.anchor, unit, -int(amount))


def _resolve_from_reference(m: re.Match[str], ctx: Context) -> Resolution | None:
    amount, unit = _amount(m), _unit(m)
    if amount is None or unit in ("hour", "minute", "second"):
        return None
    sign = -1 if m["dir"].lower() in ("earlier", "before", "previously") else 1
    if ctx.reference is None:
        return _date(None, "day")
    return _shift(ctx.reference, unit, sign * int(amount))


def _resolve_calendar_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    rel = m["rel"].lower()
    offset = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    unit = m["cunit"].lower()
    if ctx.anchor is None:
        return _date(None, "week" if unit == "weekend" else unit)  # type: ignore[arg-type]
    return _calendar_unit(ctx.anchor, unit, offset)


def _resolve_reference_unit(m: re.Match[str], ctx: Context) -> Resolution | None:
    rel = m["rel"].lower()
    offset = {"previous": -1, "preceding": -1, "following": 1, "next": 1, "before": -1, "after": 1}.get(rel, 0)
    if ctx.reference is None:
        return _date(None, "day")
    return _calendar_unit(ctx.reference, m["cunit"].lower(), offset)


def _resolve_quarter(m: re.Match[str], ctx: Context) -> Resolution | None:
    quarter = lexicon().ordinals[m["ord"].lower()] if m["ord"] else int(m["q"])
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return _date(None, "quarter")
    elif m["rel"]:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    elif quarter == -1:
        year, quarter = cal.shift_quarter(ctx.anchor.year, cal.quarter_of(ctx.anchor.month), -1)
    else:
        direction = _direction(ctx.tense(), default="nearest")
        year, quarter = cal.resolve_quarter(ctx.anchor, quarter, direction=direction)
    if quarter == -1:
        quarter = 4
    return _date(f"{year:04d}-Q{quarter}", "quarter")


def _resolve_season(m: re.Match[str], ctx: Context) -> Resolution | None:
    word, rel = m["season"].lower(), (m["rel"] or "").lower()
    if word == "fall" and not (rel or m["year"] or m["season"][0] == "F"):
        return None
    code = lexicon().seasons[word]
    if m["year"]:
        return _date(f"{m['year']}-{code}", "season")
    if ctx.anchor is None:
        return _date(None, "season")
    year = ctx.anchor.year + {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return _date(f"{year:04d}-{code}", "season")


# --- clock times --------------------------------------------------------------------------------------


def _hour(hour: int, ampm: str | None) -> int | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    return hour if 0 <= hour <= 24 else None


def _clock_day(m: re.Match[str], ctx: Context) -> dt.date | None:
    if m["dayword"]:
        word = m["dayword"].lower()
        if word in _DAY_WORDS:
            return ctx.anchor + dt.timedelta(days=_DAY_WORDS[word]) if ctx.anchor else None
        return _weekday_date(m["dayword"], "", ctx)
    return ctx.reference


def _resolve_clock(m: re.Match[str], ctx: Context) -> Resolution | None:
    groups = m.groupdict()
    hour = _hour(int(groups["h"]), groups.get("ampm"))
    minute = int(groups["min"]) if groups.get("min") else 0
    if hour is None or minute > 59:
        return None
    day = _clock_day(m, ctx)
    zone = lexicon().timezones.get(groups.get("tz") or "", "")
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}" if day else None
    return Resolution(value=value, precision="time", kind="time")


# --- durations, sets, vague references -----------------------------------------------------------


def _resolve_duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    amount = _amount(m)
    unit = _unit(m)
    if amount is None or amount == 0:
        return None
    if m["num"] and m["num"].lower() in ("a", "an") and unit in ("quarter", "second"):
        return None
    return Resolution(value=cal.duration_value(amount, unit), precision=None, kind="duration")


def _resolve_the_day(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _date(cal.day_value(ctx.reference) if ctx.reference else None, "day")


def _resolve_set(m: re.Match[str], ctx: Context) -> Resolution | None:
    value = lexicon().sets[re.sub(r"\s+", " ", m["t"].lower())]
    return Resolution(value=value, precision=None, kind="set")


def _resolve_fuzzy(m: re.Match[str], ctx: Context) -> Resolution | None:
    value = lexicon().fuzzy[re.sub(r"\s+", " ", m["t"].lower())]
    return Resolution(value=value, precision="vague", kind="date")


# --- the rule table ------------------------------------------------------------------------------


def _patterns() -> list[tuple[str, str, Resolver]]:
    f = fragments()
    month, day = rf"(?P<month>{f.month})", rf"(?P<day>\d{{1,2}}){ORD_SUFFIX}"
    lead_weekday = rf"(?:{f.weekday},?\s+)?"
    year = r"(?P<year>1\d{3}|20\d{2})"
    mod = rf"(?:(?P<mod>(?i:{f.modifier}))[\s-]+)?"
    num = rf"(?P<num>(?i:{f.number}))(?P<half>\s+and\s+a\s+half)?"
    unit = rf"(?:(?i:{f.unit_adjective})\s+)?(?P<unit>(?i:{f.unit}))"
    pod = rf"(?:\s+(?P<pod>(?i:{f.part_of_day})))?"
    clock_day = rf"(?:\s+(?:on\s+)?(?P<dayword>(?i:today|yesterday|tomorrow)|{f.weekday}))?"
    tz = rf"(?:\s*(?P<tz>{f.timezone}))?"
    not_number_after = r"(?![\w%]|[.,/:]\d|\s*(?:%|(?i:percent|per cent)))"
    return [
        ("iso", r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<H>\d\d):(?P<M>\d\d)(?::\d\d(?:\.\d+)?)?"
                r"(?P<z>Z|[+-]\d\d:?\d\d)?)?(?![\w-])", _resolve_iso),
        ("month_day_year", rf"{START}{lead_weekday}{month}\s+{day}(?:\s*,\s*|\s+){year}{END}", _resolve_full_date),
        ("day_month_year", rf"{START}{lead_weekday}(?:the\s+)?{day}(?:\s+of)?\s+{month},?\s+{year}{END}",
         _resolve_full_date),
        ("month_day", rf"{START}{lead_weekday}{month}\s+{day}(?!\w|\s*:)", _resolve_month_day),
        ("day_month", rf"{START}{lead_weekday}(?:the\s+)?{day}(?:\s+of)?\s+{month}(?!\w)", _resolve_month_day),
        ("month_year", rf"{START}{mod}{month},?\s+(?:of\s+)?{year}{END}", _resolve_month_year),
        ("month", rf"(?P<t>{START}{mod}(?:(?P<rel>{_REL})\s+)?(?P<month>{f.month_full})){END}", _resolve_month),
        ("numeric_date", r"(?<![\w/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])", _resolve_numeric),
        ("year", rf"(?<![\w$£€#.,/'’-]){mod}(?:(?i:fiscal)\s+)?{year}{not_number_after}", _resolve_year),
        ("short_year", rf"(?i:in|of|since|from|until|class|season)\s+(?P<t>['’](?P<yy>\d\d))(?!\w)",
         _resolve_short_year),
        ("decade", rf"{START}(?:(?P<the>(?i:the))\s+)?{mod}(?P<dec>(?:1[5-9]|20)\d0|['’]?\d0)s{END}",
         _resolve_decade),
        ("weekday", rf"{START}(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<weekday>{f.weekday}){pod}{END}",
         _resolve_weekday),
        ("day_word", rf"{START}(?:(?i:earlier|later)\s+)?(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after"
                     rf"\s+tomorrow|yesterday|today|tomorrow|tonight)){pod}{END}", _resolve_day_word),
        ("this_part", rf"{START}(?P<rel>(?i:this|last))\s+(?P<pod>(?i:{f.part_of_day})){END}", _resolve_this_part),
        ("ago", rf"{START}(?:(?i:{f.approximator})\s+)?(?:{num}[\s-]+)?{unit}\s+(?i:ago){END}", _resolve_ago),
        ("relative_to_reference", rf"{START}(?:(?i:{f.approximator})\s+)?(?:{num}\s+)?{unit}\s+"
                                  rf"(?P<dir>(?i:later|earlier|after|before|previously))(?=\s*(?:[.,;)]|$|(?i:than)))",
         _resolve_from_reference),
        ("calendar_unit", rf"{START}{mod}(?P<rel>(?i:last|next|this|coming|current))\s+"
                          rf"(?P<cunit>(?i:weekend|week|month|quarter|year|decade|century)){END}",
         _resolve_calendar_unit),
        ("reference_unit", rf"{START}(?i:the)\s+(?:(?P<rel>(?i:previous|preceding|following|same))\s+"
                           rf"(?P<cunit>(?i:day|week|weekend|month|year))|(?P<cunit2>(?i:day|week|month|year))\s+"
                           rf"(?P<rel2>(?i:before|after))(?=\s*[.,;)]|\s*$)){END}", _resolve_reference_any),
        ("that_unit", rf"{START}(?P<rel>(?i:that))\s+(?P<cunit>(?i:day|week|month|year)){END}",
         _resolve_reference_unit),
        ("quarter", rf"{START}(?:(?i:the)\s+)?(?:(?P<ord>(?i:{f.ordinal}))[\s-]+(?i:quarter|qtr)|Q(?P<q>[1-4]))"
                    rf"(?:\s+(?:(?i:of)\s+)?(?:{year}|(?P<rel>(?i:this|last|next|the))\s+(?i:year)))?{END}",
         _resolve_quarter),
        ("season", rf"{START}{mod}(?:(?P<rel>{_REL})\s+)?(?P<season>(?i:{f.season}))"
                   rf"(?:\s+(?:of\s+)?{year})?{END}", _resolve_season),
        ("clock", rf"{START}(?P<h>\d{{1,2}}):(?P<min>[0-5]\d)(?:\s*(?P<ampm>[ap])\.?m\b\.?)?{tz}{clock_day}(?![\w:])",
         _resolve_clock),
        ("clock_ampm", rf"{START}(?P<h>\d{{1,2}})\s*(?P<ampm>[ap])\.?m\b\.?(?P<min>)?{tz}{clock_day}",
         _resolve_clock),
        ("clock_military", rf"{START}(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s*(?P<tz>{f.timezone}){clock_day}{END}",
         _resolve_clock_military),
        ("duration", rf"{START}(?:(?i:{f.approximator})\s+)?(?:(?:(?i:the)\s+)?(?i:past|last|next|first|previous|"
                     rf"coming|following|entire|whole)\s+)?{num}[\s-]+{unit}{END}", _resolve_duration),
        ("past_unit", rf"{START}(?i:the)\s+(?:(?i:past|last|next|coming)\s+)(?P<num>)(?P<half>)"
                      rf"(?P<unit>(?i:week|month|year|decade|century)){END}", _resolve_duration),
        ("the_day", rf"(?i:for|in|of|during|throughout|on|end\w*|clos\w*|finish\w*)\s+(?P<t>(?i:the)\s+day)"
                    rf"(?!\w|'|’|\s+(?i:before|after|when|that|of|in|on))", _resolve_the_day),
        ("vague_duration", rf"{START}(?:(?i:{f.vague})\s+{unit}|(?i:over\s+the|recent)\s+(?P<unit2>(?i:years|decades|"
                           rf"months|weeks))|(?<=(?i:for)\s)(?P<unit3>(?i:years|decades|months)))(?!\w|\s+ago)",
         _resolve_vague_any),
        ("set", rf"{START}(?P<t>(?i:{f.sets})){END}", _resolve_set),
        ("fuzzy", rf"{START}(?P<t>(?i:{f.fuzzy})){END}", _resolve_fuzzy),
    ]


def _resolve_reference_any(m: re.Match[str], ctx: Context) -> Resolution | None:
    rel = (m["rel"] or m["rel2"]).lower()
    unit = (m["cunit"] or m["cunit2"]).lower()
    offset = {"previous": -1, "preceding": -1, "following": 1, "before": -1, "after": 1}.get(rel, 0)
    if ctx.reference is None:
        return _date(None, "day")
    return _calendar_unit(ctx.reference, unit, offset)


def _resolve_clock_military(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _resolve_clock(m, ctx)


def _resolve_vague_any(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    return Resolution(value=cal.duration_value(None, lexicon().units[word]), precision="vague", kind="duration")


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled rule table (built once)."""
    return tuple(Rule(name=n, pattern=compile_pattern(p), resolve=r) for n, p, r in _patterns())
