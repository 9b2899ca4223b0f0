"""Relative dates between events of one page: "A met a day after B held talks" dates B from A.

A sentence of the form ``<trigger A> ... <duration> after|before <clause with trigger B>`` says
how far apart two events of the page are. When A's story is dated to the day (reported or
inferred), B's report on that page is given the day ``A − duration`` (``after``) or
``A + duration`` (``before``) as its ``inferred_date`` in ``story_reports``; B's story then lists a
``date`` disagreement when another page dates B differently (its reported dates and these inferred
days are compared).

The duration is a stored time expression of kind ``duration`` ending just before ``after`` or
``before`` ("a day" → ``P1D``, "two weeks" → ``P2W``, "hours" → ``PTXH``), or the phrase "the
day"/"the week". Hours, minutes and seconds count as the same day; vague, month and year
durations give no day. Works over stored data only and is idempotent: :func:`apply_relative_dates`
recomputes every inferred relative date from the events, time expressions and stories, or those of
the pages given (a linking pass gives the pages whose events' stories it rebuilt: the others' anchors
and stories are as they were, so their inferred dates stand).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.link.disagreements import dated_disagreements
from storyline.store.database import Store
from storyline.store.stories import (
    date_story_if_undated,
    duration_expressions,
    event_triggers,
    relative_date_candidates,
    replace_field_disagreements,
    report_dates,
    set_inferred_date,
    story_days,
    story_of_events,
)

log = logging.getLogger(__name__)

_KEYWORD_RE = re.compile(r"\b(after|before)\b", re.IGNORECASE)
_SQL_PATTERN = r"(?i)\b(after|before)\b"
_PHRASE_RE = re.compile(r"\b(?:the|a|one)\s+(day|week)\s*$", re.IGNORECASE)
_ISO_RE = re.compile(r"^P(?:(\d+|X)([DWMY])|T(\d+|X)([HMS]))$")
_DAYS_PER_UNIT = {"D": 1, "W": 7}
_MAX_GAP = 3  # characters allowed between the duration and "after"/"before" (spaces)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelativeDate:
    """Event ``event_id`` happened ``offset_days`` days from event ``anchor_id`` (negative: before it)."""

    doc_id: str
    event_id: str
    anchor_id: str
    offset_days: int


@dataclass(frozen=True, slots=True, kw_only=True)
class _Trigger:
    event_id: str
    start: int
    end: int
    sentence: tuple[int, int]
    date: str | None


def duration_days(value: str | None) -> int | None:
    """Whole days of an ISO 8601 duration: ``P1D`` → 1, ``P2W`` → 14, ``PT5H``/``PTXH`` → 0; else ``None``."""
    m = _ISO_RE.match(value or "")
    if not m:
        return None
    if m.group(3):  # hours, minutes, seconds: the same day
        return 0
    count, unit = m.group(1), m.group(2)
    if count == "X" or unit not in _DAYS_PER_UNIT:
        return None
    return int(count) * _DAYS_PER_UNIT[unit]


def find_relative_dates(store: Store, doc_ids: Iterable[str] | None = None) -> list[RelativeDate]:
    """Every relative date the stored evidence sentences (of ``doc_ids``' pages, or of all) state
    between two events of one page."""
    candidates = relative_date_candidates(store, _SQL_PATTERN, doc_ids)
    docs = {c[1] for c in candidates}
    triggers: dict[str, list[_Trigger]] = defaultdict(list)
    for event_id, doc_id, t_start, t_end, e_start, e_end, date in event_triggers(store, docs):
        triggers[doc_id].append(_Trigger(event_id=event_id, start=t_start, end=t_end, sentence=(e_start, e_end),
                                         date=date))
    durations: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    for doc_id, start, end, value in duration_expressions(store, docs):
        durations[doc_id].append((start, end, value))
    found: dict[str, RelativeDate] = {}
    sentences = {(doc_id, start, end, text) for _, doc_id, start, end, text in candidates}
    for doc_id, start, end, text in sorted(sentences):
        for rel in sentence_relations(doc_id, start, text, triggers[doc_id], durations[doc_id]):
            found.setdefault(rel.event_id, rel)
    return sorted(found.values(), key=lambda r: (r.doc_id, r.event_id))


def sentence_relations(doc_id: str, start: int, text: str, triggers: Sequence[_Trigger],
                       durations: Sequence[tuple[int, int, str | None]]) -> list[RelativeDate]:
    """The relative dates one sentence (at page offset ``start``) states."""
    end = start + len(text)
    inside = [t for t in triggers if start <= t.start < end]
    relations: list[RelativeDate] = []
    for m in _KEYWORD_RE.finditer(text):
        quantity = _quantity(text, m.start(), start, durations)
        if quantity is None:
            continue
        days, q_start = quantity
        before = [t for t in inside if t.end <= q_start]
        after = [t for t in inside if t.start >= start + m.end()]
        if not before or not after:
            continue
        anchor, event = max(before, key=lambda t: t.start), min(after, key=lambda t: t.start)
        sign = -1 if m.group(1).lower() == "after" else 1
        relations.append(RelativeDate(doc_id=doc_id, event_id=event.event_id, anchor_id=anchor.event_id,
                                      offset_days=sign * days))
    return relations


def _quantity(text: str, at: int, start: int, durations: Sequence[tuple[int, int, str | None]]) -> tuple[int, int] | None:
    """Days of the duration right before ``text[at:]`` and its page offset, if any."""
    keyword = start + at
    for d_start, d_end, value in durations:
        gap = text[d_end - start : at] if start <= d_end <= keyword else None
        if gap is not None and len(gap) <= _MAX_GAP and not gap.strip() and d_start >= start:
            days = duration_days(value)
            return None if days is None else (days, d_start)
    phrase = _PHRASE_RE.search(text[:at])
    if phrase:
        return _DAYS_PER_UNIT[phrase.group(1)[0].upper()], start + phrase.start()
    return None


def shift(day: str, days: int) -> str:
    """``day`` (``YYYY-MM-DD``) moved by ``days`` days."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def apply_relative_dates(store: Store, doc_ids: Iterable[str] | None = None) -> int:
    """Give reports (of ``doc_ids``' pages, or all) their relative dates and relist their stories' date
    disagreements (inside the caller's transaction); returns how many reports got a relative date."""
    scope = None if doc_ids is None else set(doc_ids)
    relations = find_relative_dates(store, scope)
    anchors = story_days(store, [r.anchor_id for r in relations])
    stories = story_of_events(store, [r.event_id for r in relations])
    inferred: dict[str, str] = {}
    for rel in relations:
        anchor = anchors.get(rel.anchor_id)
        story = stories.get(rel.event_id)
        if anchor is None or story is None or story == anchor[0]:
            continue
        inferred[rel.event_id] = shift(anchor[1], rel.offset_days)
    touched = _apply(store, inferred, stories, scope)
    log.info("relative dates: %d relations, %d reports dated, %d stories relisted", len(relations), len(inferred),
             len(touched))
    return len(inferred)


def _apply(store: Store, inferred: dict[str, str], stories: dict[str, str], scope: set[str] | None) -> set[str]:
    """Store the inferred days of undated reports and relist their stories' date disagreements (a
    report of a page outside ``scope`` keeps its stored inferred day)."""
    touched: set[str] = set()
    reported = {r[0]: r[2] for rows in report_dates(store, (stories[e] for e in inferred)).values() for r in rows}
    for event_id, day in sorted(inferred.items()):
        if reported.get(event_id):
            continue  # the page dates it itself
        set_inferred_date(store, event_id, day)
        date_story_if_undated(store, stories[event_id], day)
        touched.add(stories[event_id])
    for story_id, reports in sorted(report_dates(store, touched).items()):
        replace_field_disagreements(store, story_id, "date", dated_disagreements(_story_dates(reports, inferred, scope)))
    return touched


def _story_dates(reports: Iterable[tuple[str, str, str | None, str | None]], inferred: dict[str, str],
                 scope: set[str] | None) -> Iterable[tuple[str, str]]:
    """A story's reported dates (its ``reports``, :func:`storyline.store.stories.report_dates`) and its
    reports' relative dates, as ``(date, doc_id)`` (the stored relative date for a report of a page
    outside ``scope``)."""
    for event_id, doc_id, reported, stored in reports:
        value = reported or (inferred.get(event_id) if scope is None or doc_id in scope else stored)
        if value:
            yield value, doc_id
