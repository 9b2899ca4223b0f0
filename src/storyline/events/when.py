"""When an event happened: the date expression its clause governs, as an event date.

A time of day dates the event to its day; a week ("last week") to the month the whole week lies in;
a verb coordinated with a dated verb that shares its subject, or a participle clause of a dated verb,
takes that verb's date. A deadline ("vacate the base by December 11", "until Friday") says when
something must be done, not when the act happened, and dates nothing. Nothing is invented: no
attached expression, no date.
"""

from __future__ import annotations

import bisect

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.events.records import Evidence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storyline.read import ReadPage
    from storyline.time import TimeExpression

_DATE_VALUE = re.compile(r"\d{4}(-\d{2}){0,2}")
_ATTACH_STEPS = 4
_DAY_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "within"})


def _is_date(t: TimeExpression) -> bool:
    if t.kind == "time":
        return bool(_DAY_TIME.match(t.value or ""))
    if t.kind != "date" or not t.value:
        return False
    return bool(_DATE_VALUE.fullmatch(t.value)) or week_month(t.value) is not None


def week_month(value: str) -> str | None:
    """The month (``2015-11``) an ISO week (``2015-W48``) lies in, when the whole week lies in one month."""
    found = _WEEK.fullmatch(value)
    if not found:
        return None
    try:
        first = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return None
    last = first + timedelta(days=6)
    return f"{first:%Y-%m}" if (first.year, first.month) == (last.year, last.month) else None


def _as_event_date(t: TimeExpression) -> TimeExpression:
    """A time of day ("Sunday evening", "at 9pm on Monday") dates its event to the day; a week ("this
    week", "last week") to the month it lies in (events are dated by day, month or year)."""
    found = _DAY_TIME.match(t.value or "") if t.kind == "time" else None
    if found:
        return replace(t, value=found.group(1), precision="day", kind="date")
    month = week_month(t.value or "")
    return replace(t, value=month, precision="month") if month else t


_TIME_INDEX: list[tuple[tuple[TimeExpression, ...], list[int], list[int]]] = []
"""The index of the last tuple of times asked about (a page's events all ask about the page's times)."""


def times_between(times: tuple[TimeExpression, ...], start: int, end: int) -> list[TimeExpression]:
    """The times that start at offsets ``start..end-1``, in their order in ``times``, found by bisection
    (each event looks in its own sentence: a page's cost stays linear in its length)."""
    if not _TIME_INDEX or _TIME_INDEX[0][0] is not times:
        order = sorted(range(len(times)), key=lambda k: times[k].start)
        _TIME_INDEX[:] = [(times, order, [times[k].start for k in order])]
    _, order, starts = _TIME_INDEX[0]
    a, b = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [times[k] for k in sorted(order[a:b])]


def event_date(token: Token, times: tuple[TimeExpression, ...]) -> TimeExpression | None:
    """The date of the event ``token`` triggers: a date expression its clause governs ("met on
    Monday", "the November 26 strikes", "killed ... four months ago"), the nearest such; else, for a
    verb coordinated with another that shares its subject ("X on Saturday ordered A and closed B"),
    that verb's date; for a participle clause hanging from a verb ("shot down a jet on Tuesday,
    killing two pilots", "..., inviting sharp reaction"), that verb's date: the participle reports
    what came with the act; ``None`` where the clause has none (a date elsewhere in the sentence
    dates another event)."""
    sent = token.sent
    doc = token.doc
    anchors = date_anchors(token)
    attached = []
    for t in times_between(times, sent.start_char, sent.end_char):
        if not _is_date(t):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and not _deadline(span.root) and governed(span.root, anchors):
            attached.append(t)
    if attached:
        return _as_event_date(min(attached, key=lambda t: abs(t.start - token.idx)))
    if token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ == "VERB" \
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return event_date(token.head, times)
    verb = anchors[1] if len(anchors) > 1 and anchors[1] is token.head else token
    if _participle_clause(verb):
        return event_date(verb.head, times)
    return None


def _deadline(root: Token) -> bool:
    """Whether a time expression is a deadline: the object of "by", "until", "till" or "within"."""
    return root.dep_ == "pobj" and root.head.lower_ in _DEADLINE_PREPOSITIONS


def _participle_clause(verb: Token) -> bool:
    """A subjectless present-participle clause of a verb, with no conjunction of its own ("after",
    "before", "while" order or frame the two acts rather than join them)."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB" \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "mark", "aux"} for c in verb.children)


def date_anchors(token: Token) -> tuple[Token, ...]:
    """The tokens whose clause dates an event: the trigger, the verb carrying a noun trigger, and an
    event noun that is the trigger verb's subject ("the November 26 strikes killed ...")."""
    anchors = [token]
    if token.pos_ != "VERB" and token.head.pos_ in {"VERB", "AUX"} and token.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        anchors.append(token.head)
    anchors += [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"]
    return tuple(anchors)


def governed(root: Token, anchors: tuple[Token, ...]) -> bool:
    """Whether a time expression's head hangs from one of ``anchors`` within a few steps, without
    crossing into another clause."""
    current = root
    for _ in range(_ATTACH_STEPS):
        if current in anchors:
            return True
        if current.head.i == current.i or current.dep_ in {"relcl", "ccomp", "advcl", "acl", "conj", "parataxis"}:
            return False
        current = current.head
    return current in anchors


def date_evidence(t: TimeExpression, page: ReadPage) -> Evidence:
    start, end = page.stored(t.start, t.end)
    return Evidence(text=page.document.text[start:end], start=start, end=end)
