"""Storing and reading what the comments stage finds (data access only).

Tables (migration 8): ``comment_analyses`` (language, toxicity, constructiveness, spam, repost keys
and links per comment), ``comment_targets`` (actor mentions with stance), ``comment_events`` (event
mentions), ``comment_state`` (which reading and models each page's comments were analysed with).
A page's analyses are replaced whole; older versions' rows go with them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.comments.records import CommentAnalysis, PageActor, PageEvent
from storyline.store.database import Store, insert_rows, now_iso

_TABLES = ("comment_analyses", "comment_targets", "comment_events")


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingPage:
    doc_id: str
    version: int
    read_at: str


def pending_comment_pages(store: Store, *, models: str, force: bool = False) -> list[PendingPage]:
    """Latest versions that were read, hold comments, and whose comments were not analysed since their
    reading with these ``models`` (every such page with ``force``)."""
    rows = store.con.execute(
        """
        SELECT d.doc_id, d.version, r.read_at, s.version, s.read_at, s.models FROM documents d
        JOIN (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l USING (doc_id, version)
        JOIN read_state r ON r.doc_id = d.doc_id AND r.version = d.version
        LEFT JOIN comment_state s ON s.doc_id = d.doc_id
        WHERE EXISTS (SELECT 1 FROM comments c WHERE c.doc_id = d.doc_id AND c.version = d.version)
        ORDER BY d.doc_id
        """
    ).fetchall()
    return [PendingPage(doc_id=r[0], version=r[1], read_at=str(r[2])) for r in rows
            if force or r[3] != r[1] or str(r[4]) != str(r[2]) or r[5] != models]


def page_actors(store: Store, doc_id: str) -> list[PageActor]:
    """The actors of a page's article: its within-page chains with their mention texts, canonical
    actor and the canonical actor's aliases from every page."""
    return pages_actors(store, [doc_id])[doc_id]


def pages_actors(store: Store, doc_ids: Sequence[str]) -> dict[str, list[PageActor]]:
    """:func:`page_actors` of each page: three statements for any number of pages."""
    wanted = list(dict.fromkeys(doc_ids))
    mentions: dict[tuple[str, str], list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for doc_id, local, text, role, actor_id in store.con.execute(
        "SELECT doc_id, local_entity, text, role, actor_id FROM actor_mentions WHERE list_contains(?, doc_id) "
        "ORDER BY doc_id, start_offset, end_offset, local_entity", [wanted]
    ).fetchall():
        mentions[(doc_id, local)].append((text, role, actor_id))
    named = sorted({a for seen in mentions.values() for _, _, a in seen if a})
    aliases = dict(store.con.execute(
        "SELECT actor_id, aliases FROM actors WHERE list_contains(?, actor_id)", [named]).fetchall()) if named else {}
    out: dict[str, list[PageActor]] = {doc_id: [] for doc_id in wanted}
    for doc_id, local, kind, name, country, surname, own_aliases, role_words, org_code in store.con.execute(
        "SELECT doc_id, local_id, kind, name, country, surname, aliases, role_words, org_code FROM page_entities "
        "WHERE list_contains(?, doc_id) ORDER BY doc_id, local_id", [wanted]
    ).fetchall():
        seen = mentions.get((doc_id, local), [])
        actor_id = next((a for _, _, a in seen if a), None)
        texts = tuple(dict.fromkeys([t for t, _, _ in seen] + [r for _, r, _ in seen if r]))
        out[doc_id].append(PageActor(
            local_entity=local, actor_id=actor_id, name=name, kind=kind, country=country, surname=surname,
            aliases=tuple(own_aliases or ()), role_words=tuple(w for w in (role_words or ()) if ":" not in w),
            org_code=org_code, mentions=texts, variants=tuple(aliases.get(actor_id) or ()) if actor_id else (),
        ))
    return out


def page_events(store: Store, doc_id: str) -> list[PageEvent]:
    """The coded events of a page's article with their story events (null for negated/hypothetical ones)."""
    return pages_events(store, [doc_id])[doc_id]


def pages_events(store: Store, doc_ids: Sequence[str]) -> dict[str, list[PageEvent]]:
    """:func:`page_events` of each page, in one statement."""
    wanted = list(dict.fromkeys(doc_ids))
    out: dict[str, list[PageEvent]] = {doc_id: [] for doc_id in wanted}
    for r in store.con.execute(
        "SELECT e.doc_id, e.event_id, r.story_id, e.type, e.trigger_text, e.evidence_text, "
        "NOT (e.negated OR e.hypothetical) FROM events e LEFT JOIN story_reports r USING (event_id) "
        "WHERE list_contains(?, e.doc_id) ORDER BY e.doc_id, e.evidence_start, e.event_id", [wanted],
    ).fetchall():
        out[r[0]].append(PageEvent(event_id=r[1], story_id=r[2], type=r[3], trigger=r[4], evidence=r[5],
                                   factual=bool(r[6])))
    return out


def replace_page_analyses(store: Store, page: PendingPage, *, models: str, analyses: Sequence[CommentAnalysis]) -> None:
    """Replace the stored analyses of one page's comments (inside the caller's transaction)."""
    for table in (*_TABLES, "comment_state", "comment_keys"):
        store.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [page.doc_id])  # noqa: S608 - fixed names
    insert_rows(store.con, "comment_analyses", [
        [a.doc_id, a.version, a.comment_id, a.language, a.language_confidence, a.toxicity, a.toxic,
         a.constructiveness, a.constructive, a.spam, a.exact_key, list(a.minhash) if a.minhash else None,
         None, None, False]
        for a in analyses
    ])
    insert_rows(store.con, "comment_targets", [
        [a.doc_id, a.version, a.comment_id, seq, t.target.actor_id, t.target.local_entity, t.target.name,
         t.target.text, t.target.how, t.target.start, t.target.end, t.stance, t.score, list(t.words)]
        for a in analyses for seq, t in enumerate(a.targets)
    ])
    insert_rows(store.con, "comment_events", [
        [a.doc_id, a.version, a.comment_id, seq, e.event_id, e.type, e.text, e.start, e.end]
        for a in analyses for seq, e in enumerate(a.events)
    ])
    store.con.execute("INSERT INTO comment_state VALUES (?, ?, ?, ?, ?)",
                      [page.doc_id, page.version, page.read_at, models, now_iso()])


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredComment:
    """What repost finding needs of one analysed comment."""

    doc_id: str
    comment_id: str
    author: str | None
    exact_key: str | None
    minhash: list[int] | None
    posted_at: str | None
    published: str | None
    position: int


def analysed_comments(store: Store, *, among: str | None = None) -> list[StoredComment]:
    """Every analysed comment, or those listed in the table ``among`` (columns ``doc_id``, ``comment_id``:
    one of this module's temporary tables, never user input)."""
    only = f" JOIN {among} w ON w.doc_id = a.doc_id AND w.comment_id = a.comment_id" if among else ""
    rows = store.con.execute(
        f"""
        SELECT a.doc_id, a.comment_id, c.author, a.exact_key, a.minhash, c.posted_at, d.published, c.start_offset
        FROM comment_analyses a{only}
        JOIN comments c ON c.doc_id = a.doc_id AND c.version = a.version AND c.comment_id = a.comment_id
        JOIN documents d ON d.doc_id = a.doc_id AND d.version = a.version
        """  # noqa: S608
    ).fetchall()
    return [StoredComment(doc_id=r[0], comment_id=r[1], author=r[2], exact_key=r[3], minhash=r[4],
                          posted_at=r[5].isoformat(timespec="minutes") if r[5] else None,
                          published=r[6].isoformat() if r[6] else None, position=r[7]) for r in rows]


REPOST_BLOCK = "_repost_block"
_KEYS_FILLED = "comment_keys"


def save_comment_keys(store: Store, doc_id: str, rows: Iterable[tuple[str, str]]) -> None:
    """Replace the repost keys ``(comment_id, key)`` of one page's comments (inside the caller's transaction)."""
    store.con.execute("DELETE FROM comment_keys WHERE doc_id = ?", [doc_id])
    insert_rows(store.con, "comment_keys", [[doc_id, comment_id, key] for comment_id, key in rows])


def comment_keys_filled(store: Store) -> bool:
    """Whether every analysed comment's repost keys are stored (not in a store analysed before migration 13)."""
    row = store.con.execute("SELECT value FROM store_flags WHERE name = ?", [_KEYS_FILLED]).fetchone()
    return bool(row and row[0] == "1") or not store.con.execute("SELECT count(*) FROM comment_analyses").fetchone()[0]


def fill_comment_keys(store: Store, rows: Iterable[tuple[str, str, str]]) -> None:
    """Store every analysed comment's repost keys ``(doc_id, comment_id, key)``, replacing all."""
    with store.transaction():
        store.con.execute("DELETE FROM comment_keys")
        insert_rows(store.con, "comment_keys", [list(r) for r in rows])
        store.con.execute("INSERT OR REPLACE INTO store_flags VALUES (?, '1')", [_KEYS_FILLED])


def repost_block(store: Store, doc_ids: Sequence[str]) -> int:
    """Fill the table :data:`REPOST_BLOCK` with the comments of these pages, the comments that were
    reposts of them, and every comment linked to those by shared repost keys, directly or not; its size."""
    con = store.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE {REPOST_BLOCK} AS SELECT DISTINCT doc_id, comment_id "
                "FROM comment_analyses WHERE list_contains(?, doc_id) OR list_contains(?, repost_of_doc)",
                [list(doc_ids), list(doc_ids)])
    con.execute("CREATE OR REPLACE TEMP TABLE _seen_keys (key VARCHAR)")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _joined AS SELECT * FROM {REPOST_BLOCK}")
    while True:
        con.execute("CREATE OR REPLACE TEMP TABLE _frontier AS SELECT DISTINCT k.key FROM comment_keys k "
                    "JOIN _joined j USING (doc_id, comment_id) WHERE k.key NOT IN (SELECT key FROM _seen_keys)")
        if not con.execute("SELECT count(*) FROM _frontier").fetchone()[0]:
            break
        con.execute("INSERT INTO _seen_keys SELECT key FROM _frontier")
        con.execute(f"CREATE OR REPLACE TEMP TABLE _joined AS SELECT DISTINCT k.doc_id, k.comment_id "  # noqa: S608
                    f"FROM comment_keys k JOIN _frontier f USING (key) WHERE NOT EXISTS (SELECT 1 FROM {REPOST_BLOCK} b "
                    "WHERE b.doc_id = k.doc_id AND b.comment_id = k.comment_id)")
        con.execute(f"INSERT INTO {REPOST_BLOCK} SELECT * FROM _joined")  # noqa: S608
    for table in ("_seen_keys", "_frontier", "_joined"):
        con.execute(f"DROP TABLE IF EXISTS {table}")  # noqa: S608
    return con.execute(f"SELECT count(*) FROM {REPOST_BLOCK}").fetchone()[0]  # noqa: S608


