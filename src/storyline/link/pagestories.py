"""Page stories: pages that report the same news EVENT (not merely the same topic), grouped as news
aggregators group them.

A page is seen through (1) its TF-IDF word vector and (2) its SALIENT SPECIFICS (``PageFeatures.specifics``):
the words of the named entities of its reading, the numbers it writes in digits, the days, months and
years it names, its named actors and places, each weighted by sublinear count times IDF within the store.
Two reports of one event name the same people, places, counts and days; two events of one kind (two
earthquakes, two meetings of the same leaders) differ in them. IDF is ``ln((1 + n + idf_prior) / (1 + df))``
over the stored pages with no offset, so what every page of a topic shares weighs little; the small
``idf_prior`` keeps a tiny corpus from zeroing it. Words and specifics are mixed as ``text_weight`` :
``1 - text_weight`` (words alone when a side has no specifics). The content score is multiplied by a
date factor over the pages' date windows (:func:`date_factor`): 0 when the windows lie ``window_days``
apart, 1 when the likely days agree, and ``unknown_date_factor`` when a day is unknown, so an undated
page joins only on strong content. (A bonus for pages whose first events share a type and one named
actor was dropped: different meetings of the same people share that, two reports of one meeting often
do not.) Where no page of the store has a publication or comment date, missing dates are not discounted.

Linkage (``linkage``): "global" (default) is average-linkage agglomeration (:func:`agglomerate`): the two
groups with the highest mean pairwise page similarity merge first, while that mean reaches ``threshold``,
never across pages kept apart by their events (``keep_apart``, :mod:`storyline.link.apart`) and never into
a story whose pages were published ``story_days`` or more apart (undated pages like two dated ones a year
apart could otherwise bridge them). "centroid" compares a page, or a story, with a story by the cosine
of their centroids times the mean date factor over the pairs, page by page in publication order;
"average" takes the mean pairwise similarity instead of the centroids' cosine.

Two levels (``topic_threshold`` > 0, the default): the pages are first grouped into topics by the same
average linkage at the lower ``topic_threshold``, and each topic's pages are clustered at ``threshold``
with IDF counted over that topic alone (:func:`_two_level`). In a store that mixes many topics, as a news
stream does, the words a topic's pages share ("earthquake", "rehab") are rare in the store and would
otherwise weigh as much as what tells two events of that kind apart. Three things make the result the
same whether a topic shares its store with others or has it alone:

1. the first level weighs words with IDF smoothed by ``topic_idf_prior`` (1000) imagined pages lacking
   every word (:func:`_store_level`): in a store of 30 pages of one topic the words they all share still
   weigh about what they weigh in a store of many topics, so the topic is not split at the first level
   (a split there is never joined again);
2. the second level compares the pairs the first level compared (pages sharing a blocking key chosen
   by the first level's weights, where the topic's own words rank high): blocking keys chosen by the
   topic's IDF are each page's rarest words, which two reports of one event seldom share, and a pair
   sharing no key counts 0 in the average;
3. pages the agglomeration leaves alone or in a small group (at most ``attach_size`` pages, 4) join
   the topic's larger story they are nearest to (mean similarity over all their pairs, topic IDF) while
   that reaches ``topic_threshold`` (``attach_lone``, :func:`_attach_small`): a short note or a report
   told from another side shares few of the words that weigh within the topic, yet belongs to one of
   its events. Two groups larger than that never merge in this step.

Why 3 matters for robustness: within an ECB+ topic, the two events of one kind are each reported by many
pages, and their mean similarity lies at one level in most topics (0.018-0.0195 on the odd topics), while
small groups of one event often reach their event only at 0.02-0.028. With lone pages alone attached,
``threshold`` had to sit between the two, on the edge of a cliff (0.018: 0.86 per topic, 0.84 mixed on the
odd topics). With small groups attached, ``threshold`` only has to keep the events' large groups apart,
and the result holds from 0.02 to 0.05 (odd topics: 0.928-0.942 per topic, 0.922-0.944 mixed); the default
0.03 lies in the middle of that range. Below 0.02 the events of one kind still merge (0.018: 0.86 per
topic, 0.84 mixed).

Measured on ECB+ (settings chosen on the odd topics only; the even topics are the check half), each
figure from the stores read once and kept (``--keep DIR``), then clustered afresh: all 33 available
topics in one store (``python -m storyline.eval.ecbplus ../shared/data/ecbplus --mixed``) B-cubed F1
0.927 (odd 0.944, even 0.921); each topic in a store of its own (``python -m storyline.eval.ecbplus
../shared/data/ecbplus``) 0.930 (odd 0.942, even 0.919). With lone pages only attached at the former
threshold (``attach_size=1 threshold=0.02``): 0.922 and 0.924. Before 1-3: 0.893 and 0.877. A plain
TF-IDF + average-link baseline (``--baseline THRESHOLD``) peaks at 0.875 per topic (0.12) and 0.865
mixed (0.2). Without 1 (``topic_idf_prior=3``) the per-topic figure falls back (first-level splits),
without 3 (``attach_lone=false``) both lose recall. A penalty on pages whose figures and days all differ
(similarity times 0.7 when both name some and share none) moved the cliff lower but cost the odd topics
at the default (0.937 per topic) and was left out. ``topic_threshold=0`` gives the one-pass clustering
(0.790 mixed, 0.899 per topic).

Incremental: pages already placed keep their story. With "global", the new pages are clustered together
with the placed stories they share a blocking key with (one of their ``block_terms`` heaviest words, or an
entity): a story grows or merges, never splits, and the oldest story's id survives; a new story's id
derives from its first page (``ps-`` and a hash of its id). On a store (:func:`storyline.link.link_pages`)
a pass loads only the new pages and those stories (:mod:`storyline.link.storyindex`): IDF over the store
comes from document frequencies kept as pages are counted (:class:`Counts`), the placed pages a new page
may join are found in SQL from kept blocking words and the entities' mentions, among pages whose date
windows lie less than ``window_days`` apart (farther, their similarity is 0), each key bringing at most
``max_candidates`` of them (nearest in date first, then latest), and each story entering with at most its
``max_story_pages`` latest pages; the second level's topic IDF needs only the topic's pages, all loaded.
A store clustered in one pass never reaches these bounds and is clustered as before: the ECB+ and
development figures above are unchanged. With ``python -m storyline.bench.stream --pages 5000 --batch
1000 --reuse-readings --n-process 1`` page stories take 18.0, 27.7, 19.5, 30.0, 16.7 s per batch (12.0 to
19.6 s when each pass weighed the whole store; figures of a shared 2-core machine, ±50% per batch), and
10.7 to 32.1 s over 8 batches with ``--pages 10000``; the README's scale section has the rest. With "centroid"
or "average", each new page (in publication order, undated pages last, then by id) joins the nearest
story among placed pages sharing a blocking key if it reaches ``threshold``, or starts one; then the
stories touched merge with their nearest story while the link reaches the threshold (``group_factor``
times it between two stories of several pages). A near-duplicate joins its representative's story.

Why these defaults (measured with ``python -m storyline.eval.pagestories``, ``python -m
storyline.eval.ecbplus`` and ``python -m storyline.eval.stories``, each with ``--set KEY=VALUE``): two
reports of one ECB+ event are little alike in words (pairwise similarity median 0.06), less than undated
reports of different meetings of the same commanders on the sample pages (0.085-0.096), so a threshold low
enough for ECB+ (0.03, average linkage) merges the sample pages on words alone; the events the pages
report keep those apart (``keep_apart``: the meetings name different generals). At these defaults: ECB+
B-cubed F1 0.930 per topic (P 0.93, R 0.93), 0.927 mixed; sample pages exact; development pages pairwise
precision 0.49, recall 1.0 as read (12 stories for 20: their 44 pages of one crisis are one topic,
clustered as one, and different stories of it a few days apart, such as a strike and the boycott it
caused, share a story; 0.45 with threshold 0.02 and lone pages only attached); event story pairs on the
development pages, reclustered (``storyline.eval.stories``), 0.81 / 0.91 (0.80 / 0.91 with those). The
former default, ``linkage=centroid threshold=0.12 block_terms=10 keep_apart=false``, gives the development
pages precision 0.71 but ECB+ only 0.73 (P 0.98, R 0.58).
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Literal, Protocol, get_args, get_origin, get_type_hints

from storyline.link.features import (
    PageFeatures,
    SparseVector,
    cosine,
    idf_table,
    normalised,
    weighted,
)
from storyline.store.links import PageStory

log = logging.getLogger(__name__)


class ApartAmong(Protocol):
    """The pages kept apart among ``doc_ids`` (:mod:`storyline.link.apart`); pages ``together`` maps to
    one story already made need not be compared."""

    def __call__(self, doc_ids: Collection[str], together: Mapping[str, str] | None = None
                 ) -> Mapping[str, frozenset[str]]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryOptions:
    """Settings of page-story clustering (one setting for every corpus)."""

    threshold: float = 0.03
    group_factor: float = 0.6
    text_weight: float = 0.5
    unknown_date_factor: float = 0.4
    idf_prior: float = 3.0
    full_days: int = 3
    window_days: int = 14
    story_days: int = 180
    block_terms: int = 20
    max_posting: int = 2000
    max_candidates: int = 50
    max_story_pages: int = 100
    linkage: Literal["centroid", "average", "global"] = "global"
    keep_apart: bool = True
    topic_threshold: float = 0.01
    topic_idf_prior: float = 1000.0
    attach_lone: bool = True
    attach_size: int = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class _Page:
    features: PageFeatures
    text: SparseVector
    entities: SparseVector
    keys: tuple[str, ...]
    first_day: int | None = None  # the date window's bounds as ordinals (:func:`window_gap`'s bounds)
    last_day: int | None = None


def _window(f: PageFeatures) -> tuple[int | None, int | None]:
    first, last = f.not_before or f.published, f.not_after or f.published
    return (first.toordinal() if first else None, last.toordinal() if last else None)


def far_apart(a: _Page, b: _Page, days: int) -> bool:
    """Whether the pages' date windows lie ``days`` or more apart (``window_gap(a, b) >= days``), read
    from their ordinals: most pairs a pass meets are years apart, and this decides them without the
    dates, tuples and cache entries of :func:`page_similarity`."""
    if days <= 0:
        return True
    return (a.first_day is not None and b.last_day is not None and a.first_day - b.last_day >= days) \
        or (b.first_day is not None and a.last_day is not None and b.first_day - a.last_day >= days)


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def options_with(settings: Iterable[str], base: StoryOptions | None = None) -> StoryOptions:
    """``base`` (the default options) with ``KEY=VALUE`` settings applied, each value read as its field's type.

    Raises ``ValueError`` naming the setting when a key is not an option, a number does not parse or is
    negative, or ``linkage`` is not one of its values.
    """
    options = base or StoryOptions()
    kinds = get_type_hints(StoryOptions)
    changes: dict[str, object] = {}
    for setting in settings:
        key, sep, raw = setting.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or key not in kinds:
            names = ", ".join(f.name for f in fields(StoryOptions))
            raise ValueError(f"{setting!r}: not a KEY=VALUE setting of page-story clustering (keys: {names})")
        kind = kinds[key]
        if kind is bool:
            if raw.lower() not in _BOOLEANS:
                raise ValueError(f"{setting!r}: {key} is true or false")
            changes[key] = _BOOLEANS[raw.lower()]
            continue
        if get_origin(kind) is Literal:
            if raw not in get_args(kind):
                raise ValueError(f"{setting!r}: {key} is one of {', '.join(get_args(kind))}")
            changes[key] = raw
            continue
        try:
            value = kind(raw)
        except ValueError:
            raise ValueError(f"{setting!r}: {key} takes a number ({kind.__name__})") from None
        if value < 0:
            raise ValueError(f"{setting!r}: {key} cannot be negative")
        changes[key] = value
    return replace(options, **changes)


def story_id_for(doc_id: str) -> str:
    """The id of the story a page starts: stable, derived from the page's id."""
    return "ps-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """Document frequencies counted over a whole store, for weighing some of its pages without the others:
    ``n`` pages, and the number of pages holding each word (``terms``) and each specific (``specifics``)
    of the pages weighed (a key missing counts as held by none)."""

    n: int
    terms: Mapping[str, int]
    specifics: Mapping[str, int]


def _idf(df: Mapping[str, int], n: int, prior: float) -> dict[str, float]:
    return {k: math.log((1 + n + prior) / (1 + c)) for k, c in df.items()}


def _prepare(features: Sequence[PageFeatures], options: StoryOptions, counts: Counts | None = None) -> dict[str, _Page]:
    """The pages weighed with IDF over ``features`` (or over the store ``counts`` describe) and their
    blocking keys: their ``block_terms`` heaviest words and their entities."""
    if counts is None:
        term_idf, n = idf_table((f.terms for f in features), offset=0.0, prior=options.idf_prior)
        specific_idf, _ = idf_table((f.specifics for f in features), offset=0.0, prior=options.idf_prior)
    else:
        n = counts.n
        term_idf, specific_idf = _idf(counts.terms, n, options.idf_prior), _idf(counts.specifics, n, options.idf_prior)
    default_idf = math.log(2 + n + options.idf_prior)
    pages = {}
    for f in features:
        text = weighted(f.terms, term_idf, default_idf=default_idf)
        entities = weighted(f.specifics, specific_idf, default_idf=default_idf)
        top = sorted(text, key=lambda t: (-text[t], t))[: options.block_terms]
        first_day, last_day = _window(f)
        pages[f.doc_id] = _Page(features=f, text=text, entities=entities,
                                keys=(*(f"t:{t}" for t in top), *sorted(f.entities)),
                                first_day=first_day, last_day=last_day)
    log.debug("prepared %d pages (%d words)", len(pages), len(term_idf))
    return pages


def prepare_store_level(features: Sequence[PageFeatures], options: StoryOptions, counts: Counts | None = None
                        ) -> dict[str, _Page]:
    """The pages as the store-wide pass of "global" linkage weighs them, with their blocking keys (their
    heaviest words, ``t:<word>``, and their entities)."""
    return _prepare(features, _store_level(options), counts)


def for_corpus(features: Sequence[PageFeatures], options: StoryOptions) -> StoryOptions:
    """The options for these pages: where no page has a publication or comment date (a bare text
    collection such as ECB+), a missing date tells nothing, so it is not discounted."""
    if any(f.published or f.not_after for f in features):
        return options
    log.debug("no page has a publication date: dates are not weighed")
    return replace(options, unknown_date_factor=1.0)


def window_gap(a: PageFeatures, b: PageFeatures) -> int:
    """Days between the two pages' date windows (0 when they overlap or a bound is missing)."""
    pairs = ((a.not_before or a.published, b.not_after or b.published),
             (b.not_before or b.published, a.not_after or a.published))
    return max([0, *((lo - hi).days for lo, hi in pairs if lo and hi)])


