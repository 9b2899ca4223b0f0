"""Storylines: the story events of an actor (or between two actors) in date order, and their
cooperation/conflict series by week or month.

Actors are named by code: a country or organisation code (``PAK``, ``NATO``) or a canonical actor
id. One actor selects the stories it takes part in on either side; two select the stories with one
on each side, in either direction. A story is placed at its date, or, when no report dates it, at
the day it was first seen (``when_source`` says which).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from storyline.errors import Errors, StorylineError
from storyline.store.database import Store
from storyline.store.stories import StoryEvent, StorySide, load_stories

Period = Literal["week", "month"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One story event on a timeline."""

    story_id: str
    when: str
    when_source: str
    type: str
    quad_class: int | None
    goldstein: float | None
    sources: int
    pages: int
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    location: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """The story events of ``actors`` between ``since`` and ``until``, oldest first."""

    actors: tuple[str, ...]
    since: str | None
    until: str | None
    entries: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesPoint:
    """One week (``2012-W13``) or month (``2012-03``) of a timeline: counts and Goldstein scores."""

    period: str
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad_counts: dict[int, int] = field(default_factory=dict)


def _codes(side: Iterable[StorySide]) -> set[str]:
    return {c for p in side for c in (p.actor_id, p.country) if c}


def involves(story: StoryEvent, actors: Sequence[str]) -> bool:
    """Whether a story has the one actor on a side, or the two actors on opposite sides."""
    actor = _codes(p for p in story.sides if p.side == "actor")
    recipient = _codes(p for p in story.sides if p.side == "recipient")
    if not actors:
        return True
    if len(actors) == 1:
        return actors[0] in actor | recipient
    first, second = actors[0], actors[1]
    return (first in actor and second in recipient) or (second in actor and first in recipient)


def _when(story: StoryEvent) -> tuple[str, str] | None:
    if story.date:
        return story.date, "date"
    if story.first_seen:
        return story.first_seen, "first_seen"
    return None


def _names(story: StoryEvent, side: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.name or p.actor_id or p.country or "?" for p in story.sides if p.side == side))


def _entry(story: StoryEvent, when: tuple[str, str]) -> TimelineEntry:
    return TimelineEntry(
        story_id=story.story_id, when=when[0], when_source=when[1], type=story.type, quad_class=story.quad_class,
        goldstein=story.goldstein, sources=story.sources, pages=story.pages, actors=_names(story, "actor"),
        recipients=_names(story, "recipient"), location=story.location_text)


def check_bound(value: str | None, *, option: str = "--since") -> str | None:
    """``value`` when it is an ISO date or prefix (``2012``, ``2012-03``, ``2012-03-28``); else
    ``StorylineError`` E304 naming ``option``. ``None`` stays ``None`` (an open bound)."""
    if value is None:
        return None
    parts = value.split("-")
    padded = [*parts, *["01"] * (3 - len(parts))]
    try:
        valid = (len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])
                 and date(*map(int, padded)) is not None)
    except ValueError:
        valid = False
    if not valid:
        raise StorylineError(Errors.E304.format(option=option, value=value))
    return value


def in_range(when: str, since: str | None, until: str | None) -> bool:
    """Whether an ISO date lies between two ISO prefixes (inclusive; None is open)."""
    return (since is None or when[: len(since)] >= since) and (until is None or when[: len(until)] <= until)


def timeline_of(stories: Iterable[StoryEvent], *, actors: Sequence[str] = (), since: str | None = None,
                until: str | None = None) -> Timeline:
    """The timeline of in-memory story events (see :func:`timeline`)."""
    entries = [_entry(s, when) for s in stories if (when := _when(s)) and involves(s, actors)
               and in_range(when[0], since, until)]
    entries.sort(key=lambda e: (e.when, e.story_id))
    return Timeline(actors=tuple(actors), since=since, until=until, entries=tuple(entries))


def timeline(store: Store, *, actors: Sequence[str] = (), since: str | None = None,
             until: str | None = None) -> Timeline:
    """The story events of one actor, or between two, from ``since`` to ``until`` (ISO prefixes, inclusive;
    anything else raises E304).

    Stories with neither a date nor a publication date cannot be placed and are left out.
    """
    since, until = check_bound(since, option="since"), check_bound(until, option="until")
    return timeline_of(load_stories(store), actors=actors, since=since, until=until)


def period_of(when: str, period: Period) -> str:
    """The week (ISO ``YYYY-Www``) or month (``YYYY-MM``) of an ISO date; a month date stays a month."""
    if period == "month" or len(when) < 10:
        return when[:7]
    year, week, _ = date.fromisoformat(when[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def cooperation_series(timeline: Timeline, *, period: Period = "month") -> list[SeriesPoint]:
    """Counts per quad class and Goldstein sum and mean per week or month, oldest first.

    A month-precision story counts in its month; in a weekly series it is listed under its month.
    """
    buckets: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline.entries:
        buckets[period_of(entry.when, period)].append(entry)
    return [_point(key, entries) for key, entries in sorted(buckets.items())]


def _point(key: str, entries: list[TimelineEntry]) -> SeriesPoint:
    scores = [e.goldstein for e in entries if e.goldstein is not None]
    quads: dict[int, int] = defaultdict(int)
    for e in entries:
        if e.quad_class is not None:
            quads[e.quad_class] += 1
    return SeriesPoint(period=key, events=len(entries), goldstein_sum=round(sum(scores), 3),
                       goldstein_mean=round(sum(scores) / len(scores), 3) if scores else None,
                       quad_counts=dict(sorted(quads.items())))
