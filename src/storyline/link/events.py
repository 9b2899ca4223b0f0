"""Story events: events from different pages that report the same real-world event, linked as one.

1. Each factual event is summarised (:class:`LinkFeatures`): type family, side codes and canonical
   actor ids, date range (for an undated report, a month its sentence names, placed before its
   page's reference date: :func:`named_month`), place, the content words and numbers of its
   evidence sentence.
2. Candidate pairs come from blocking (:mod:`storyline.link.blocking`); each pair is scored
   (:func:`pair_score`): type, sides (swapped for symmetric types), dates, place, evidence words.
   Events of one page are never linked; dates more than ``max_date_gap`` days apart never are; a
   pair without agreeing dates (one undated, or a few days apart) needs the higher ``strong``
   threshold.
3. Linked pairs are clustered (:func:`cluster`): best pairs first, two groups merging only when no
   page reports twice in them, their dates stay within ``story_date_gap`` (3) days of each other, at
   least ``min_support`` of the pairs across them are linked, and no pair across them conflicts
   (:func:`conflicting`, a cannot-link): sides that disagree (other states, or a one-way act the other
   way round), different people named, or acts one of their own pages tells apart — a page that reports
   a coup and a curfew as two events says that a coup report and a curfew report elsewhere are two acts
   (:func:`kinds_apart`; kinds are type and mode, for types whose PLOVER mode names the act, not its
   means: an air strike and gunfire of one attack are one). Without a page telling them apart, two modes
   are not a conflict: one act is often coded in different modes on different pages.

   On the development pages' tune half these three rules took story-event links from precision 0.737,
   recall 0.924 to 0.904 / 0.949 (cannot-link on sides and people 0.760 / 0.924; then 3 days instead of
   10 for the dates of one story 0.869 / 0.924; then acts kept apart 0.904 / 0.949; check half 0.899 /
   0.887 before and after; ``storyline eval events --gold ../shared/gold/dev/events.json --pages
   ../shared/gold/dev/pages.jsonl --split ../shared/gold/dev/split.json``).
4. Each cluster becomes a :class:`~storyline.store.stories.StoryEvent` (:func:`build_story`).

:func:`link_events` runs this on a store incrementally: only events not yet linked are scored (old
pairs are kept in ``story_links``) and only the clusters they touch are rebuilt, which gives the
same stories as linking everything at once. Story ids derive from the earliest report's event id.
After linking, reports whose sentence dates them relative to another event of the page ("a day
after ...") get that day (:mod:`storyline.link.relative_dates`), recomputed for the pages of the
rebuilt stories only. A pass reads what its events concern: candidates are found by equality joins
on (block, bucket) over the buckets within ``REACH`` (:func:`~storyline.store.stories.probe_blocks`),
not by pairing each new event with every stored event of its blocks; lead events are read for the
loaded events' pages. What it still reads whole are cheap scans (page dates and page stories for
:func:`~storyline.store.stories.page_infos`, the events not linked yet). On the stream benchmark
(2026-12-07, 2-core machine shared with other jobs, 1 process) story events took 0.6, 0.6, 1.5, 1.1,
1.1, 1.9, 1.3 s over 7 batches of 200 pages and 3.9, 5.1, 5.3, 5.2, 5.8 s over 5 batches of 1,000
(``python -m storyline.bench.stream --pages 5000 --batch 1000 --reuse-readings --n-process 1``, and
``--pages 1400 --batch 200``). Candidates still grow where one block and fortnight keep receiving
events: with the benchmark's pages left undated and their dates repeating every 30 copies
(``--years 30 --undated``), 2.8, 6.1, 11.0 s over 3 batches of 1,000 (links scored 5,932 → 30,478);
an event without any date, on a page with no publication or reference date, meets its whole block.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from storyline.actors.alliances import alliances
from storyline.events.records import Event, EventParticipant
from storyline.link.blocking import (
    REACH,
    BlockIndex,
    BlockKey,
    anchor_range,
    block_keys,
    day_range,
    linking_words,
    type_family,
)
from storyline.link.disagreements import counted_numbers, find_disagreements
from storyline.link.relative_dates import apply_relative_dates
from storyline.store.database import Store
from storyline.store.events import load_events_by_id
from storyline.store.stories import (
    PageInfo,
    StoryEvent,
    changed_page_state,
    StoryReport,
    StorySide,
    clear_stories,
    factual_event_ids,
    forget_events,
    insert_blocks,
    insert_links,
    lead_event_ids,
    linked_among,
    linked_events_of,
    linked_gone_events,
    links_touching,
    page_infos,
    probe_blocks,
    replace_stories,
    stories_of,
    unlinked_factual_events,
)

log = logging.getLogger(__name__)

_WORD_RE = re.compile(r"[^\W_]+")
_PERSON = "person:"
_STATE_PREFIX = "state:"  # canonical ids of bare states: no more telling than the country code


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkOptions:
    """Weights and thresholds of the pair score (a perfect pair scores 1.0)."""

    threshold: float = 0.5
    strong: float = 0.5
    max_date_gap: int = 10
    story_date_gap: int = 3  # the most days the dates of two reports of one story may differ (clustering)
    w_type: float = 0.15
    w_sides: float = 0.3
    w_date: float = 0.15
    w_place: float = 0.1
    w_evidence: float = 0.3
    family_credit: float = 0.5
    code_credit: float = 0.6
    unknown_side_credit: float = 0.3
    ally_credit: float = 0.4
    evidence_saturation: float = 0.4
    min_support: float = 0.3
    w_page_story: float = 0.15
    w_lead: float = 0.15
    max_hint_gap: int = 365


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkFeatures:
    """What linking compares of one event (small, so that millions fit in memory)."""

    event_id: str
    doc_id: str
    type: str
    family: str
    symmetric: bool
    actor_ids: frozenset[str]
    recipient_ids: frozenset[str]
    actor_codes: frozenset[str]
    recipient_codes: frozenset[str]
    dates: tuple[int, int] | None = None
    anchor: tuple[int, int] | None = None
    place_country: str | None = None
    place: str | None = None
    words: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    page_story: str | None = None
    lead: bool = False
    kind: str = ""
    page_kinds: frozenset[str] = frozenset()

    def keys(self) -> list[BlockKey]:
        return block_keys(self.family, self.actor_codes, self.recipient_codes, self.anchor)


def _ids(side: Iterable[EventParticipant]) -> frozenset[str]:
    return frozenset(p.actor_id for p in side if p.actor_id and not p.actor_id.startswith(_STATE_PREFIX))


def _codes(side: Iterable[EventParticipant]) -> frozenset[str]:
    return frozenset(code for p in side for code in p.codes())


def evidence_words(text: str) -> frozenset[str]:
    """Content words of an evidence sentence (lower-cased, stop words and one-letter words out)."""
    stop = linking_words().stop_words
    return frozenset(w for w in (t.lower() for t in _WORD_RE.findall(text)) if len(w) > 1 and w not in stop)


def evidence_numbers(text: str) -> frozenset[str]:
    """Counted numbers of an evidence sentence as ``noun=value`` strings."""
    return frozenset(f"{noun}={v}" for noun, values in counted_numbers(text).items() for v in values)


def features_of(event: Event, *, published: str | None = None, page_story: str | None = None,
                lead: bool = False) -> LinkFeatures:
    """An event's linking features.

    ``published`` is its page's publication (or reference) date: undated events are filed in the
    weeks before it. ``page_story`` is the page's page story (pages reporting one news event);
    ``lead``: the event is its page's first factual event (the news the page reports).
    """
    dates = day_range(event.date) or named_month(event.evidence.text, published)
    loc = event.location
    return LinkFeatures(
        event_id=event.event_id, doc_id=event.doc_id, type=event.type, family=type_family(event.type),
        symmetric=event.symmetric or event.type in linking_words().symmetric_types,
        actor_ids=_ids(event.actors), recipient_ids=_ids(event.recipients),
        actor_codes=_codes(event.actors), recipient_codes=_codes(event.recipients),
        dates=dates, anchor=anchor_range(dates, published),
        place_country=loc.country if loc else None, place=loc.text.lower() if loc and loc.text else None,
        words=evidence_words(event.evidence.text), numbers=evidence_numbers(event.evidence.text),
        page_story=page_story, lead=lead, kind=event_kind(event),
    )


MEANS_MODE_TYPES = frozenset({"ASSAULT", "CONSULT"})
"""Types whose PLOVER mode names the means or the setting of the act (``ASSAULT``: aerial, firearms,
heavy-weapons; ``CONSULT``: visit, phone), not a different act: one attack by jets and helicopters is
one attack. The other types' modes name the act itself (``COERCE``: arrest, curfew, seize; ``PROTEST``:
demo, strike, boycott), as the PLOVER codebook defines them."""


def event_kind(event: Event) -> str:
    """An event's PLOVER type and mode where the mode names the act (``COERCE/curfew``); ``""`` for an
    event without a mode or of a type whose mode names its means (:data:`MEANS_MODE_TYPES`)."""
    if not event.mode or event.type in MEANS_MODE_TYPES:
        return ""
    return f"{event.type}/{event.mode}"


def with_page_kinds(features: Sequence[LinkFeatures], mates: Iterable[LinkFeatures],
                    options: LinkOptions | None = None) -> list[LinkFeatures]:
    """``features`` with :attr:`LinkFeatures.page_kinds` filled in from their pages' other factual
    events (``mates``: every factual event of those pages): the kinds (type and mode) of the events
    of one's own page, of its type family and with sides agreeing with its own, that the page reports
    as acts apart from it (a coup and the curfew it imposed; a strike and the boycott it caused)."""
    opts = options or LinkOptions()
    by_doc: dict[str, list[LinkFeatures]] = defaultdict(list)
    for m in mates:
        by_doc[m.doc_id].append(m)
    return [replace(f, page_kinds=frozenset(
        m.kind for m in by_doc.get(f.doc_id, ()) if m.event_id != f.event_id and m.kind and f.kind
        and m.kind != f.kind and m.family == f.family and sides_score(f, m, opts) is not None)) for f in features]


def kinds_apart(a: LinkFeatures, b: LinkFeatures) -> bool:
    """Whether one event's page reports, apart from it, an act of the other's kind (type and mode):
    the other then reports that act, not this one. A coup on one page and a curfew on another are one
    act coded two ways unless a page tells them apart; once a page reports both, they are two."""
    return a.kind != b.kind and (b.kind in a.page_kinds or a.kind in b.page_kinds)


_MONTHS = {calendar.month_name[i].lower(): i for i in range(1, 13)}
_MONTH_RE = re.compile(r"\b(?:(?:in|since|last|early|late|mid-?|until|by|during|of|on)\s+(?P<a>[A-Z][a-z]+)"
                       r"|(?P<b>[A-Z][a-z]+)\s+(?P<day>\d{1,2})\b)(?P<year>\s*,?\s*\d{4})?")


FUTURE_WEIGHT = 3


def named_month(text: str, reference: str | None) -> tuple[int, int] | None:
    """The days an undated report's sentence names without a year ("in November": that month,
    "November 26": that day), in the occurrence of that month nearest its page's reference date, a
    later one counting ``FUTURE_WEIGHT`` times as far (news looks back more than ahead: "in September"
    in March is last September, "a December 11 deadline" in late November is this December, even when
    the reference date is a few days off). ``None`` when the sentence names no month, several, or one
    with its year, or the page has no reference date.

    Linking only: a page with no publication date leaves such dates unresolved when it is read, but
    once its page story or its text gives it a reference date, the month tells which event it reports.
    """
    ref = day_range(reference)
    found = [m for m in _MONTH_RE.finditer(text) if (m["a"] or m["b"]).lower() in _MONTHS]
    if ref is None or any(m["year"] for m in found) or len({(m["a"] or m["b"]).lower() for m in found}) != 1:
        return None
    month = _MONTHS[(found[0]["a"] or found[0]["b"]).lower()]
    days = {m["day"] for m in found if m["day"]}
    day = f"-{int(days.pop()):02d}" if len(days) == 1 else ""
    year = date.fromordinal(ref[1]).year
    candidates = [r for y in (year - 1, year, year + 1) if (r := day_range(f"{y:04d}-{month:02d}{day}"))]
    return min(candidates, key=lambda r: _distance(r, ref[1]), default=None)


def _distance(days: tuple[int, int], reference: int) -> int:
    """Days from ``reference`` to the range, a later range weighing ``FUTURE_WEIGHT`` times as far."""
    if days[1] < reference:
        return reference - days[1]
    return max(0, days[0] - reference) * FUTURE_WEIGHT


# -- scoring ------------------------------------------------------------------------------------


def _side_score(ids_a: frozenset[str], ids_b: frozenset[str], codes_a: frozenset[str], codes_b: frozenset[str],
                opts: LinkOptions) -> float | None:
    """1 for a shared actor, ``code_credit`` for a shared code, ``unknown_side_credit`` when a side is empty."""
    if ids_a & ids_b:
        return 1.0
    if not codes_a or not codes_b:
        return opts.unknown_side_credit
    if codes_a & codes_b:
        return opts.code_credit
    return opts.ally_credit if alliances().allied(codes_a, codes_b) else None


def sides_score(a: LinkFeatures, b: LinkFeatures, opts: LinkOptions) -> float | None:
    """How well the sides agree (mean over actor and recipient); ``None`` when a side conflicts."""
    direct = paired_sides_score(a, b, swap=False, opts=opts)
    if not (a.symmetric or b.symmetric):
        return direct
    swapped = paired_sides_score(a, b, swap=True, opts=opts)
    scores = [s for s in (direct, swapped) if s is not None]
    return max(scores) if scores else None


def paired_sides_score(a: LinkFeatures, b: LinkFeatures, *, swap: bool, opts: LinkOptions) -> float | None:
    """How well the sides agree with ``b``'s sides taken as they are or ``swap``-ped; ``None`` when one conflicts."""
    b_actor_ids, b_rec_ids = (b.recipient_ids, b.actor_ids) if swap else (b.actor_ids, b.recipient_ids)
    b_actor_codes, b_rec_codes = (b.recipient_codes, b.actor_codes) if swap else (b.actor_codes, b.recipient_codes)
    actor = _side_score(a.actor_ids, b_actor_ids, a.actor_codes, b_actor_codes, opts)
    recipient = _side_score(a.recipient_ids, b_rec_ids, a.recipient_codes, b_rec_codes, opts)
    if actor is None or recipient is None or max(actor, recipient) <= opts.unknown_side_credit:
        return None
    return (actor + recipient) / 2