def save_reposts(store: Store, rows: Iterable[tuple[str, str, str, str, bool]], *, among: str | None = None) -> None:
    """Set every comment's repost link: ``(doc_id, comment_id, original_doc, original_comment, spam)``;
    comments not named have none. With ``among`` (a table of this module), only the comments it lists
    change."""
    only = (f" WHERE EXISTS (SELECT 1 FROM {among} w WHERE w.doc_id = comment_analyses.doc_id "
            "AND w.comment_id = comment_analyses.comment_id)") if among else ""
    with store.transaction():
        store.con.execute("UPDATE comment_analyses SET repost_of_doc = NULL, repost_of_comment = NULL, "
                          "repost_spam = false" + only)
        store.con.execute("CREATE OR REPLACE TEMP TABLE _reposts (doc_id VARCHAR, comment_id VARCHAR, "
                          "of_doc VARCHAR, of_comment VARCHAR, spam BOOLEAN)")
        insert_rows(store.con, "_reposts", [list(r) for r in rows])
        store.con.execute(
            "UPDATE comment_analyses a SET repost_of_doc = r.of_doc, repost_of_comment = r.of_comment, repost_spam = r.spam "
            "FROM _reposts r WHERE a.doc_id = r.doc_id AND a.comment_id = r.comment_id"
        )
        store.con.execute("DROP TABLE _reposts")