def estimate(page: PageFeatures) -> date | None:
    """The page's likely day: published, else its first comment's day, else the latest day it names."""
    return page.likely


def date_factor(a: PageFeatures, b: PageFeatures, options: StoryOptions) -> float:
    """How far the pages' dates let them report one event (a factor on their similarity).

    0 when their date windows lie ``window_days`` or more apart; for two published pages, 1 up to
    ``full_days`` apart falling linearly to 0 at ``window_days``; 1 when their likely dates lie within
    ``full_days``; else (a date unknown, or the dates say nothing) ``unknown_date_factor``.
    """
    gap = window_gap(a, b)
    if gap >= options.window_days:
        return 0.0
    if a.published and b.published:
        return _falloff(gap, options)
    ea, eb = estimate(a), estimate(b)
    if ea and eb and abs((ea - eb).days) <= options.full_days:
        return 1.0
    return options.unknown_date_factor


def _span(page: PageFeatures) -> tuple[int | None, int | None]:
    """The page's publication day as a span of ordinals (both unknown for an unpublished page): a story's
    span is bounded by its published pages only, since a day an undated page names may be long past."""
    day = page.published.toordinal() if page.published else None
    return (day, day)


def _falloff(gap: int, options: StoryOptions) -> float:
    if gap <= options.full_days:
        return 1.0
    return (options.window_days - gap) / (options.window_days - options.full_days)