def different_people(a: LinkFeatures, b: LinkFeatures, options: LinkOptions) -> bool:
    """Whether, however their sides are paired (swapped too for a symmetric type) where the codes agree,
    one side of each event names persons and the two sets share none."""
    pairings = [False, True] if a.symmetric or b.symmetric else [False]
    verdicts = [_people_differ(a, b, swap=swap)
                for swap in pairings if paired_sides_score(a, b, swap=swap, opts=options) is not None]
    return bool(verdicts) and all(verdicts)


def _people_differ(a: LinkFeatures, b: LinkFeatures, *, swap: bool) -> bool:
    b_actors, b_recipients = (b.recipient_ids, b.actor_ids) if swap else (b.actor_ids, b.recipient_ids)
    return _persons_differ(a.actor_ids, b_actors) or _persons_differ(a.recipient_ids, b_recipients)


def _persons_differ(ids_a: frozenset[str], ids_b: frozenset[str]) -> bool:
    """Both sides name persons and no surname is shared: a man named in full on one page and by his
    surname on another ("Brian G. Nichols", "Nichols") may be one man the canonical ids keep apart."""
    persons_a = {_surname(i) for i in ids_a if i.startswith(_PERSON)}
    persons_b = {_surname(i) for i in ids_b if i.startswith(_PERSON)}
    return bool(persons_a) and bool(persons_b) and persons_a.isdisjoint(persons_b)


