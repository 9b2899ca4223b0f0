"""Pages kept apart in page stories: pages that report different events of one kind between the same sides.

Words alone cannot tell two reports of one meeting from reports of two meetings of the same people: the
second pair shares the names, the places and the talking points, often more than the first (the sample
pages' different meetings of one army chief with the same US commanders are closer in words than two
reports of one earthquake). What tells them apart is the events the pages report, compared as events.

Two pages are kept apart when (1) some event of one and some event of the other are RIVALS: the same
PLOVER type, factual, their sides agreeing at least at the level of country or organisation codes on both
sides (swapped for symmetric types), their dates not too far apart to be compared (the event linker's
blocking), and NAMING DIFFERENT PEOPLE: on one side each names persons, and none of one's persons is among
the other's (General A met the army chief; General B met the army chief) (:func:`different_people`); and
(2) no event of one links with any event of the other by the event linker's pair score
(:func:`storyline.link.events.pair_score`) WITHOUT the page-story bonus: nothing the pages say makes any
of their events one event. Page-story clustering never puts two pages kept apart in one story (a
cannot-link); pages that report no rival events are clustered on their words alone.

Rivals must name different people because an event pair the linker cannot link is not yet two events:
two reports of one shooting-down ("Turkish jets shot down a Russian plane", "Turkey downed a Russian
warplane") or of one sanctions list often score under the linker's threshold when their pages are undated,
and keeping such pages apart split the development pages' stories (event story pairs recall 0.55). Named
persons that differ are positive evidence of two acts; groups, roles and offices are not (the army chief
and General X may be one man).

The pair score is taken without the page-story terms because page stories are what is being decided
(the event linker runs after them and adds the bonus for pages of one story; pages kept apart are never
in one story, so the two steps agree).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from storyline.events.records import Event
from storyline.link.blocking import BlockIndex
from storyline.link.events import (
    LinkFeatures,
    LinkOptions,
    different_people,
    features_of,
    pair_score,
    sides_score,
)
from storyline.store.database import Store
from storyline.store.events import load_events_by_id
from storyline.store.stories import PageInfo, factual_event_ids, page_infos

log = logging.getLogger(__name__)




def rivals(a: LinkFeatures, b: LinkFeatures, options: LinkOptions) -> bool:
    """Two events of different pages of one type whose both sides agree at least by code and that name
    different people (:func:`different_people`)."""
    if a.doc_id == b.doc_id or a.type != b.type:
        return False
    sides = sides_score(a, b, options)
    return sides is not None and sides >= options.code_credit and different_people(a, b, options)


def apart_pages(features: Sequence[LinkFeatures], *, options: LinkOptions | None = None,
                together: Mapping[str, str] | None = None) -> dict[str, frozenset[str]]:
    """Every page with rival events and no linked event on another page → those other pages.

    Only candidate pairs of the event linker's blocking are compared, so the cost grows with the
    events that share a block and a time window, not with the square of the corpus. Pages
    ``together`` maps to one group (a page story already made, which only grows) are not compared:
    whether they are apart is never asked.
    """
    together = together or {}
    opts = options or LinkOptions()
    index = BlockIndex()
    by_id = {f.event_id: f for f in features}
    linked: set[frozenset[str]] = set()
    rival: set[frozenset[str]] = set()
    for f in sorted(features, key=lambda f: f.event_id):
        keys = f.keys()
        for other in index.candidates(keys):
            o = by_id[other]
            pair = frozenset((f.doc_id, o.doc_id))
            if len(pair) < 2 or pair in linked:
                continue
            group = together.get(f.doc_id)
            if group is not None and group == together.get(o.doc_id):
                continue
            if pair_score(f, o, options=opts) > 0:
                linked.add(pair)
            elif rivals(f, o, opts):
                rival.add(pair)
        index.add(f.event_id, keys)
    apart: dict[str, set[str]] = defaultdict(set)
    for pair in rival - linked:
        a, b = sorted(pair)
        apart[a].add(b)
        apart[b].add(a)
    log.debug("%d page pairs report rival events and no shared one", len(rival - linked))
    return {d: frozenset(others) for d, others in apart.items()}


def page_features(events: Iterable[Event], pages: Mapping[str, PageInfo]) -> list[LinkFeatures]:
    """Linking features of factual events with no page story and no lead mark (what page stories may use)."""
    none = PageInfo(doc_id="", published=None, outlet=None, source="")
    return [features_of(e, published=pages.get(e.doc_id, none).date_hint) for e in events if e.factual]


def store_apart_pages(store: Store, *, options: LinkOptions | None = None, doc_ids: Iterable[str] | None = None,
                      together: Mapping[str, str] | None = None) -> dict[str, frozenset[str]]:
    """:func:`apart_pages` over the stored factual events (latest page versions), or over those of the
    pages ``doc_ids`` only: whether two pages are kept apart depends on their two pages' events alone,
    so that is the relation among those pages, at a cost that grows with them, not with the store."""
    events = load_events_by_id(store, list(factual_event_ids(store, doc_ids)))
    return apart_pages(page_features(events, page_infos(store)), options=options, together=together)