def relink_comment_targets(store: Store, doc_ids: Sequence[str] | None = None) -> None:
    """Point comment targets (of every page, or of ``doc_ids``) at the canonical actors their page's
    chains now belong to. (A pass of canonical actors points the targets of the chains it changed.)"""
    only = "" if doc_ids is None else " AND list_contains(?, doc_id)"
    store.con.execute(
        "UPDATE comment_targets t SET actor_id = m.actor_id FROM "
        "(SELECT doc_id, local_entity, any_value(actor_id) AS actor_id FROM actor_mentions "
        f" WHERE actor_id IS NOT NULL{only} GROUP BY doc_id, local_entity) m "
        "WHERE t.doc_id = m.doc_id AND t.local_entity = m.local_entity", [] if doc_ids is None else [list(doc_ids)]
    )


def comment_records(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Every comment of the latest version of each page (or of ``doc_id``) as stored, with its analysis
    (null fields before the page is read), targets and events, in page order."""
    where, params = ("WHERE c.doc_id = ?", [doc_id]) if doc_id else ("", [])
    rows = store.con.execute(
        f"""
        SELECT c.doc_id, c.version, c.comment_id, c.parent_id, c.depth, c.author, c.posted_at, c.text,
               c.duplicate_of, a.language, a.language_confidence, a.toxicity, a.toxic, a.constructiveness,
               a.constructive, a.content_spam, a.repost_of_doc, a.repost_of_comment, a.repost_spam, d.published,
               p.story_id
        FROM comments c
        JOIN (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l USING (doc_id, version)
        JOIN documents d USING (doc_id, version)
        LEFT JOIN comment_analyses a USING (doc_id, version, comment_id)
        LEFT JOIN page_stories p ON p.doc_id = c.doc_id
        {where}
        ORDER BY c.doc_id, c.start_offset
        """,  # noqa: S608 - fixed text
        params,
    ).fetchall()
    latest = {r[0]: r[1] for r in rows}
    targets: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in store.con.execute(
        f"SELECT t.doc_id, t.comment_id, t.actor_id, t.name, t.stance, t.stance_score, t.start_offset, t.end_offset, "
        f"t.text, t.how, t.stance_words, t.version FROM comment_targets t {where.replace('c.', 't.')} ORDER BY t.doc_id, t.comment_id, t.seq",  # noqa: S608
        params,
    ).fetchall():
        if latest.get(r[0]) != r[11]:
            continue
        targets[(r[0], r[1])].append({"actor_id": r[2], "name": r[3], "stance": r[4], "score": r[5], "start": r[6],
                                      "end": r[7], "text": r[8], "how": r[9], "words": list(r[10] or ())})
    events: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in store.con.execute(
        f"SELECT e.doc_id, e.comment_id, s.story_id, e.event_id, e.type, e.start_offset, e.end_offset, e.text, e.version "
        f"FROM comment_events e LEFT JOIN story_reports s USING (event_id) {where.replace('c.', 'e.')} "  # noqa: S608
        f"ORDER BY e.doc_id, e.comment_id, e.seq",
        params,
    ).fetchall():
        if latest.get(r[0]) != r[8]:
            continue
        events[(r[0], r[1])].append({"story_id": r[2], "event_id": r[3], "type": r[4], "start": r[5], "end": r[6],
                                     "text": r[7]})
    out = []
    for r in rows:
        key = (r[0], r[2])
        out.append({
            "doc_id": r[0], "version": r[1], "comment_id": r[2], "parent_id": r[3], "depth": r[4], "author": r[5],
            "posted_at": r[6].isoformat(timespec="minutes") if r[6] else None, "text": r[7],
            "segment_duplicate_of": r[8], "language": r[9], "language_confidence": r[10], "toxicity": r[11],
            "toxic": r[12], "constructiveness": r[13], "constructive": r[14], "content_spam": r[15],
            "repost_of_doc": r[16], "repost_of_comment": r[17], "repost_spam": bool(r[18]),
            "targets": targets.get(key, []), "events": events.get(key, []),
            "published": r[19].isoformat() if r[19] else None, "page_story_id": r[20], "analysed": r[9] is not None,
        })
    return out