def _surname(person_id: str) -> str:
    """The last word of a person id's name slug (``person:brian-g-nichols:USA`` → ``nichols``)."""
    slug = person_id.removeprefix(_PERSON).split(":", 1)[0]
    return slug.rsplit("-", 1)[-1]


def linked_alike(old: str, new: str) -> bool:
    """Whether events linked with the canonical actor id ``old`` link as they did under ``new`` when
    every side that had ``old`` has ``new`` and no other side has it: pair scores compare ids for
    equality, apart from their kind (a state's id is no side's actor) and a person's surname
    (:func:`_persons_differ`), so an id renamed keeping those changes no link."""
    kind_old, kind_new = old.split(":", 1)[0], new.split(":", 1)[0]
    return kind_old == kind_new and (kind_old + ":" != _PERSON or _surname(old) == _surname(new))


def date_gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Days between two date ranges (0 when they overlap); ``None`` when either is unknown."""
    if a is None or b is None:
        return None
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _date_term(a: LinkFeatures, b: LinkFeatures, gap: int | None, opts: LinkOptions) -> float:
    if gap is None:
        hint = date_gap(a.anchor, b.anchor)
        return 0.0 if hint is None else -min(1.0, hint / opts.max_hint_gap)
    if gap > 0:
        return -gap / opts.max_date_gap
    exact = a.dates == b.dates and a.dates is not None and a.dates[0] == a.dates[1]
    return 1.0 if exact else 0.6


def _place_term(a: LinkFeatures, b: LinkFeatures) -> float:
    """1 for one place, 0.7 for one country; -1 for two countries where the place is where the act
    happened (a strike, a meeting), else 0: a sanction or a demand is placed where it was announced."""
    if a.place and a.place == b.place:
        return 1.0
    if a.place_country and b.place_country:
        if a.place_country == b.place_country:
            return 0.7
        placed = linking_words().placed_types
        return -1.0 if a.type in placed and b.type in placed else 0.0
    return 0.0


def evidence_score(a: LinkFeatures, b: LinkFeatures, opts: LinkOptions) -> float:
    """Word overlap of the evidence sentences (Jaccard, saturating), plus shared counted numbers."""
    union = len(a.words | b.words)
    overlap = len(a.words & b.words) / union if union else 0.0
    shared_numbers = 0.25 if a.numbers & b.numbers else 0.0
    return min(1.0, overlap / opts.evidence_saturation + shared_numbers)


def pair_score(a: LinkFeatures, b: LinkFeatures, *, options: LinkOptions | None = None) -> float:
    """How surely two events are one real-world event (0.0: never linked; else at least the threshold)."""
    opts = options or LinkOptions()
    if a.doc_id == b.doc_id or a.family != b.family:
        return 0.0
    gap = date_gap(a.dates, b.dates)
    if gap is not None and gap > opts.max_date_gap:
        return 0.0
    if gap is None and (date_gap(a.anchor, b.anchor) or 0) > opts.max_hint_gap:
        return 0.0
    sides = sides_score(a, b, opts)
    if sides is None:
        return 0.0
    if different_people(a, b, opts):
        return 0.0  # one side names other people: two meetings of the same states, not one
    same_story = a.page_story is not None and a.page_story == b.page_story
    score = (opts.w_type * (1.0 if a.type == b.type else opts.family_credit) + opts.w_sides * sides
             + opts.w_date * _date_term(a, b, gap, opts) + opts.w_place * _place_term(a, b)
             + opts.w_evidence * evidence_score(a, b, opts) + opts.w_page_story * same_story
             + opts.w_lead * (same_story and a.lead and b.lead))
    needed = opts.threshold if gap == 0 else opts.strong
    return round(score, 6) if score >= needed else 0.0


def conflicting(a: LinkFeatures, b: LinkFeatures, *, options: LinkOptions | None = None) -> bool:
    """Whether two reports of different pages cannot be one event whatever else links them: their
    sides conflict (:func:`sides_score` is ``None``: other states, or the sides the wrong way round
    for a one-way type) or they name different people (:func:`different_people`). Clustering never
    puts such a pair in one story (a cannot-link), even when each is linked to a third report. Reports
    of two kinds one of their pages reports as two acts (:func:`kinds_apart`) are kept apart too."""
    opts = options or LinkOptions()
    if a.doc_id == b.doc_id or a.family != b.family:
        return False
    return sides_score(a, b, opts) is None or different_people(a, b, opts) or kinds_apart(a, b)


def scored_pairs(new: Sequence[LinkFeatures], candidates: Mapping[str, Iterable[str]],
                 features: Mapping[str, LinkFeatures], *, options: LinkOptions | None = None) -> list[tuple[str, str, float]]:
    """Scored links ``(a, b, score)`` with ``a < b`` between new events and their candidates."""
    links: dict[tuple[str, str], float] = {}
    for f in new:
        for other in candidates.get(f.event_id, ()):
            key = (min(f.event_id, other), max(f.event_id, other))
            if key in links or other not in features:
                continue
            links[key] = pair_score(f, features[other], options=options)
    return [(a, b, s) for (a, b), s in sorted(links.items()) if s > 0]


# -- clustering ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """A report to cluster: its page and its reported date range."""

    doc_id: str
    dates: tuple[int, int] | None


def cluster(nodes: Mapping[str, Node], links: Iterable[tuple[str, str, float]], *,
            max_date_gap: int = LinkOptions.max_date_gap, min_support: float = 0.3,
            apart: Callable[[str, str], bool] | None = None) -> dict[str, str]:
    """Every node → a representative node of its cluster (best links first, under constraints).

    Two clusters merge only when no page is in both, every reported date stays within
    ``max_date_gap`` days of every other, and at least ``min_support`` of the pairs across them
    are linked (one stray link does not chain two stories together), and no pair across them is
    ``apart`` (a cannot-link: :func:`conflicting` reports). The result depends only on the nodes,
    links and ``apart`` given.
    """
    ordered = sorted(links, key=lambda link: (-link[2], link[0], link[1]))
    linked = {(a, b) for a, b, _ in ordered} | {(b, a) for a, b, _ in ordered}
    parent = {n: n for n in nodes}
    members = {n: [n] for n in nodes}
    docs = {n: {node.doc_id} for n, node in nodes.items()}
    span = {n: node.dates for n, node in nodes.items()}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in ordered:
        ra, rb = root(a), root(b)
        if ra == rb or docs[ra] & docs[rb] or not _spans_fit(span[ra], span[rb], max_date_gap):
            continue
        if _support(members[ra], members[rb], linked) < min_support:
            continue
        if apart is not None and any(apart(x, y) for x in members[ra] for y in members[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep] += members.pop(gone)
        docs[keep] |= docs.pop(gone)
        span[keep] = _merged_span(span[keep], span.pop(gone))
    return {n: root(n) for n in nodes}


def _support(a: Sequence[str], b: Sequence[str], linked: set[tuple[str, str]]) -> float:
    """The share of pairs across two clusters that are linked."""
    return sum((x, y) in linked for x in a for y in b) / (len(a) * len(b))


def _spans_fit(a: tuple[int, int] | None, b: tuple[int, int] | None, gap: int) -> bool:
    merged = _merged_span(a, b)
    return merged is None or merged[0] - merged[1] <= gap


def _merged_span(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """The latest start and earliest end of the reported ranges (start > end: they disagree by that much)."""
    if a is None or b is None:
        return a or b
    return max(a[0], b[0]), min(a[1], b[1])


def groups(assignment: Mapping[str, str]) -> list[list[str]]:
    """The clusters of an assignment, each sorted, in order of their first member."""
    members: dict[str, list[str]] = defaultdict(list)
    for node, rep in assignment.items():
        members[rep].append(node)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


# -- story events -------------------------------------------------------------------------------

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def story_id_for(event_id: str) -> str:
    """The story id derived from its earliest report's event id."""
    return f"story-{hashlib.sha1(event_id.encode('utf-8')).hexdigest()[:16]}"