def content_similarity(a: _Page, b: _Page, options: StoryOptions) -> float:
    """Words and entities mixed as ``text_weight``."""
    score = cosine(a.text, b.text)
    if a.entities and b.entities:
        score = options.text_weight * score + (1 - options.text_weight) * cosine(a.entities, b.entities)
    return min(score, 1.0)


def page_similarity(a: _Page, b: _Page, options: StoryOptions) -> float:
    factor = date_factor(a.features, b.features, options)
    return content_similarity(a, b, options) * factor if factor else 0.0


def _centroid(vectors: Sequence[SparseVector]) -> SparseVector:
    """The unit-length sum of ``vectors``: what a group's pages have in common weighs most."""
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for k, v in vector.items():
            total[k] += v
    return normalised(total)


def _order(pages: Iterable[_Page]) -> list[_Page]:
    return sorted(pages, key=_rank)


def _rank(page: _Page) -> tuple[bool, date, str]:
    when = page.features.published
    return (when is None, when or date.min, page.features.doc_id)


class _Stories:
    """Placed pages: their stories, each story's members, and a blocking index over the pages."""

    def __init__(self, pages: Mapping[str, _Page], options: StoryOptions,
                 apart: Mapping[str, frozenset[str]] | None = None, *,
                 too_common: Collection[str] | None = None) -> None:
        self.pages = pages
        self.options = options
        self.apart = apart or {}
        self.too_common = too_common
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.story: dict[str, str] = {}
        self.members: dict[str, list[str]] = defaultdict(list)
        self._sims: dict[tuple[str, str], float] = {}

    def add(self, doc_id: str, story_id: str) -> None:
        self.story[doc_id] = story_id
        self.members[story_id].append(doc_id)
        for key in self.pages[doc_id].keys:
            self.postings[key].append(doc_id)

    def neighbours(self, doc_id: str) -> set[str]:
        """Placed pages sharing a blocking key with ``doc_id`` (keys held by too many pages are skipped:
        more than ``max_posting`` here, or, given ``too_common``, those keys, counted over the store)."""
        found: set[str] = set()
        for key in self.pages[doc_id].keys:
            posting = self.postings.get(key, ())
            if key not in self.too_common if self.too_common is not None else len(posting) <= self.options.max_posting:
                found.update(posting)
        found.discard(doc_id)
        return found

    def similarity(self, a: str, b: str) -> float:
        if far_apart(self.pages[a], self.pages[b], self.options.window_days):
            return 0.0  # what page_similarity gives them, decided without building the pair
        pair = (a, b) if a < b else (b, a)
        if pair not in self._sims:
            self._sims[pair] = page_similarity(self.pages[a], self.pages[b], self.options)
        return self._sims[pair]

    def link(self, docs: Sequence[str], story_id: str) -> float:
        """How near ``docs`` are to the story: centroid link or average link (the page-by-page linkages)."""
        members = self.members[story_id]
        if self.options.linkage == "centroid":
            return self.centroid_link(docs, members)
        return sum(self.similarity(a, b) for a in docs for b in members) / (len(docs) * len(members))

    def centroid_link(self, docs: Sequence[str], members: Sequence[str]) -> float:
        """Cosine of the two groups' centroids (words and specifics mixed as for pages) times the mean
        date factor over all pairs."""
        o = self.options
        ta, tb = _centroid([self.pages[d].text for d in docs]), _centroid([self.pages[d].text for d in members])
        ea, eb = _centroid([self.pages[d].entities for d in docs]), _centroid([self.pages[d].entities for d in members])
        score = cosine(ta, tb)
        if ea and eb:
            score = o.text_weight * score + (1 - o.text_weight) * cosine(ea, eb)
        pairs = [(self.pages[a], self.pages[b]) for a in docs for b in members]
        factor = sum(date_factor(a.features, b.features, o) for a, b in pairs) / len(pairs)
        return min(score, 1.0) * factor

    def best(self, docs: Sequence[str], *, exclude: str | None = None) -> tuple[float, str] | None:
        """The nearest story to ``docs`` whose link reaches the threshold (``group_factor`` times it when
        both sides hold several pages: their centroids average out each page's own words)."""
        stories = {self.story[n] for d in docs for n in self.neighbours(d)} - {exclude}
        ranked = [(self.link(docs, s), s) for s in sorted(stories) if not self.kept_apart(docs, s)]
        return max(((score, s) for score, s in ranked if score >= self._threshold(docs, s)), default=None)

    def kept_apart(self, docs: Sequence[str], story_id: str) -> bool:
        """Whether a page of ``docs`` reports another event than a page of the story (``apart``)."""
        members = self.members[story_id]
        return any(not self.apart.get(d, frozenset()).isdisjoint(members) for d in docs)

    def _threshold(self, docs: Sequence[str], story_id: str) -> float:
        o = self.options
        return o.threshold * (o.group_factor if len(docs) > 1 and len(self.members[story_id]) > 1 else 1.0)

    def merge(self, keep: str, gone: str) -> None:
        for doc_id in self.members.pop(gone):
            self.story[doc_id] = keep
            self.members[keep].append(doc_id)


