"""Page stories: pages that report the same news event, grouped as news aggregators group them.

Two pages are compared by (1) the cosine of their TF-IDF word vectors, (2) the cosine of their
IDF-weighted entity sets (canonical actors, places), mixed as ``text_weight`` : ``1 - text_weight``
when both pages have entities (words alone otherwise), (3) a bonus when both name the same day, and
(4) a publication-date factor: 1 up to ``full_days`` apart, falling to 0 at ``window_days`` (pages
without a date are not penalised). A page's score for a story is the mean of its ``top_k`` best
similarities to the story's pages.

Incremental and greedy: pages already placed keep their story; each new page (in publication order,
undated pages last, then by id) is compared only with the placed pages that share a blocking key with
it (one of its ``block_terms`` heaviest words, or an entity) within the date window, and joins the
best story scoring at least ``threshold`` or starts a new one, whose id (``ps-`` and a hash of the
page's id) never changes. A near-duplicate joins its representative's story. Word and entity IDF are
computed over all stored pages at each pass, so a page's neighbours weigh words as the corpus does
now; placed pages are never moved.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.link.features import PageFeatures, SparseVector, cosine, idf_table, normalised, weighted
from storyline.store.links import PageStory

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryOptions:
    """Settings of page-story clustering (one setting for every corpus)."""

    threshold: float = 0.3
    text_weight: float = 0.7
    date_bonus: float = 0.1
    full_days: int = 3
    window_days: int = 14
    top_k: int = 3
    block_terms: int = 10
    max_posting: int = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class _Page:
    features: PageFeatures
    text: SparseVector
    entities: SparseVector
    keys: tuple[str, ...]


def story_id_for(doc_id: str) -> str:
    """The id of the story a page starts: stable, derived from the page's id."""
    return "ps-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:12]


def _prepare(features: Sequence[PageFeatures], options: StoryOptions) -> dict[str, _Page]:
    term_idf, n = idf_table(f.terms for f in features)
    entity_idf, _ = idf_table(f.entities for f in features)
    pages = {}
    for f in features:
        text = weighted(f.terms, term_idf, default_idf=1.0)
        entities = normalised({e: entity_idf.get(e, 1.0) for e in f.entities})
        top = sorted(text, key=lambda t: (-text[t], t))[: options.block_terms]
        pages[f.doc_id] = _Page(features=f, text=text, entities=entities,
                                keys=(*(f"t:{t}" for t in top), *sorted(f.entities)))
    log.debug("prepared %d pages (%d words)", n, len(term_idf))
    return pages


def date_factor(a: date | None, b: date | None, options: StoryOptions) -> float:
    """1 for pages published within ``full_days``, falling linearly to 0 at ``window_days``."""
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    if gap <= options.full_days:
        return 1.0
    if gap >= options.window_days:
        return 0.0
    return (options.window_days - gap) / (options.window_days - options.full_days)


def page_similarity(a: _Page, b: _Page, options: StoryOptions) -> float:
    factor = date_factor(a.features.published, b.features.published, options)
    if factor == 0.0:
        return 0.0
    score = cosine(a.text, b.text)
    if a.entities and b.entities:
        score = options.text_weight * score + (1 - options.text_weight) * cosine(a.entities, b.entities)
    if a.features.dates & b.features.dates:
        score += options.date_bonus
    return min(score, 1.0) * factor


def _order(pages: Iterable[_Page]) -> list[_Page]:
    return sorted(pages, key=lambda p: (p.features.published is None, p.features.published or date.min,
                                        p.features.doc_id))


class _Index:
    """Placed pages by blocking key, and their stories."""

    def __init__(self, *, max_posting: int) -> None:
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.story: dict[str, str] = {}
        self.max_posting = max_posting

    def add(self, page: _Page, story_id: str) -> None:
        self.story[page.features.doc_id] = story_id
        for key in page.keys:
            self.postings[key].append(page.features.doc_id)

    def candidates(self, page: _Page) -> set[str]:
        found: set[str] = set()
        for key in page.keys:
            posting = self.postings.get(key, ())
            if len(posting) <= self.max_posting:
                found.update(posting)
        found.discard(page.features.doc_id)
        return found


def _best_story(page: _Page, pages: Mapping[str, _Page], index: _Index,
                options: StoryOptions) -> tuple[str, float] | None:
    scores: dict[str, list[float]] = defaultdict(list)
    for other in index.candidates(page):
        sim = page_similarity(page, pages[other], options)
        if sim > 0.0:
            scores[index.story[other]].append(sim)
    ranked = [(sum(sorted(s, reverse=True)[: options.top_k]) / min(len(s), options.top_k), story)
              for story, s in scores.items()]
    if not ranked:
        return None
    score, story = max(ranked, key=lambda x: (x[0], x[1]))
    return (story, score) if score >= options.threshold else None


def assign_stories(
    features: Sequence[PageFeatures],
    *,
    placed: Mapping[str, PageStory] | None = None,
    duplicate_of: Mapping[str, str] | None = None,
    options: StoryOptions | None = None,
) -> list[PageStory]:
    """Stories of the pages not yet ``placed`` (pages placed before keep theirs and are not returned)."""
    options = options or StoryOptions()
    placed = dict(placed or {})
    duplicate_of = duplicate_of or {}
    pages = _prepare(features, options)
    index = _Index(max_posting=options.max_posting)
    for page in _order(p for p in pages.values() if p.features.doc_id in placed):
        index.add(page, placed[page.features.doc_id].story_id)
    new: list[PageStory] = []
    for page in _order(p for p in pages.values() if p.features.doc_id not in placed):
        row = _place(page, pages, index, duplicate_of, options)
        index.add(page, row.story_id)
        new.append(row)
    return new


def _place(page: _Page, pages: Mapping[str, _Page], index: _Index, duplicate_of: Mapping[str, str],
           options: StoryOptions) -> PageStory:
    doc_id = page.features.doc_id
    head = duplicate_of.get(doc_id)
    if head in index.story:
        return PageStory(doc_id=doc_id, story_id=index.story[head], score=1.0)
    best = _best_story(page, pages, index, options)
    if best is None:
        return PageStory(doc_id=doc_id, story_id=story_id_for(doc_id), score=None)
    return PageStory(doc_id=doc_id, story_id=best[0], score=round(best[1], 4))