def _published(pages: Mapping[str, PageInfo], doc_id: str) -> str:
    page = pages.get(doc_id)
    return page.published if page and page.published else "9999-12-31"


def _precision(e: Event) -> int:
    if not e.date:
        return 0
    return _PRECISION_RANK.get(e.date_precision or "", len(e.date.split("-")))


def _canonical(events: Sequence[Event], pages: Mapping[str, PageInfo]) -> Event:
    """The report that speaks for the story: dated most precisely, naming most actors, most confident."""
    def rank(e: Event) -> tuple:
        named = sum(1 for p in (*e.actors, *e.recipients) if p.actor_id)
        return (-_precision(e), -named, -e.confidence, _published(pages, e.doc_id), e.event_id)

    return min(events, key=rank)


def _story_date(events: Sequence[Event]) -> tuple[str | None, str | None]:
    """The most specific reported date (most reported, then earliest among equals) and its precision."""
    dated = [e for e in events if e.date and day_range(e.date)]
    if not dated:
        return None, None
    counts = Counter(e.date for e in dated)
    best = min(dated, key=lambda e: (-_precision(e), -counts[e.date], e.date))
    return best.date, best.date_precision or {3: "day", 2: "month", 1: "year"}.get(_precision(best))


def _story_place(events: Sequence[Event]) -> Event | None:
    """A report placing the event where most reports do (most frequent country, then place words)."""
    placed = [e for e in events if e.location]
    if not placed:
        return None
    countries = Counter(e.location.country for e in placed if e.location and e.location.country)
    texts = Counter(e.location.text.lower() for e in placed if e.location)
    return min(placed, key=lambda e: (-countries.get(e.location.country, 0) if e.location else 0,
                                      -texts[e.location.text.lower()] if e.location else 0,
                                      -(e.location.lat is not None) if e.location else 0, e.event_id))