def assign_stories(
    features: Sequence[PageFeatures],
    *,
    placed: Mapping[str, PageStory] | None = None,
    duplicate_of: Mapping[str, str] | None = None,
    options: StoryOptions | None = None,
    apart: Mapping[str, frozenset[str]] | None = None,
    apart_among: ApartAmong | None = None,
    prepared: Callable[[Mapping[str, _Page]], None] | None = None,
) -> list[PageStory]:
    """Stories of the pages not yet ``placed``, and of placed pages whose story merged into another.

    ``apart`` gives the pages kept apart (:mod:`storyline.link.apart`); ``apart_among`` instead gives
    them among the pages it is handed, asked only for the pages a "global" pass clusters (the new
    pages and the stories they touch), so the cost does not grow with the store. ``prepared`` is handed
    the pages as a "global" pass weighs them (to keep their blocking keys).

    1. each new page joins the nearest story by average link, or starts one;
    2. stories touched in 1 merge with their nearest story while the average link reaches the
       threshold (the older story's id survives).
    """
    options = for_corpus(features, options or StoryOptions())
    if apart is None and apart_among is not None:
        if options.linkage == "global":
            return _global_stories(features, dict(placed or {}), duplicate_of or {}, options, apart_among, prepared)
        apart = apart_among([f.doc_id for f in features])
    if options.linkage == "global":
        return _global_stories(features, dict(placed or {}), duplicate_of or {}, options,
                               lambda _items, _together=None: apart or {}, prepared)
    placed = dict(placed or {})
    pages = _prepare(features, options)
    stories = _Stories(pages, options, apart)
    for page in _order(p for p in pages.values() if p.features.doc_id in placed):
        stories.add(page.features.doc_id, placed[page.features.doc_id].story_id)
    scores: dict[str, float | None] = {}
    for page in _order(p for p in pages.values() if p.features.doc_id not in placed):
        story_id, scores[page.features.doc_id] = _place(page.features.doc_id, stories, duplicate_of or {})
        stories.add(page.features.doc_id, story_id)
    _merge_touched(stories, {stories.story[d] for d in scores}, pages)
    return [PageStory(doc_id=d, story_id=s, score=scores.get(d, placed[d].score if d in placed else None))
            for d, s in sorted(stories.story.items()) if d in scores or placed[d].story_id != s]


