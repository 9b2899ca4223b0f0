"""Storing links between pages: MinHash signatures, near-duplicates and page stories.

Each save replaces the rows of the pages it names in one transaction, so a cut-off linking pass
leaves every table as it was before the pass or as it is after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from storyline.store.database import Store, insert_rows

DuplicateKind = Literal["recapture", "syndication"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """The MinHash signature of one version of a page's article text."""

    doc_id: str
    version: int
    minhash: np.ndarray


@dataclass(frozen=True, slots=True, kw_only=True)
class NearDuplicate:
    """A page whose article text repeats the representative page ``duplicate_of``.

    ``kind`` is ``syndication`` when the two pages come from different known outlets (the same
    story carried by two sites: one independent source), else ``recapture`` (the same page captured
    twice, or outlets unknown).
    """

    doc_id: str
    duplicate_of: str
    similarity: float
    outlet: str | None = None
    duplicate_outlet: str | None = None

    @property
    def kind(self) -> DuplicateKind:
        if self.outlet and self.duplicate_outlet and self.outlet != self.duplicate_outlet:
            return "syndication"
        return "recapture"


@dataclass(frozen=True, slots=True, kw_only=True)
class PageStory:
    """A page's story: ``score`` is its similarity to the story when it joined (``None`` for a story's first page)."""

    doc_id: str
    story_id: str
    score: float | None


def latest_versions(store: Store) -> dict[str, int]:
    """The latest version of every stored document."""
    return dict(store.con.execute("SELECT doc_id, max(version) FROM documents GROUP BY doc_id").fetchall())


def count_documents(store: Store) -> int:
    """How many pages are stored (any version)."""
    return store.con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0]


def load_signatures(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, Signature]:
    """The stored signatures of every page, or of ``doc_ids``."""
    sql, params = "SELECT doc_id, version, minhash FROM page_signatures", []
    if doc_ids is not None:
        sql, params = sql + " WHERE doc_id IN (SELECT unnest(?))", [sorted(set(doc_ids))]
    rows = store.con.execute(sql, params).fetchall()
    return {r[0]: Signature(doc_id=r[0], version=r[1], minhash=np.asarray(r[2], dtype=np.uint64)) for r in rows}


def save_signatures(store: Store, signatures: Sequence[Signature], *, bands: Sequence[tuple[str, str]] = ()) -> None:
    """Replace the signatures of these pages, and their LSH band keys ``(doc_id, band)``."""
    with store.transaction():
        _delete(store, "page_signatures", [s.doc_id for s in signatures])
        _delete(store, "signature_bands", [s.doc_id for s in signatures])
        _insert(store, "page_signatures", [[s.doc_id, s.version, [int(v) for v in s.minhash]] for s in signatures])
        _insert(store, "signature_bands", [list(b) for b in bands])


def unsigned_versions(store: Store) -> list[tuple[str, int]]:
    """Latest versions not signed yet ``(doc_id, version)``, in id order."""
    return store.con.execute(
        "SELECT l.doc_id, l.version FROM (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l "
        "LEFT JOIN page_signatures s ON s.doc_id = l.doc_id AND s.version = l.version "
        "WHERE s.doc_id IS NULL ORDER BY l.doc_id").fetchall()


def stale_signatures(store: Store) -> set[str]:
    """Pages signed at an older version than their latest."""
    return {r[0] for r in store.con.execute(
        "SELECT s.doc_id FROM page_signatures s JOIN (SELECT doc_id, max(version) AS version FROM documents "
        "GROUP BY doc_id) l USING (doc_id) WHERE s.version <> l.version").fetchall()}