def _swapped(e: Event, canonical: Event) -> bool:
    """Whether a report names the canonical report's sides the other way round."""
    direct = len(e.actor_codes() & canonical.actor_codes()) + len(e.recipient_codes() & canonical.recipient_codes())
    crossed = len(e.actor_codes() & canonical.recipient_codes()) + len(e.recipient_codes() & canonical.actor_codes())
    return crossed > direct


def _story_sides(events: Sequence[Event], canonical: Event) -> tuple[StorySide, ...]:
    """Every distinct participant of the reports, on the canonical report's sides."""
    found: dict[str, list[EventParticipant]] = {"actor": [], "recipient": []}
    seen: set[tuple[str, str]] = set()
    ordered = [canonical, *(e for e in events if e is not canonical)]
    for e in ordered:
        actors, recipients = (e.recipients, e.actors) if _swapped(e, canonical) else (e.actors, e.recipients)
        for side, group in (("actor", actors), ("recipient", recipients)):
            for p in group:
                key = (side, p.actor_id or f"{p.name or p.text}|{p.country}")
                if key not in seen:
                    seen.add(key)
                    found[side].append(p)
    return tuple(StorySide(side=side, seq=i, actor_id=p.actor_id, name=p.name or p.text, country=p.country,
                           sector=p.sector) for side in ("actor", "recipient") for i, p in enumerate(found[side]))


