"""One record per real event per page: merge the repeats of an event within a page.

A headline, a caption and the body often report the same event, and a sentence may hold two
triggers of one event ("held talks"). Two events are one when they have the same type, the
same mode where both have one (a coup and a curfew are two coercions), the same factuality, their dates agree (one unset, or one a prefix of the other), and their sides
agree: the same page entity, or the same country where one side is not a named person (a state,
an organisation, a group). In two body sentences, two different people or office holders of one
country are two sides: a general who met an army chief and later a joint chiefs chairman met twice. Sides may swap for symmetric events. Two meetings of one actor
with two different people stay apart.

The kept record is the best evidence: body before dek, caption and headline, then the higher
confidence, then the earlier; a missing date or place is taken from the merged repeat, and the
repeat's evidence sentences are kept on the record (``Event.repeats``): one record per event per
page, with all its evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.events.records import Event, EventParticipant
from storyline.events.words import load_words

logger = logging.getLogger(__name__)


def dates_agree(a: str | None, b: str | None) -> bool:
    """Unset dates agree with anything; set dates agree when one is a prefix of the other."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


_NAMED = frozenset({"person", "role"})


def _same_side(a: EventParticipant, b: EventParticipant, *, strict: bool = True) -> bool:
    if a.local_entity and a.local_entity == b.local_entity:
        return True
    if not set(a.codes()) & set(b.codes()):
        return False
    if strict and a.local_entity and b.local_entity and a.kind in _NAMED and b.kind in _NAMED:
        return False
    return a.kind != "person" or b.kind != "person"


def sides_agree(a: Sequence[EventParticipant], b: Sequence[EventParticipant], *, empty_ok: bool,
                strict: bool = True) -> bool:
    """Some side of ``a`` is some side of ``b`` (an empty side agrees only when ``empty_ok``). With
    ``strict`` (two body sentences), two different people or office holders never agree; a headline
    may name by office whom the body names by name."""
    if not a or not b:
        return empty_ok
    return any(_same_side(x, y, strict=strict) for x in a for y in b)


def _strict(a: Event, b: Event) -> bool:
    return a.role == "body" and b.role == "body"


def _oriented(a: Event, b: Event) -> bool:
    strict = _strict(a, b)
    return (sides_agree(a.actors, b.actors, empty_ok=False, strict=strict)
            and sides_agree(a.recipients, b.recipients, empty_ok=True, strict=strict))


def _swapped(a: Event, b: Event) -> bool:
    strict = _strict(a, b)
    return (sides_agree(a.actors, b.recipients, empty_ok=False, strict=strict)
            and sides_agree(a.recipients, b.actors, empty_ok=False, strict=strict))


def same_event(a: Event, b: Event) -> bool:
    """Whether two events of one page report the same real event."""
    if a.type != b.type or a.factual != b.factual or not dates_agree(a.date, b.date):
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False  # a coup, a curfew and a ban on gatherings are three coercions, not one
    if _oriented(a, b):
        return True
    return (a.symmetric or b.symmetric) and _swapped(a, b)


def preference(event: Event) -> tuple[int, float, int]:
    """Sort key: the best evidence first."""
    rank = load_words().role_rank.get(event.role or "body", 9)
    return (rank, -event.confidence, event.evidence.start)


def _merged(kept: Event, repeat: Event) -> Event:
    spans = {(e.start, e.end): e for e in (*kept.repeats, *repeat.evidence_spans)
             if (e.start, e.end) != (kept.evidence.start, kept.evidence.end)}
    changes: dict[str, object] = {"repeats": tuple(spans[k] for k in sorted(spans))}
    if kept.date is None and repeat.date is not None:
        changes.update(date=repeat.date, date_precision=repeat.date_precision, date_text=repeat.date_text)
    if kept.location is None and repeat.location is not None:
        changes["location"] = repeat.location
    if not kept.recipients and repeat.recipients:
        changes["recipients"] = repeat.recipients
    if kept.quote is None and repeat.quote is not None:
        changes["quote"] = repeat.quote
    return replace(kept, **changes)  # type: ignore[arg-type]


def _kept_apart(event: Event, group: set[str], distinct: frozenset[frozenset[str]]) -> bool:
    return any(frozenset((event.event_id, other)) in distinct for other in group)


def dedupe_events(events: Iterable[Event], *, distinct: frozenset[frozenset[str]] = frozenset()) -> list[Event]:
    """The page's events with repeats merged into their best record, in text order. Pairs of event
    ids in ``distinct`` (coordinated acts: "imposed a curfew and banned gatherings") never merge."""
    kept: list[Event] = []
    merged: dict[str, set[str]] = {}
    # same_event holds only within one type and factuality, which merging keeps: only those are compared
    blocks: dict[tuple[str, bool], list[int]] = {}
    for event in sorted(events, key=preference):
        block = blocks.setdefault((event.type, event.factual), [])
        index = next((k for k in block if same_event(event, kept[k])
                      and not _kept_apart(event, merged.get(kept[k].event_id, {kept[k].event_id}), distinct)), None)
        if index is None:
            block.append(len(kept))
            kept.append(event)
            merged[event.event_id] = {event.event_id}
        else:
            merged.setdefault(kept[index].event_id, {kept[index].event_id}).add(event.event_id)
            kept[index] = _merged(kept[index], event)
    return sorted(kept, key=lambda e: (e.evidence.start, e.trigger.start))
