"""Find the time expressions of a text and normalise them against the publication date.

1. every rule of the grammar proposes matches; 2. the longest non-overlapping ones are kept;
3. they are resolved left to right, so 'the day before' can lean on the last day mentioned.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from storyline.ranges import Ranges
from storyline.time.expression import Precision, Tense, TimeExpression
from storyline.time.fallback import parse_absolute
from storyline.time.rules import Context, Rule, rules
from storyline.time.tense import tense_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

_LEADING_PREPOSITION = re.compile(r"^(?:on|in|at|since|during|by|from|until|of|for)\s+", re.IGNORECASE)
Candidate = tuple[int, int, Rule, re.Match[str]]


def _span(match: re.Match[str]) -> tuple[int, int]:
    if "t" in match.re.groupindex and match.group("t") is not None:
        return match.span("t")
    return match.span()


def _candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for rule in rules():
        for match in rule.pattern.finditer(text):
            start, end = _span(match)
            if end > start:
                found.append((start, end, rule, match))
    return found


def _longest_first(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest matches that do not overlap a longer one, in text order."""
    kept: list[Candidate] = []
    taken = Ranges()
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if not taken.overlaps(cand[0], cand[1]):
            kept.append(cand)
            taken.add(cand[0], cand[1])
    return sorted(kept, key=lambda c: c[0])


def _anchor_date(anchor: dt.date | dt.datetime | None) -> dt.date | None:
    return anchor.date() if isinstance(anchor, dt.datetime) else anchor


def _day_of(value: str | None) -> dt.date | None:
    if value is None or not re.match(r"\d{4}-\d\d-\d\d(?:$|T)", value):
        return None
    return dt.date.fromisoformat(value[:10])


def _usable_doc(text: str, doc: Doc | None) -> Doc | None:
    if doc is not None and doc.text != text:
        log.warning("find_times: the doc's text differs from the text given; ignoring the doc")
        return None
    return doc


def find_times(text: str, *, anchor: dt.date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """The time expressions of ``text`` in order, each normalised against ``anchor``.

    ``anchor`` is the publication date; without it relative expressions get ``value=None``.
    ``doc`` (a spaCy parse of exactly ``text``) lets the governing verb's tense decide weekdays and
    month names; without it cue words ('will', 'is due to', 'last') decide, and the default is past.
    """
    day = _anchor_date(anchor)
    parse = _usable_doc(text, doc)
    reference = day
    found: list[TimeExpression] = []
    for start, end, rule, match in _longest_first(_candidates(text)):
        tenses: list[Tense | None] = []

        def tense(s: int = start, e: int = end) -> Tense | None:
            if not tenses:
                tenses.append(tense_at(text, s, e, doc=parse))
            return tenses[0]

        resolution = _resolve(rule, match, Context(text=text, anchor=day, reference=reference, tense=tense))
        if resolution is None:
            continue
        found.append(TimeExpression(text=text[start:end], start=start, end=end, value=resolution.value,
                                    precision=resolution.precision, kind=resolution.kind, rule=rule.name,
                                    tense=tenses[0] if tenses else None))
        reference = _day_of(resolution.value) or reference
    return found


def normalize(expression: str, *, anchor: dt.date | None, tense: Tense | None = None) -> tuple[str, Precision] | None:
    """The (value, precision) of one expression ('last May', 'on Thursday'), or None if unreadable.

    ``tense`` is the tense of the verb governing it; None means the news default (past).
    """
    phrase = _LEADING_PREPOSITION.sub("", expression.strip())
    day = _anchor_date(anchor)
    for start, end, rule, match in _longest_first(_candidates(phrase)):
        if start != 0 or end != len(phrase):
            continue
        resolution = _resolve(rule, match, Context(text=phrase, anchor=day, reference=day, tense=lambda: tense))
        if resolution is not None and resolution.value is not None and resolution.precision is not None:
            return resolution.value, resolution.precision
        if resolution is not None:
            return None
    fallback = parse_absolute(phrase, anchor=day, tense=tense)
    if fallback is None or fallback.value is None or fallback.precision is None:
        return None
    return fallback.value, fallback.precision


def _resolve(rule, match, ctx):
    """The rule's resolution, or None when its arithmetic leaves the calendar ("3000000 days ago" from
    2012: ``OverflowError``): such an expression is no date, and never an error for its page."""
    try:
        resolution = rule.resolve(match, ctx)
    except (OverflowError, ValueError) as e:
        log.debug("cannot resolve %r: %s", match.group(0), e)
        return None
    value = resolution.value if resolution is not None else None
    if value and resolution.kind in ("date", "time") and _BEYOND_CALENDAR.match(value):
        log.debug("cannot resolve %r: %s is beyond the calendar", match.group(0), value)
        return None
    return resolution


_BEYOND_CALENDAR = re.compile(r"-|\d{5}")  # a year before 1 or after 9999