def build_story(events: Sequence[Event], pages: Mapping[str, PageInfo]) -> StoryEvent:
    """One story event from the reports of one cluster (``pages``: the store's page information)."""
    reports = sorted(events, key=lambda e: (_published(pages, e.doc_id), e.event_id))
    canonical = _canonical(reports, pages)
    date, precision = _story_date(reports)
    type_counts = Counter(e.type for e in reports)
    story_type = max(type_counts, key=lambda t: (type_counts[t], t == canonical.type, t))
    coded = canonical if canonical.type == story_type else next(e for e in reports if e.type == story_type)
    place = _story_place(reports)
    loc = place.location if place else None
    published = sorted(p.published for d in {e.doc_id for e in reports} if (p := pages.get(d)) and p.published)
    return StoryEvent(
        story_id=story_id_for(reports[0].event_id), type=story_type, canonical_event_id=canonical.event_id,
        pages=len({e.doc_id for e in reports}),
        sources=len({pages[e.doc_id].source if e.doc_id in pages else f"page:{e.doc_id}" for e in reports}),
        date=date, date_precision=precision, date_source="reported" if date else None,
        location_text=loc.text if loc else None, location_country=loc.country if loc else None,
        location_lat=loc.lat if loc else None, location_lon=loc.lon if loc else None,
        first_seen=published[0] if published else None, last_seen=published[-1] if published else None,
        quad_class=coded.quad_class, goldstein=coded.goldstein, sides=_story_sides(reports, canonical),
        reports=tuple(StoryReport(event_id=e.event_id, doc_id=e.doc_id, inferred_date=None if e.date else date)
                      for e in reports),
        disagreements=tuple(find_disagreements(reports)),
    )