def _place(doc_id: str, stories: _Stories, duplicate_of: Mapping[str, str]) -> tuple[str, float | None]:
    head = duplicate_of.get(doc_id)
    if head in stories.story:
        return stories.story[head], 1.0
    best = stories.best([doc_id])
    if best is None:
        return story_id_for(doc_id), None
    return best[1], round(best[0], 4)


def _merge_touched(stories: _Stories, touched: set[str], pages: Mapping[str, _Page]) -> None:
    """Merge each touched story into its nearest story while one reaches the threshold."""
    first = {s: min(_rank(pages[d]) for d in m) for s, m in stories.members.items()}
    queue = sorted(touched, key=lambda s: first[s])
    while queue:
        story_id = queue.pop(0)
        if story_id not in stories.members:
            continue
        best = stories.best(stories.members[story_id], exclude=story_id)
        if best is None:
            continue
        keep, gone = sorted((story_id, best[1]), key=lambda s: first[s])
        stories.merge(keep, gone)
        log.debug("merged story %s into %s (average link %.3f)", gone, keep, best[0])
        queue.append(keep)


_NEW = "\x00"


def _global_stories(features: Sequence[PageFeatures], placed: Mapping[str, PageStory],
                    duplicate_of: Mapping[str, str], options: StoryOptions,
                    apart_among: ApartAmong,
                    prepared: Callable[[Mapping[str, _Page]], None] | None = None) -> list[PageStory]:
    """Stories by average-linkage agglomerative clustering (``linkage`` "global"): the two groups with the
    highest mean pairwise page similarity merge first, while that mean reaches ``threshold`` (pairs sharing
    no blocking key count 0), never across pages kept ``apart``.

    Incremental: the new pages are clustered together with the stories of the placed pages they share a
    blocking key with, each such story entering whole (placed stories never split); other stories are
    not touched. With nothing placed, every page is clustered at once. A story's id is that of its oldest
    placed story, else it derives from its first page. A near-duplicate joins its representative's story.
    """
    pages = _prepare(features, _store_level(options))
    if prepared is not None:
        prepared(pages)
    heads = {d: duplicate_of[d] for d in pages if duplicate_of.get(d) in pages and duplicate_of[d] != d}
    return cluster_global({d: p for d, p in pages.items() if d not in heads}, placed, heads, options, apart_among)