def band_candidates(store: Store, doc_ids: Iterable[str]) -> dict[str, set[str]]:
    """Each of ``doc_ids`` → the other signed pages sharing one of its LSH bands."""
    found: dict[str, set[str]] = {d: set() for d in doc_ids}
    if found:
        for a, b in store.con.execute(
            "SELECT DISTINCT n.doc_id, o.doc_id FROM signature_bands n JOIN signature_bands o USING (band) "
            "WHERE n.doc_id IN (SELECT unnest(?)) AND o.doc_id <> n.doc_id", [sorted(found)]).fetchall():
            found[a].add(b)
    return found


def near_duplicate_groups(store: Store, doc_ids: Iterable[str]) -> list[NearDuplicate]:
    """The near-duplicate rows of every group holding one of ``doc_ids`` (as a copy or its representative)."""
    ids = sorted(set(doc_ids))
    if not ids:
        return []
    rows = store.con.execute(
        """
        WITH heads AS (SELECT duplicate_of AS head FROM near_duplicates WHERE doc_id IN (SELECT unnest(?))
                       UNION SELECT unnest(?))
        SELECT doc_id, duplicate_of, similarity FROM near_duplicates WHERE duplicate_of IN (SELECT head FROM heads)
        ORDER BY doc_id
        """, [ids, ids]).fetchall()
    return [NearDuplicate(doc_id=r[0], duplicate_of=r[1], similarity=r[2]) for r in rows]


def unbanded_signatures(store: Store) -> list[str]:
    """Signed pages without LSH band keys (signed before migration 13)."""
    return [r[0] for r in store.con.execute(
        "SELECT doc_id FROM page_signatures s WHERE NOT EXISTS "
        "(SELECT 1 FROM signature_bands b WHERE b.doc_id = s.doc_id) ORDER BY doc_id").fetchall()]


def count_near_duplicates(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM near_duplicates").fetchone()[0]


def published_days(store: Store, doc_ids: Iterable[str]) -> dict[str, object]:
    """The publication date of the latest version of each of ``doc_ids`` (``None`` when undated)."""
    return dict(store.con.execute(
        "SELECT doc_id, arg_max(published, version) FROM documents WHERE doc_id IN (SELECT unnest(?)) GROUP BY doc_id",
        [sorted(set(doc_ids))]).fetchall())


def load_near_duplicates(store: Store) -> list[NearDuplicate]:
    """Every near-duplicate row with the outlets of both pages, in id order."""
    rows = store.con.execute(
        """
        WITH outlets AS (SELECT doc_id, arg_max(outlet, version) AS outlet FROM documents GROUP BY doc_id)
        SELECT n.doc_id, n.duplicate_of, n.similarity, a.outlet, b.outlet FROM near_duplicates n
        LEFT JOIN outlets a ON a.doc_id = n.doc_id LEFT JOIN outlets b ON b.doc_id = n.duplicate_of
        ORDER BY n.doc_id
        """
    ).fetchall()
    return [NearDuplicate(doc_id=r[0], duplicate_of=r[1], similarity=r[2], outlet=r[3], duplicate_outlet=r[4])
            for r in rows]


def replace_near_duplicates(store: Store, rows: Sequence[NearDuplicate], *, doc_ids: Iterable[str]) -> None:
    """Delete the rows of ``doc_ids`` (as duplicates or representatives) and insert ``rows``."""
    ids = sorted(set(doc_ids) | {r.doc_id for r in rows})
    with store.transaction():
        if ids:
            store.con.execute("DELETE FROM near_duplicates WHERE doc_id IN (SELECT unnest(?)) "
                              "OR duplicate_of IN (SELECT unnest(?))", [ids, ids])
        _insert(store, "near_duplicates", [[r.doc_id, r.duplicate_of, r.similarity] for r in rows])


def load_page_stories(store: Store) -> dict[str, PageStory]:
    rows = store.con.execute("SELECT doc_id, story_id, score FROM page_stories ORDER BY doc_id").fetchall()
    return {r[0]: PageStory(doc_id=r[0], story_id=r[1], score=r[2]) for r in rows}


def save_page_stories(store: Store, rows: Sequence[PageStory], *, forget: Iterable[str] = (),
                      renamed: Mapping[str, str] | None = None) -> None:
    """Insert or replace the stories of ``rows``' pages and delete those of ``forget``, after moving every
    page of each story ``old`` of ``renamed`` to story ``renamed[old]``."""
    with store.transaction():
        rename_stories(store, renamed or {})
        _delete(store, "page_stories", [*forget, *(r.doc_id for r in rows)])
        _insert(store, "page_stories", [[r.doc_id, r.story_id, r.score] for r in rows])


def _delete(store: Store, table: str, doc_ids: list[str]) -> None:
    if doc_ids:
        store.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])  # noqa: S608