# -- linking in memory --------------------------------------------------------------------------


def link_features(features: Sequence[LinkFeatures], *, options: LinkOptions | None = None) -> dict[str, str]:
    """Every event → its cluster's representative, linking everything at once (no store)."""
    opts = options or LinkOptions()
    index = BlockIndex()
    features = with_page_kinds(features, features, opts)
    by_id = {f.event_id: f for f in features}
    candidates: dict[str, set[str]] = {}
    for f in features:
        keys = f.keys()
        candidates[f.event_id] = index.candidates(keys)
        index.add(f.event_id, keys)
    links = scored_pairs(features, candidates, by_id, options=opts)
    nodes = {f.event_id: Node(doc_id=f.doc_id, dates=f.dates) for f in features}
    return cluster(nodes, links, max_date_gap=opts.story_date_gap, min_support=opts.min_support,
                   apart=_apart(by_id, opts))


def _apart(features: Mapping[str, LinkFeatures], opts: LinkOptions) -> Callable[[str, str], bool]:
    """The cannot-link test of :func:`cluster` over these events' features (:func:`conflicting`)."""
    def apart(a: str, b: str) -> bool:
        fa, fb = features.get(a), features.get(b)
        return fa is not None and fb is not None and conflicting(fa, fb, options=opts)
    return apart


def link_stories(events: Sequence[Event], pages: Mapping[str, PageInfo] | None = None, *,
                 options: LinkOptions | None = None) -> list[StoryEvent]:
    """Story events of in-memory events (factual ones only), linking everything at once."""
    pages = pages or {}
    factual = [e for e in events if e.factual]
    features = _features(factual, pages, lead_events(factual))
    by_id = {e.event_id: e for e in factual}
    return [build_story([by_id[i] for i in members], pages)
            for members in groups(link_features(features, options=options))]


# -- linking the store, incrementally -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkEventsReport:
    """What a story-linking pass did, and the number of stories after it."""

    new_events: int
    gone_events: int
    links: int
    rebuilt: int
    stories: int
    seconds: float


def link_events(store: Store, *, options: LinkOptions | None = None, rebuild: bool = False,
                relink: Iterable[str] = ()) -> LinkEventsReport:
    """Link the stored factual events not linked yet into story events (one transaction).

    Events that are gone (their page was read again) leave their stories; only the clusters the
    new and gone events touch are rebuilt. Events in ``relink`` (a side moved to another canonical
    actor; a side whose actor was only renamed keeps its links), and those of pages whose page story or date hint changed since they were linked, leave their
    stories and are linked again as new, so the stories are those of linking every event at once. ``rebuild`` forgets every story first and links
    all events again (after the options changed).
    """
    started = time.perf_counter()
    opts = options or LinkOptions()
    if rebuild:
        clear_stories(store)
    links: list[tuple[str, str, float]] = []
    rebuilt = 0
    with store.transaction():
        pages = page_infos(store)
        stale = linked_among(store, relink) | linked_events_of(store, changed_page_state(store, pages))
        gone_ids = linked_gone_events(store)
        new_ids, gone = sorted(unlinked_factual_events(store) | (stale - gone_ids)), sorted(gone_ids | stale)
        if new_ids or gone:
            links, rebuilt, rebuilt_pages = _link_pass(store, new_ids, gone, opts, pages)
            apply_relative_dates(store, rebuilt_pages)
    stories = store.con.execute("SELECT count(*) FROM story_events").fetchone()[0]
    report = LinkEventsReport(new_events=len(new_ids), gone_events=len(gone), links=len(links), rebuilt=rebuilt,
                              stories=stories, seconds=time.perf_counter() - started)
    log.info("linked %d new events (%d gone): %d links, %d stories rebuilt, %d stories",
             report.new_events, report.gone_events, report.links, rebuilt, stories)
    return report


