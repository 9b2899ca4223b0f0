"""Storing links between pages: MinHash signatures, near-duplicates and page stories.

Each save replaces the rows of the pages it names in one transaction, so a cut-off linking pass
leaves every table as it was before the pass or as it is after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def save_page_stories(store: Store, rows: Sequence[PageStory], *, forget: Iterable[str] = ()) -> None:
    """Insert or replace the stories of ``rows``' pages and delete those of ``forget``."""
    with store.transaction():
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


def latest_page_meta(store: Store) -> list[PageMeta]:
    """Every stored page's :class:`PageMeta` (latest version), in id order."""
    rows = store.con.execute(
        """
        WITH latest AS (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id),
        firsts AS (SELECT doc_id, version, strftime(min(posted_at), '%Y-%m-%d') AS day FROM comments
                   WHERE posted_at IS NOT NULL GROUP BY doc_id, version)
        SELECT d.doc_id, d.version, d.outlet, strftime(d.published, '%Y-%m-%d'), d.url, f.day
        FROM documents d JOIN latest USING (doc_id, version) LEFT JOIN firsts f USING (doc_id, version)
        ORDER BY d.doc_id
        """
    ).fetchall()
    return [PageMeta(doc_id=r[0], version=r[1], outlet=r[2], published=r[3], url=r[4], first_comment_day=r[5])
            for r in rows]


def load_page_terms(store: Store) -> dict[tuple[str, int], str]:
    """The stored word counts (JSON) of every page version linked so far: ``(doc_id, version)`` → JSON."""
    return {(r[0], r[1]): r[2] for r in store.con.execute("SELECT doc_id, version, terms FROM page_terms").fetchall()}


def save_page_terms(store: Store, rows: Sequence[tuple[str, int, str]]) -> None:
    """Store word counts ``(doc_id, version, JSON)``, replacing those of the pages' older versions."""
    if not rows:
        return
    with store.transaction():
        _delete(store, "page_terms", [r[0] for r in rows])
        _insert(store, "page_terms", [list(r) for r in rows])