def _insert(store: Store, table: str, rows: list[list[object]]) -> None:
    insert_rows(store.con, table, rows)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    """What page linking needs of a stored page besides its words: the latest version's id, outlet,
    publication day and URL (ISO), and the day of its first dated reader comment."""

    doc_id: str
    version: int
    outlet: str | None
    published: str | None
    url: str | None
    first_comment_day: str | None


def latest_page_meta(store: Store, doc_ids: Sequence[str] | None = None) -> list[PageMeta]:
    """Every stored page's (or each of ``doc_ids``') :class:`PageMeta` (latest version), in id order."""
    among = "" if doc_ids is None else " WHERE doc_id IN (SELECT unnest($ids))"
    also = "" if doc_ids is None else " AND doc_id IN (SELECT unnest($ids))"
    rows = store.con.execute(
        f"""
        WITH latest AS (SELECT doc_id, max(version) AS version FROM documents{among} GROUP BY doc_id),
        firsts AS (SELECT doc_id, version, strftime(min(posted_at), '%Y-%m-%d') AS day FROM comments
                   WHERE posted_at IS NOT NULL{also} GROUP BY doc_id, version)
        SELECT d.doc_id, d.version, d.outlet, strftime(d.published, '%Y-%m-%d'), d.url, f.day
        FROM documents d JOIN latest USING (doc_id, version) LEFT JOIN firsts f USING (doc_id, version)
        ORDER BY d.doc_id
        """, {} if doc_ids is None else {"ids": list(doc_ids)}  # noqa: S608 - a fixed condition
    ).fetchall()
    return [PageMeta(doc_id=r[0], version=r[1], outlet=r[2], published=r[3], url=r[4], first_comment_day=r[5])
            for r in rows]


def load_page_terms(store: Store, doc_ids: Sequence[str] | None = None) -> dict[tuple[str, int], str]:
    """The stored word counts (JSON) of every page version linked so far (or of ``doc_ids``):
    ``(doc_id, version)`` → JSON."""
    sql, params = "SELECT doc_id, version, terms FROM page_terms", []
    if doc_ids is not None:
        sql, params = sql + " WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
    return {(r[0], r[1]): r[2] for r in store.con.execute(sql, params).fetchall()}


def save_page_terms(store: Store, rows: Sequence[tuple[str, int, str]]) -> None:
    """Store word counts ``(doc_id, version, JSON)``, replacing those of the pages' older versions."""
    if not rows:
        return
    with store.transaction():
        _delete(store, "page_terms", [r[0] for r in rows])
        _insert(store, "page_terms", [list(r) for r in rows])


@dataclass(frozen=True, slots=True, kw_only=True)
class CountedPage:
    """What a page version adds to the store's document frequencies (``link_counts``): its words, its
    specifics other than entities (entities are counted from the mentions as they stand), whether it is
    dated, and its date window (ISO days)."""

    doc_id: str
    version: int
    terms: Sequence[str]
    specifics: Sequence[str]
    dated: bool
    not_before: str | None
    not_after: str | None


