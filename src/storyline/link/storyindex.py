"""What incremental page stories keep in the store, so that a linking pass loads its new pages and their
candidate neighbours, never the whole store.

A page's words and specifics are counted once per version as it is linked (``page_counted``,
``link_counts``: the number of pages holding each word and each specific other than an entity, and the
number of pages); entities (``actor:`` and ``place:`` keys) are counted from the mentions as they stand,
since a canonical actor's id may change. So IDF over the whole store, at the store level and its
``topic_idf_prior``, is read for the words of the pages a pass loads, not computed over every page. A
page read again (same version, new reading) is counted again.

Each linked page's blocking words (its ``block_terms`` heaviest words by the store's IDF when it was
last loaded) are kept (``page_blocks``). A pass:

1. counts the pages not counted at their latest version and reading;
2. weighs the new pages (not placed, or linked at an older version) and keeps their blocking words;
3. finds the placed pages sharing a blocking word or entity with one of them whose date windows lie less
   than ``window_days`` apart (farther apart, their similarity is 0: they cannot join), keys held by more
   than ``max_posting`` pages skipped as in a one-pass clustering;
4. loads the stories of those pages, weighs every loaded page with the store's IDF (keeping their
   blocking words as weighed now) and clusters them with the new pages
   (:func:`storyline.link.pagestories.cluster_global`); the second level's topic IDF needs only the
   topic's pages, all loaded. A story that merges into another takes its pages not loaded along.

Two bounds keep a pass's work and memory flat however large the store grows: a key brings each new
page at most ``max_candidates`` placed pages (the dated ones nearest in date first, then the latest
counted), and a story enters with at most its ``max_story_pages`` latest pages (a larger story is
compared through its latest pages). Neither bound is reached by a store linked in one pass, nor by
stories and keys smaller than the bounds, so such stores get the same stories.

A store linked in one pass is clustered as before (every page at once); its counts and blocking words
are kept for the passes after it. A store linked before these were kept has every page counted, and
its blocking words kept, by its next pass (once).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from storyline.link.features import PageFeatures, load_features
from storyline.link.pagestories import (
    ApartAmong,
    Counts,
    StoryOptions,
    cluster_global,
    prepare_store_level,
)
from storyline.store import Store
from storyline.store.links import (
    CountedPage,
    PageStory,
    block_postings,
    common_keys,
    counted_totals,
    document_frequencies,
    save_blocks,
    rename_stories,
    save_counted,
    stories_of,
    story_members,
    uncounted_pages,
    unplaced_pages,
)

log = logging.getLogger(__name__)

ENTITY_PREFIXES = ("actor:", "place:")


@dataclass(frozen=True, slots=True, kw_only=True)
class IncrementalStories:
    """The page stories an incremental pass stores, the pages whose features it loaded, and the stories
    merged into another (old id → new: their pages not loaded move too)."""

    rows: list[PageStory]
    loaded: frozenset[str]
    renamed: Mapping[str, str]


def counted(features: PageFeatures) -> CountedPage:
    """What one page adds to the store's document frequencies."""
    lo, hi = features.not_before or features.published, features.not_after or features.published
    return CountedPage(doc_id=features.doc_id, version=features.version, terms=sorted(features.terms),
                       specifics=sorted(k for k in features.specifics if not k.startswith(ENTITY_PREFIXES)),
                       dated=bool(features.published or features.not_after),
                       not_before=lo.isoformat() if lo else None, not_after=hi.isoformat() if hi else None)


def count_pages(store: Store, features: Iterable[PageFeatures] = ()) -> list[PageFeatures]:
    """Count the pages not counted at their latest version and reading (``features`` given are used,
    the others loaded); the features of the pages counted."""
    ids = uncounted_pages(store)
    if not ids:
        return []
    given = {f.doc_id: f for f in features}
    found = [given[d] for d in ids if d in given]
    found += load_features(store, doc_ids=[d for d in ids if d not in given])
    save_counted(store, [counted(f) for f in found])
    return found


def counts_for(store: Store, features: Sequence[PageFeatures]) -> Counts:
    """The store's document frequencies of these pages' words and specifics."""
    n, _ = counted_totals(store)
    terms, specifics = document_frequencies(store, {t for f in features for t in f.terms},
                                            {k for f in features for k in f.specifics})
    return Counts(n=n, terms=terms, specifics=specifics)


def keep_blocks(store: Store, keys: Mapping[str, Sequence[str]]) -> None:
    """Keep these pages' blocking words."""
    save_blocks(store, dict(keys))


def link_new_pages(store: Store, *, stale: Collection[str], heads: Mapping[str, str], options: StoryOptions,
                   apart_among: ApartAmong) -> IncrementalStories:
    """Stories of the pages not placed and of ``stale`` pages, with the placed stories they may join
    (``heads``: near-duplicate → representative), loading only those pages."""
    _, dated = counted_totals(store)
    if not dated:
        options = replace(options, unknown_date_factor=1.0)
    new = sorted(set(unplaced_pages(store)) | set(stale))
    new_features = load_features(store, doc_ids=new)
    counted_now = count_pages(store, new_features)
    pages = prepare_store_level(new_features, options, counts_for(store, new_features))
    keep_blocks(store, {d: p.keys for d, p in pages.items()})
    placed_uncounted = [f for f in counted_now if f.doc_id not in pages]
    if placed_uncounted:  # a store linked before migration 14, or placed pages read again: their blocking words
        keep_blocks(store, {d: p.keys for d, p in prepare_store_level(
            placed_uncounted, options, counts_for(store, placed_uncounted)).items()})
    asked = {d: p.keys for d, p in pages.items() if d not in heads}
    found = block_postings(store, asked, skip=heads, max_posting=options.max_posting, window_days=options.window_days,
                           max_candidates=options.max_candidates)
    found -= set(stale)
    touched = {p.story_id for p in stories_of(store, found).values()}
    members = [d for d in story_members(store, touched, latest=options.max_story_pages)
               if d not in heads and d not in pages]
    features = [*new_features, *load_features(store, doc_ids=members)]
    pages = prepare_store_level(features, options, counts_for(store, features))
    keep_blocks(store, {d: p.keys for d, p in pages.items()})
    clustered = {d: p for d, p in pages.items() if d not in heads}
    common = common_keys(store, {k for p in clustered.values() for k in p.keys}, skip=heads,
                         max_posting=options.max_posting)
    placed = {d: p for d, p in stories_of(store, {*pages, *heads, *heads.values()}).items() if d not in stale}
    rows = cluster_global(clustered, placed, heads, options, apart_among, too_common=common)
    renamed = {placed[r.doc_id].story_id: r.story_id for r in rows
               if r.doc_id in placed and placed[r.doc_id].story_id != r.story_id}
    log.info("page stories: %d new pages, %d placed pages of %d stories loaded", len(new), len(members), len(touched))
    return IncrementalStories(rows=rows, loaded=frozenset(pages), renamed=renamed)