def cluster_global(pages: Mapping[str, _Page], placed: Mapping[str, PageStory], heads: Mapping[str, str],
                   options: StoryOptions, apart_among: ApartAmong, *,
                   too_common: Collection[str] | None = None) -> list[PageStory]:
    """The "global" clustering of ``pages`` (weighed for the store-wide pass; near-duplicates left out):
    the pages not ``placed`` with the placed stories they share a blocking key with. ``placed`` holds the
    stories of the placed pages given and of the near-duplicates of ``heads`` (copy → representative) and
    their representatives. Given only some of a store's pages (those of the stories new pages may join),
    ``too_common`` names the blocking keys more than ``max_posting`` of the store's pages hold."""
    stories = _Stories(pages, options, too_common=too_common)
    order = [p.features.doc_id for p in _order(stories.pages.values())]
    for doc_id in order:  # a new page is a story of its own until clustered
        stories.add(doc_id, placed[doc_id].story_id if doc_id in placed else _NEW + doc_id)
    new = [d for d in order if d not in placed]
    touched = {stories.story[n] for d in new for n in (stories.neighbours(d) | {d})}
    items = [d for d in order if stories.story[d] in touched]
    initial = [m for s, m in stories.members.items() if s in touched and not s.startswith(_NEW)]
    spans = {d: _span(pages[d].features) for d in items}
    together = {d: stories.story[d] for d in items if not stories.story[d].startswith(_NEW)}
    apart = apart_among(items, together) if items else {}  # pages of one story made before only grow together
    if options.topic_threshold > 0:
        groups = _two_level(items, stories, initial, spans, options, apart)
    else:
        groups = agglomerate(items, stories.neighbours, stories.similarity, options.threshold, apart=apart,
                             groups=initial, spans=spans, max_gap=options.story_days)
    rank = {d: i for i, d in enumerate(order)}
    rows = []
    for members in groups:
        old = sorted((d for d in members if d in placed), key=rank.__getitem__)
        story_id = placed[old[0]].story_id if old else story_id_for(min(members, key=rank.__getitem__))
        rows += [PageStory(doc_id=d, story_id=story_id, score=None) for d in members
                 if d not in placed or placed[d].story_id != story_id]
    story_of = {**{d: p.story_id for d, p in placed.items()}, **{r.doc_id: r.story_id for r in rows}}
    rows += [PageStory(doc_id=d, story_id=story_of[h], score=1.0) for d, h in heads.items()
             if h in story_of and (d not in placed or placed[d].story_id != story_of[h])]
    return sorted(rows, key=lambda r: r.doc_id)