def _link_pass(store: Store, new_ids: Sequence[str], gone: Sequence[str], opts: LinkOptions,
               pages: Mapping[str, PageInfo]) -> tuple[list[tuple[str, str, float]], int, set[str]]:
    """Score the new events' candidates and rebuild the stories they and the gone ones touch: the new
    links, the number of stories rebuilt and the pages whose events are in them."""
    touched = {x for a, b, _ in links_touching(store, gone) for x in (a, b)}
    touched |= {e for members in stories_of(store, gone).values() for e in members}
    forget_events(store, gone)
    new_features = _stored_features(store, load_events_by_id(store, new_ids), pages)
    rows = [(f.event_id, k.block, k.bucket) for f in new_features for k in f.keys()]
    insert_blocks(store, rows)
    candidates = probe_blocks(store, rows, reach=REACH)
    wanted = set().union(*candidates.values()) - set(new_ids) if candidates else set()
    old_features = _stored_features(store, load_events_by_id(store, wanted), pages)
    features = {f.event_id: f for f in (*new_features, *old_features)}
    links = scored_pairs(new_features, candidates, features, options=opts)
    insert_links(store, links)
    seeds = (set(new_ids) | touched) - (set(gone) - set(new_ids))
    members, component_links = _components(store, seeds)
    events = load_events_by_id(store, members)
    member_features = _member_features(store, events, pages, opts)
    nodes = {f.event_id: Node(doc_id=f.doc_id, dates=f.dates) for f in member_features.values()}
    by_id = {e.event_id: e for e in events}
    stories = [build_story([by_id[i] for i in group], pages)
               for group in groups(cluster(nodes, component_links, max_date_gap=opts.story_date_gap,
                                                min_support=opts.min_support, apart=_apart(member_features, opts)))]
    replace_stories(store, stories, forget=stories_of(store, [*members, *gone]).keys())
    return links, len(stories), {e.doc_id for e in events}


def lead_events(events: Iterable[Event]) -> set[str]:
    """The first factual event (by evidence position) of each page."""
    first: dict[str, Event] = {}
    for e in events:
        if e.factual and (e.doc_id not in first or (e.evidence.start, e.event_id) < (
                first[e.doc_id].evidence.start, first[e.doc_id].event_id)):
            first[e.doc_id] = e
    return {e.event_id for e in first.values()}


def _features(events: Iterable[Event], pages: Mapping[str, PageInfo], leads: set[str]) -> list[LinkFeatures]:
    none = PageInfo(doc_id="", published=None, outlet=None, source="")
    return [features_of(e, published=(page := pages.get(e.doc_id, none)).date_hint, page_story=page.page_story,
                        lead=e.event_id in leads) for e in events]


def _stored_features(store: Store, events: Sequence[Event], pages: Mapping[str, PageInfo]) -> list[LinkFeatures]:
    """:func:`_features` of stored events, their pages' lead events read for those pages only."""
    return _features(events, pages, lead_event_ids(store, {e.doc_id for e in events}))


def _member_features(store: Store, events: Sequence[Event], pages: Mapping[str, PageInfo],
                     opts: LinkOptions) -> dict[str, LinkFeatures]:
    """The features of the events to cluster, with their pages' kinds (:func:`with_page_kinds`)."""
    leads = lead_event_ids(store, {e.doc_id for e in events})
    own = _features(events, pages, leads)
    loaded = {f.event_id for f in own}
    mate_ids = set(factual_event_ids(store, {e.doc_id for e in events})) - loaded
    mates = [*own, *_features(load_events_by_id(store, mate_ids), pages, leads)]
    return {f.event_id: f for f in with_page_kinds(own, mates, opts)}


def _components(store: Store, seeds: Iterable[str]) -> tuple[set[str], list[tuple[str, str, float]]]:
    """The events linked (directly or not) to ``seeds``, and their links."""
    members = set(seeds)
    frontier = set(members)
    links: set[tuple[str, str, float]] = set()
    while frontier:
        found = links_touching(store, frontier)
        links.update(found)
        frontier = {x for a, b, _ in found for x in (a, b)} - members
        members |= frontier
    return members, sorted(links)
