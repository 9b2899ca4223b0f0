"""Links between stored pages: near-duplicates (one independent source) and page stories.

Run :func:`link_pages` after :func:`storyline.pipeline.read_pending`: it signs and links the pages
added since the last pass (pages whose text changed are linked again) and leaves the others alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from storyline.link.apart import store_apart_pages
from storyline.link.features import load_features
from storyline.link.neardup import duplicate_of, find_near_duplicates
from storyline.link.pagestories import ApartAmong, StoryOptions, assign_stories, story_id_for
from storyline.link.storyindex import count_pages, keep_blocks, link_new_pages
from storyline.store import Store
from storyline.store.links import (
    NearDuplicate,
    PageStory,
    count_documents,
    count_page_stories,
    latest_versions,
    load_near_duplicates,
    load_page_stories,
    save_page_stories,
    stale_signatures,
)

log = logging.getLogger(__name__)

__all__ = [
    "LinkReport", "NearDuplicate", "PageStory", "StoryOptions", "independent_sources", "link_pages",
    "load_near_duplicates", "page_story_ids", "recluster", "relink_pages", "story_id_for",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkReport:
    """What a linking pass did, and the totals after it."""

    signed: int
    near_duplicates: int
    placed: int
    stories: int
    seconds: float
    near_duplicate_seconds: float = 0.0
    loaded: frozenset[str] = frozenset()


def link_pages(store: Store, *, options: StoryOptions | None = None) -> LinkReport:
    """Find near-duplicates of, and page stories for, every page not linked at its latest version."""
    started = time.perf_counter()
    stale = _stale(store)
    dup = find_near_duplicates(store)
    dup_seconds = time.perf_counter() - started
    rows: list[PageStory] = []
    loaded: frozenset[str] = frozenset()
    renamed: dict[str, str] = {}
    options = options or StoryOptions()
    if stale or count_page_stories(store) < count_documents(store):
        if options.linkage == "global" and count_page_stories(store, excluding=stale):
            found = link_new_pages(store, stale=stale, heads=duplicates(store), options=options,
                                   apart_among=_apart_among(store, options))
            rows, loaded, renamed = found.rows, found.loaded, found.renamed
        else:
            placed = {k: v for k, v in load_page_stories(store).items() if k not in stale}
            features = load_features(store)
            kept: dict[str, tuple[str, ...]] = {}
            rows = assign_stories(features, placed=placed, duplicate_of=duplicate_of(store), options=options,
                                  apart_among=_apart_among(store, options),
                                  prepared=lambda pages: kept.update({d: p.keys for d, p in pages.items()}))
            count_pages(store, features)
            keep_blocks(store, kept)
            loaded = frozenset(f.doc_id for f in features)
        save_page_stories(store, rows, forget=stale, renamed=renamed)
    stories = store.con.execute("SELECT count(DISTINCT story_id) FROM page_stories").fetchone()[0]
    report = LinkReport(signed=dup.signed, near_duplicates=dup.duplicates, placed=len(rows), stories=stories,
                        seconds=time.perf_counter() - started, near_duplicate_seconds=dup_seconds, loaded=loaded)
    log.info("linked %d pages: %d near-duplicates, %d stories", report.placed, report.near_duplicates, stories)
    return report


def duplicates(store: Store) -> dict[str, str]:
    """Each near-duplicate page → its representative (pages that are their own left out)."""
    return {d: h for d, h in duplicate_of(store).items() if d != h}


def _stale(store: Store) -> set[str]:
    """Pages linked at an older version than their latest (linked again this pass)."""
    return stale_signatures(store)


def page_story_ids(store: Store) -> dict[str, str]:
    """Every linked page → its story id."""
    return dict(store.con.execute("SELECT doc_id, story_id FROM page_stories ORDER BY doc_id").fetchall())


def recluster(store: Store, *, options: StoryOptions | None = None) -> dict[str, str]:
    """Page stories of every stored page computed afresh with ``options``, without storing them: every page
    → its story id. With the default options on a store linked in one pass it gives :func:`page_story_ids`;
    it is how the evaluations compare settings without reading the pages again. Run :func:`link_pages`
    first (near-duplicates join their representative's story)."""
    return {r.doc_id: r.story_id for r in _afresh(store, options)}


def relink_pages(store: Store, *, options: StoryOptions | None = None) -> int:
    """Cluster every stored page afresh with ``options`` and store the stories (replacing all); the
    number of stories. Link events again afterwards (``link_events(store, rebuild=True)``): their
    page-story bonus follows the new stories."""
    rows = _afresh(store, options)
    save_page_stories(store, rows, forget=page_story_ids(store))
    return len({r.story_id for r in rows})


def _afresh(store: Store, options: StoryOptions | None) -> list[PageStory]:
    """Every stored page's story, clustered from scratch with ``options``."""
    return assign_stories(load_features(store), duplicate_of=duplicate_of(store), options=options,
                          apart=_apart(store, options))


def _apart(store: Store, options: StoryOptions | None) -> dict[str, frozenset[str]]:
    """Pages reporting different events of one kind between the same sides (unless ``keep_apart`` is off)."""
    return store_apart_pages(store) if (options or StoryOptions()).keep_apart else {}


def _apart_among(store: Store, options: StoryOptions | None) -> ApartAmong:
    """Pages kept apart among the pages given (none unless ``keep_apart``); pages ``together`` maps to
    one story are not compared."""
    def among(doc_ids: Collection[str], together: Mapping[str, str] | None = None) -> dict[str, frozenset[str]]:
        return store_apart_pages(store, doc_ids=doc_ids, together=together) \
            if (options or StoryOptions()).keep_apart else {}
    return among


def independent_sources(store: Store) -> dict[str, str]:
    """Every stored page → the page that stands for its independent source (itself unless a near-duplicate)."""
    heads = duplicate_of(store)
    return {d: heads.get(d, d) for d in sorted(latest_versions(store))}