def _store_level(options: StoryOptions) -> StoryOptions:
    """The options the store-wide pass weighs pages with: with two levels, IDF smoothed by
    ``topic_idf_prior`` imagined pages, so that the words a topic's pages share weigh about as much in a
    store holding that topic alone as in one mixing many topics (ln((1 + n + prior) / (1 + df)))."""
    if options.topic_threshold > 0:
        return replace(options, idf_prior=options.topic_idf_prior)
    return options


def _two_level(items: Sequence[str], stories: _Stories, initial: Sequence[Sequence[str]],
               spans: Mapping[str, tuple[int | None, int | None]], options: StoryOptions,
               apart: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """Topics first, then events within each topic with the topic's own IDF.

    In a store that mixes many topics, the words a topic's pages share (the kind of event: "earthquake",
    "rehab") are rare in the store and weigh as much as what tells two events of that kind apart. So the
    pages are first grouped into topics at ``topic_threshold`` with the store's IDF, and each topic's pages
    are clustered again at ``threshold`` with IDF counted over that topic alone, as if it were a store of
    its own. Stories already made (``initial``) lie inside one topic and only grow.
    """
    topics = agglomerate(items, stories.neighbours, stories.similarity, options.topic_threshold, apart=apart,
                         groups=initial, spans=spans, max_gap=options.story_days)
    groups: list[list[str]] = []
    for topic in topics:
        if len(topic) == 1:
            groups.append(topic)
            continue
        members = set(topic)
        local = _Stories(_prepare([stories.pages[d].features for d in topic], options), options)
        made = [g for g in initial if g[0] in members]
        found = agglomerate(topic, stories.neighbours, local.similarity, options.threshold, apart=apart,
                            groups=made, spans=spans, max_gap=options.story_days)
        if options.attach_lone and options.attach_size > 0:
            found = _attach_small(found, local.similarity, options.topic_threshold, size=options.attach_size,
                                  apart=apart, spans=spans, max_gap=options.story_days)
        groups += found
    return groups


def _attach_small(groups: Sequence[Sequence[str]], similarity: Callable[[str, str], float], threshold: float, *,
                  size: int, apart: Mapping[str, frozenset[str]],
                  spans: Mapping[str, tuple[int | None, int | None]], max_gap: int) -> list[list[str]]:
    """Groups of at most ``size`` pages join groups of more, nearest first, while the mean similarity over
    all their pairs (blocking keys or not) reaches ``threshold``, unless kept apart or too far in time.

    Average linkage continued with one rule (:func:`agglomerate`'s ``join_size``): a merge must join a
    small group to a larger one, so two groups of several pages never merge here. Within one topic, a
    page whose report of an event shares few of the words that weigh there (a short note, a report told
    from another side), or a few such pages, are left apart by the agglomeration at ``threshold``
    though they belong to the topic; their nearest event is where they most likely belong. Two events
    of one kind, each reported by several pages, stay apart: their merge is the one a threshold set
    too low makes, and it is not made here.
    """
    items = [d for g in groups for d in g]
    small = {d for g in groups if len(g) <= size for d in g}
    if not small or len(small) == len(items):
        return [sorted(g) for g in groups]
    return agglomerate(items, lambda d: items if d in small else small, similarity, threshold, apart=apart,
                       groups=groups, spans=spans, max_gap=max_gap, join_size=size)


def agglomerate(items: Sequence[str], neighbours: Callable[[str], Iterable[str]],
                similarity: Callable[[str, str], float], threshold: float, *,
                apart: Mapping[str, frozenset[str]] | None = None,
                groups: Iterable[Sequence[str]] = (),
                spans: Mapping[str, tuple[int | None, int | None]] | None = None,
                max_gap: int | None = None, join_size: int = 0) -> list[list[str]]:
    """Average-linkage agglomerative clustering over a sparse similarity: groups of ``items``.

    Only pairs of ``neighbours`` are compared (others count 0); the closest two groups (highest mean
    similarity over all their member pairs) merge while that mean reaches ``threshold``, unless an item
    of one is ``apart`` from an item of the other (a cannot-link), or, given ``spans`` (an item's earliest
    and latest possible day as ordinals, either unknown) and ``max_gap``, the merged group would hold
    two items whose spans lie ``max_gap`` days or more apart. ``groups`` are groups already made (of
    ``items``; the other items start alone): they only grow. With ``join_size`` > 0, a merge must join a
    group of at most ``join_size`` items to a larger one (:func:`_attach_small`).
    """
    apart = apart or {}
    owner = {d: d for d in items}
    members = {d: [d] for d in items}
    for group in groups:
        head, *rest = group
        for d in rest:
            del members[d]
            owner[d] = head
        members[head] = list(group)
    barred = {g: {x for d in m for x in apart.get(d, ())} for g, m in members.items()}
    bounds = {g: _bounds([(spans or {}).get(d, (None, None)) for d in m]) for g, m in members.items()}
    totals: dict[str, dict[str, float]] = {g: {} for g in members}
    for a in items:
        for b in neighbours(a):
            if a < b and b in owner and owner[a] != owner[b] and (score := similarity(a, b)) > 0:
                ga, gb = owner[a], owner[b]
                totals[ga][gb] = totals[gb][ga] = totals[ga].get(gb, 0.0) + score
    heap = [(-score / (len(members[a]) * len(members[b])), a, b)
            for a in members for b, score in totals[a].items() if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in totals[a]:
            continue
        mean = totals[a][b] / (len(members[a]) * len(members[b]))
        if not math.isclose(mean, -negative):
            continue  # a stale entry: one of the groups has grown since
        if mean < threshold:
            break
        merged = _bounds([bounds[a], bounds[b]])
        if join_size and (len(members[a]) <= join_size) == (len(members[b]) <= join_size):
            continue  # only a small group joining a larger one
        if not barred[a].isdisjoint(members[b]) or (max_gap is not None and _gap(merged) >= max_gap):
            continue  # kept apart; the pair stays out, the next closest may still merge
        members[a] += members.pop(b)
        barred[a] |= barred.pop(b)
        bounds[a] = merged
        del bounds[b]
        for c, score in totals.pop(b).items():
            del totals[c][b]
            if c != a:
                totals[a][c] = totals[c][a] = totals[a].get(c, 0.0) + score
        for c, score in totals[a].items():
            heapq.heappush(heap, (-score / (len(members[a]) * len(members[c])), *sorted((a, c))))
    return [sorted(m) for m in members.values()]


def _bounds(spans: Iterable[tuple[int | None, int | None]]) -> tuple[int | None, int | None]:
    """The latest earliest day and the earliest latest day of a group's items (the widest gap is their difference)."""
    spans = list(spans)
    los = [lo for lo, _ in spans if lo is not None]
    his = [hi for _, hi in spans if hi is not None]
    return (max(los) if los else None, min(his) if his else None)


def _gap(bounds: tuple[int | None, int | None]) -> int:
    lo, hi = bounds
    return 0 if lo is None or hi is None else lo - hi