def uncounted_pages(store: Store) -> list[str]:
    """Pages whose latest version, as read now, is not counted in ``link_counts`` yet, in id order (each
    counted page keeps its place in the order pages were counted, ``seq``)."""
    return [r[0] for r in store.con.execute(
        "WITH latest AS (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) "
        "SELECT l.doc_id FROM latest l LEFT JOIN read_state r ON r.doc_id = l.doc_id AND r.version = l.version "
        "LEFT JOIN page_counted c ON c.doc_id = l.doc_id "
        "WHERE c.doc_id IS NULL OR c.version <> l.version OR c.read_at IS DISTINCT FROM r.read_at "
        "ORDER BY l.doc_id").fetchall()]


def save_counted(store: Store, pages: Sequence[CountedPage]) -> None:
    """Count these pages in ``link_counts`` in place of what their earlier counted versions added."""
    if not pages:
        return
    import json
    from collections import Counter

    ids = [p.doc_id for p in pages]
    delta: Counter[tuple[str, str]] = Counter()
    for terms, specifics in store.con.execute(
            "SELECT terms, specifics FROM page_counted WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall():
        delta.subtract({("term", t): 1 for t in json.loads(terms)})
        delta.subtract({("specific", k): 1 for k in json.loads(specifics)})
    for p in pages:
        delta.update({("term", t): 1 for t in p.terms})
        delta.update({("specific", k): 1 for k in p.specifics})
    with store.transaction():
        _delete(store, "page_counted", ids)
        first = store.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM page_counted").fetchone()[0]
        store.con.execute(
            "INSERT INTO page_counted SELECT p.doc_id, p.version, r.read_at, p.terms, p.specifics, p.dated, "
            "p.not_before::DATE, p.not_after::DATE, p.seq FROM (SELECT unnest(?) AS doc_id, unnest(?) AS version, "
            "unnest(?) AS terms, unnest(?) AS specifics, unnest(?) AS dated, unnest(?::VARCHAR[]) AS not_before, "
            "unnest(?::VARCHAR[]) AS not_after, unnest(?::BIGINT[]) AS seq) p "
            "LEFT JOIN read_state r ON r.doc_id = p.doc_id AND r.version = p.version",
            [ids, [p.version for p in pages], [json.dumps(sorted(p.terms), ensure_ascii=False) for p in pages],
             [json.dumps(sorted(p.specifics), ensure_ascii=False) for p in pages], [p.dated for p in pages],
             [p.not_before for p in pages], [p.not_after for p in pages], list(range(first, first + len(pages)))])
        changes = [(kind, key, df) for (kind, key), df in delta.items() if df]
        if changes:
            store.con.execute("CREATE OR REPLACE TEMP TABLE _delta AS SELECT unnest(?) AS kind, unnest(?) AS key, "
                              "unnest(?) AS df", [[c[0] for c in changes], [c[1] for c in changes], [c[2] for c in changes]])
            store.con.execute("UPDATE link_counts SET df = link_counts.df + d.df FROM _delta d "
                              "WHERE link_counts.kind = d.kind AND link_counts.key = d.key")
            store.con.execute("INSERT INTO link_counts SELECT d.kind, d.key, d.df FROM _delta d WHERE NOT EXISTS "
                              "(SELECT 1 FROM link_counts c WHERE c.kind = d.kind AND c.key = d.key)")
            store.con.execute("DELETE FROM link_counts WHERE df <= 0")
            store.con.execute("DROP TABLE _delta")


def counted_totals(store: Store) -> tuple[int, int]:
    """How many pages are counted, and how many of them are dated."""
    n, dated = store.con.execute("SELECT count(*), count(*) FILTER (WHERE dated) FROM page_counted").fetchone()
    return n, dated


def document_frequencies(store: Store, terms: Iterable[str], specifics: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """How many counted pages hold each of ``terms`` and each of ``specifics`` (``actor:`` and ``place:``
    keys counted from the mentions as they stand), keys held by none left out."""
    found: dict[str, dict[str, int]] = {"term": {}, "specific": {}}
    plain = sorted({k for k in specifics if not k.startswith(("actor:", "place:"))})
    for kind, keys in (("term", sorted(set(terms))), ("specific", plain)):
        if keys:
            found[kind] = dict(store.con.execute(
                "SELECT key, df FROM link_counts WHERE kind = ? AND key IN (SELECT unnest(?))", [kind, keys]).fetchall())
    entity = sorted({k for k in specifics if k.startswith(("actor:", "place:"))})
    if entity:
        found["specific"].update(store.con.execute(
            f"WITH e AS ({_ENTITY_KEYS}) SELECT key, count(DISTINCT doc_id) FROM e GROUP BY key",  # noqa: S608
            {"keys": entity}).fetchall())
    return found["term"], found["specific"]


# the (doc_id, key) rows of the entity keys in $keys, as page linking names a page's entities
_ENTITY_KEYS = (
    "SELECT DISTINCT m.doc_id, 'actor:' || m.actor_id AS key FROM actor_mentions m JOIN actors a USING (actor_id) "
    "WHERE a.kind NOT IN ('role', 'group') AND 'actor:' || m.actor_id IN (SELECT unnest($keys)) "
    "UNION SELECT DISTINCT doc_id, CASE WHEN geonames_id IS NOT NULL THEN 'place:' || geonames_id "
    "ELSE 'place:' || lower(name) END AS key FROM place_mentions WHERE name IS NOT NULL AND "
    "(CASE WHEN geonames_id IS NOT NULL THEN 'place:' || geonames_id ELSE 'place:' || lower(name) END) "
    "IN (SELECT unnest($keys))"
)


def save_blocks(store: Store, keys: dict[str, Sequence[str]]) -> None:
    """Replace the word blocking keys (``t:<word>``) kept for these pages."""
    rows = [[d, k] for d, ks in keys.items() for k in ks if k.startswith("t:")]
    with store.transaction():
        _delete(store, "page_blocks", sorted(keys))
        _insert(store, "page_blocks", rows)


def _held(store: Store, keys: Iterable[str], skip: Iterable[str]) -> None:
    """Fill the temporary table ``_held`` (doc_id, key): the pages not in ``skip`` that hold one of ``keys``
    (kept words, or entities as their mentions stand)."""
    store.con.execute(
        f"CREATE OR REPLACE TEMP TABLE _held AS SELECT doc_id, key FROM ({_ENTITY_KEYS} "  # noqa: S608
        "UNION ALL SELECT doc_id, key FROM page_blocks WHERE key IN (SELECT unnest($keys))) h "
        "WHERE doc_id NOT IN (SELECT unnest($skip))", {"keys": sorted(set(keys)), "skip": sorted(set(skip))})


def common_keys(store: Store, keys: Iterable[str], *, skip: Iterable[str], max_posting: int) -> set[str]:
    """Those of ``keys`` that more than ``max_posting`` pages not in ``skip`` hold (too common to block on)."""
    keys = sorted(set(keys))
    if not keys:
        return set()
    _held(store, keys, skip)
    try:
        return {r[0] for r in store.con.execute(
            "SELECT key FROM _held GROUP BY key HAVING count(DISTINCT doc_id) > ?", [max_posting]).fetchall()}
    finally:
        store.con.execute("DROP TABLE IF EXISTS _held")


def block_postings(store: Store, keys: dict[str, Sequence[str]], *, skip: Iterable[str], max_posting: int,
                   window_days: int, max_candidates: int) -> set[str]:
    """The pages sharing a blocking key with one of ``keys``' pages (page → its keys: kept words and
    entities) whose date windows lie less than ``window_days`` apart (pages farther apart cannot be
    alike), ``skip``'s pages and those pages left out; keys more than ``max_posting`` pages not skipped
    hold are too common to block on. Each key brings a page at most ``max_candidates`` pages: the
    dated ones nearest in date first, then the latest counted."""
    wanted = sorted({k for ks in keys.values() for k in ks})
    if not wanted:
        return set()
    common = common_keys(store, wanted, skip=skip, max_posting=max_posting)
    rows = [[d, k] for d, ks in keys.items() for k in ks if k not in common]
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _asked AS SELECT unnest(?) AS doc_id, unnest(?) AS key",
                [[r[0] for r in rows], [r[1] for r in rows]])
    _held(store, {r[1] for r in rows}, skip)
    try:
        return {r[0] for r in con.execute(
            """
            WITH pairs AS (
                SELECT a.doc_id AS asker, key, h.doc_id, o.seq,
                       o.not_before IS NULL AND o.not_after IS NULL AS undated,
                       greatest(coalesce(date_diff('day', o.not_after, n.not_before), 0),
                                coalesce(date_diff('day', n.not_after, o.not_before), 0), 0) AS gap
                FROM _held h JOIN _asked a USING (key)
                LEFT JOIN page_counted n ON n.doc_id = a.doc_id LEFT JOIN page_counted o ON o.doc_id = h.doc_id
                WHERE h.doc_id NOT IN (SELECT doc_id FROM _asked))
            SELECT DISTINCT doc_id FROM pairs WHERE gap < ?
            QUALIFY row_number() OVER (PARTITION BY asker, key ORDER BY undated, gap, seq DESC NULLS LAST, doc_id)
                    <= ?
            """, [window_days, max_candidates]).fetchall()}
    finally:
        con.execute("DROP TABLE IF EXISTS _asked")
        con.execute("DROP TABLE IF EXISTS _held")


def stories_of(store: Store, doc_ids: Iterable[str]) -> dict[str, PageStory]:
    """The stories of these pages (those placed)."""
    rows = store.con.execute("SELECT doc_id, story_id, score FROM page_stories WHERE doc_id IN (SELECT unnest(?))",
                             [sorted(set(doc_ids))]).fetchall()
    return {r[0]: PageStory(doc_id=r[0], story_id=r[1], score=r[2]) for r in rows}


def story_members(store: Store, story_ids: Iterable[str], *, latest: int | None = None) -> list[str]:
    """The pages of these stories (with ``latest``, each story's ``latest`` pages counted last), in id order."""
    cut = "" if latest is None else " QUALIFY row_number() OVER (PARTITION BY s.story_id ORDER BY c.seq DESC NULLS FIRST, s.doc_id) <= ?"
    return sorted(r[0] for r in store.con.execute(
        "SELECT s.doc_id FROM page_stories s LEFT JOIN page_counted c USING (doc_id) "  # noqa: S608 - a fixed condition
        "WHERE s.story_id IN (SELECT unnest(?))" + cut,
        [sorted(set(story_ids)), *([] if latest is None else [latest])]).fetchall())


def rename_stories(store: Store, renamed: Mapping[str, str]) -> None:
    """Move every page of each story ``old`` of ``renamed`` to story ``renamed[old]`` (a story merged
    into another, some of its pages not loaded), inside the caller's transaction."""
    if renamed:  # inside the caller's transaction
        store.con.execute(
            "UPDATE page_stories SET story_id = r.new FROM (SELECT unnest(?) AS old, unnest(?) AS new) r "
            "WHERE page_stories.story_id = r.old", [list(renamed), list(renamed.values())])


def unplaced_pages(store: Store) -> list[str]:
    """Stored pages without a page story, in id order."""
    return [r[0] for r in store.con.execute(
        "SELECT DISTINCT d.doc_id FROM documents d LEFT JOIN page_stories s USING (doc_id) "
        "WHERE s.doc_id IS NULL ORDER BY d.doc_id").fetchall()]


def count_page_stories(store: Store, *, excluding: Iterable[str] = ()) -> int:
    """How many pages are placed in a story (``excluding`` these)."""
    return store.con.execute("SELECT count(*) FROM page_stories WHERE doc_id NOT IN (SELECT unnest(?))",
                             [sorted(set(excluding))]).fetchone()[0]
