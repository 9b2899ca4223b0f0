"""Storing what the reading stage finds, and the canonical actors built from it.

Each page's reading is replaced whole in one transaction (re-reading a page never duplicates its
rows). Canonical actors are rebuilt from the stored page entities, so linking across pages never
needs a page to be parsed again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storyline.actors import CanonicalActors, PageActors, canonicalize
from storyline.actors.coref import ActorMention, PageEntity
from storyline.store.database import Store, insert_rows, now_iso
from storyline.store.events import delete_page_events, insert_page_events, relink_event_actors

if TYPE_CHECKING:
    from storyline.page_reading import PageReading

READING_TABLES = ("entity_mentions", "page_entities", "actor_mentions", "time_expressions", "place_mentions")
ACTORS_STALE = "actors_stale"


def pending_documents(store: Store, *, pipeline: str) -> list[tuple[str, int]]:
    """Latest versions not yet read with ``pipeline`` and not recorded as failed: ``(doc_id, version)``
    in id order."""
    return store.con.execute(
        """
        SELECT d.doc_id, d.version FROM documents d
        JOIN (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l USING (doc_id, version)
        LEFT JOIN read_state r ON r.doc_id = d.doc_id AND r.version = d.version AND r.pipeline = ?
        LEFT JOIN read_failures f ON f.doc_id = d.doc_id AND f.version = d.version
        WHERE r.doc_id IS NULL AND f.doc_id IS NULL ORDER BY d.doc_id
        """,
        [pipeline],
    ).fetchall()


# A stored failure message is cut to this many characters.
MAX_FAILURE_CHARS = 500


def record_failure(store: Store, doc_id: str, version: int, *, pipeline: str, error: str) -> None:
    """Record that reading this version of ``doc_id`` failed: later reads skip it until retried."""
    store.con.execute("INSERT OR REPLACE INTO read_failures VALUES (?, ?, ?, ?, ?)",
                      [doc_id, version, pipeline, error[:MAX_FAILURE_CHARS], now_iso()])


def failed_documents(store: Store) -> list[dict[str, Any]]:
    """Pages whose reading failed, in id order: ``doc_id``, ``version``, ``pipeline``, ``error``, ``failed_at``."""
    return [
        {"doc_id": r[0], "version": r[1], "pipeline": r[2], "error": r[3], "failed_at": r[4].isoformat(timespec="seconds")}
        for r in store.con.execute(
            "SELECT doc_id, version, pipeline, error, failed_at FROM read_failures ORDER BY doc_id, version"
        ).fetchall()
    ]


def clear_failures(store: Store) -> int:
    """Forget every recorded failure (so the next read tries those pages again); returns how many."""
    count = store.con.execute("SELECT count(*) FROM read_failures").fetchone()[0]
    store.con.execute("DELETE FROM read_failures")
    return count


def save_reading(store: Store, reading: PageReading, *, pipeline: str) -> None:
    """Replace the stored reading of one page, with its events and quotes (one transaction)."""
    with store.transaction():
        write_readings(store, [reading], pipeline=pipeline)


def write_readings(store: Store, readings: Sequence[PageReading], *, pipeline: str) -> None:
    """Replace the stored readings of these pages inside the caller's transaction (one reading per
    document: older versions' go too), a few statements for all of them."""
    if not readings:
        return
    ids = [r.doc_id for r in readings]
    read_before = [row[0] for row in store.con.execute(
        "SELECT DISTINCT doc_id FROM read_state WHERE list_contains(?, doc_id)", [ids]).fetchall()]
    if read_before:
        for table in (*READING_TABLES, "read_state"):
            store.con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [read_before])  # noqa: S608
        delete_page_events(store, read_before)
    insert_page_events(store, [(r.doc_id, r.version, r.events, r.quotes) for r in readings])
    _insert_many(store, "entity_mentions", [[r.doc_id, r.version, e.start, e.end, e.text, e.label]
                                             for r in readings for e in r.entities])
    _insert_many(store, "page_entities", [[r.doc_id, r.version, *_entity_values(e)] for r in readings for e in r.actors])
    _insert_many(store, "actor_mentions", [[r.doc_id, r.version, *_mention_values(m), None]
                                            for r in readings for m in r.mentions])
    _insert_many(store, "time_expressions", [[r.doc_id, r.version, t.start, t.end, t.text, t.value, t.precision, t.kind]
                                              for r in readings for t in r.times])
    _insert_many(store, "place_mentions", [[r.doc_id, r.version, p.start, p.end, p.text, p.place.name, p.place.country,
                                             p.place.region, p.place.lat, p.place.lon, p.place.precision,
                                             p.place.geonames_id, p.dateline] for r in readings for p in r.places])
    now = now_iso()
    _insert_many(store, "read_state", [[r.doc_id, r.version, pipeline, now] for r in readings])
    store.con.execute("DELETE FROM read_failures WHERE list_contains(?, doc_id)", [ids])
    _set_flag(store, ACTORS_STALE, "1")


def forget_pipeline(store: Store) -> None:
    """Mark every stored reading as made by no pipeline, so that every page is read again."""
    store.con.execute("UPDATE read_state SET pipeline = ''")


def _insert_many(store: Store, table: str, rows: list[list[Any]]) -> None:
    insert_rows(store.con, table, rows)


def _entity_values(e: PageEntity) -> list[Any]:
    return [e.local_id, e.kind, e.name, e.country, e.sector, e.country_evidence, e.sector_evidence, e.country_rank,
            e.sector_rank, e.affiliation, list(e.given), e.surname, list(e.aliases), sorted(e.role_words), e.org_code]


def _mention_values(m: ActorMention) -> list[Any]:
    return [m.start, m.end, m.text, m.kind, m.title, m.role, m.name, m.country, m.sector, m.country_evidence,
            m.sector_evidence, m.affiliation, m.local_entity]


def _set_flag(store: Store, name: str, value: str) -> None:
    store.con.execute("INSERT OR REPLACE INTO store_flags VALUES (?, ?)", [name, value])


def actors_stale(store: Store) -> bool:
    row = store.con.execute("SELECT value FROM store_flags WHERE name = ?", [ACTORS_STALE]).fetchone()
    return bool(row and row[0] == "1")


def load_page_actors(store: Store) -> Iterator[PageActors]:
    """The stored page actors of every read document."""
    mention_rows = store.con.execute(
        "SELECT doc_id, local_entity, start_offset, end_offset, text, kind, title, role, name, "
        "country, sector, country_evidence, sector_evidence, affiliation "
        "FROM actor_mentions ORDER BY doc_id, start_offset",
    )
    mentions: dict[tuple[str, str], list[ActorMention]] = defaultdict(list)
    for r in mention_rows.fetchall():
        mentions[(r[0], r[1])].append(ActorMention(
            doc_id=r[0], local_entity=r[1], start=r[2], end=r[3], text=r[4], kind=r[5], title=r[6], role=r[7],
            name=r[8], country=r[9], sector=r[10], country_evidence=r[11], sector_evidence=r[12], affiliation=r[13]))
    entities: dict[str, list[PageEntity]] = defaultdict(list)
    for r in store.con.execute(
        "SELECT * EXCLUDE (version) FROM page_entities ORDER BY doc_id, local_id"
    ).fetchall():
        entities[r[0]].append(PageEntity(
            doc_id=r[0], local_id=r[1], kind=r[2], name=r[3], mentions=tuple(mentions[(r[0], r[1])]), country=r[4],
            sector=r[5], country_evidence=r[6], sector_evidence=r[7], country_rank=r[8], sector_rank=r[9],
            affiliation=r[10], given=tuple(r[11] or ()), surname=r[12], aliases=tuple(r[13] or ()),
            role_words=frozenset(r[14] or ()), org_code=r[15]))
    for doc_id, page_entities in entities.items():
        page_mentions = sorted((m for e in page_entities for m in e.mentions), key=lambda m: (m.start, m.end))
        yield PageActors(doc_id=doc_id, published=None, mentions=tuple(page_mentions), entities=tuple(page_entities))


def rebuild_actors(store: Store) -> tuple[CanonicalActors, bool]:
    """Canonicalise the stored page entities across pages and store the actors (one transaction).

    Also says whether any already-linked event side changed its canonical actor (the story links
    of such events must then be rebuilt)."""
    canonical = canonicalize(load_page_actors(store))
    with store.transaction():
        store.con.execute("DELETE FROM actors")
        _insert_many(store, "actors", [[a.actor_id, a.kind, a.canonical_name, list(a.aliases), a.country, a.sector,
                                        a.country_evidence, a.sector_evidence, list(a.affiliations), a.mention_count]
                                       for a in canonical.actors])
        store.con.execute("CREATE OR REPLACE TEMP TABLE _assign (doc_id VARCHAR, local_entity VARCHAR, actor_id VARCHAR)")
        _insert_many(store, "_assign", [[doc_id, local, actor_id] for (doc_id, local), actor_id in canonical.assignment.items()])
        changed = store.con.execute(
            "SELECT count(*) FROM event_participants p JOIN _assign a "
            "ON p.doc_id = a.doc_id AND p.local_entity = a.local_entity "
            "WHERE p.actor_id IS NOT NULL AND p.actor_id <> a.actor_id"
        ).fetchone()[0]
        store.con.execute(
            "UPDATE actor_mentions m SET actor_id = a.actor_id FROM _assign a "
            "WHERE m.doc_id = a.doc_id AND m.local_entity = a.local_entity"
        )
        relink_event_actors(store)
        store.con.execute("DROP TABLE _assign")
        _set_flag(store, ACTORS_STALE, "0")
    return canonical, changed > 0


def actor_rows(store: Store) -> list[dict[str, Any]]:
    """Canonical actors with their mentions (stored offsets), most mentioned first."""
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc_id, start, end, text, actor_id in store.con.execute(
        "SELECT doc_id, start_offset, end_offset, text, actor_id FROM actor_mentions "
        "WHERE actor_id IS NOT NULL ORDER BY doc_id, start_offset"
    ).fetchall():
        mentions[actor_id].append({"doc_id": doc_id, "start": start, "end": end, "text": text})
    rows = store.con.execute(
        "SELECT actor_id, name, kind, aliases, country, sector, affiliations, country_evidence, sector_evidence "
        "FROM actors ORDER BY mention_count DESC, actor_id"
    ).fetchall()
    return [
        {"actor_id": r[0], "name": r[1], "kind": r[2], "aliases": list(r[3] or ()), "country": r[4], "sector": r[5],
         "affiliations": list(r[6] or ()), "country_evidence": r[7], "sector_evidence": r[8],
         "mentions": mentions.get(r[0], [])}
        for r in rows
    ]


def time_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {"doc_id": r[0], "text": r[1], "start": r[2], "end": r[3], "value": r[4], "precision": r[5], "kind": r[6]}
        for r in store.con.execute(
            "SELECT doc_id, text, start_offset, end_offset, value, precision, kind FROM time_expressions "
            "ORDER BY doc_id, start_offset"
        ).fetchall()
    ]


def place_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {"doc_id": r[0], "text": r[1], "start": r[2], "end": r[3], "name": r[4], "country": r[5], "region": r[6],
         "lat": r[7], "lon": r[8], "precision": r[9], "geonames_id": r[10], "dateline": r[11]}
        for r in store.con.execute(
            "SELECT doc_id, text, start_offset, end_offset, name, country, region, lat, lon, precision, geonames_id, "
            "dateline FROM place_mentions ORDER BY doc_id, start_offset"
        ).fetchall()
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """An annotation of the stored text: what kind of thing, its span, and a short label."""

    kind: str
    start: int
    end: int
    label: str


def document_marks(store: Store, doc_id: str) -> list[Mark]:
    """Actor, time and place annotations of one document's stored text, in text order."""
    marks = [
        Mark(kind="actor", start=r[0], end=r[1], label=" ".join(x for x in (r[2] or r[3], r[4], r[5]) if x))
        for r in store.con.execute(
            "SELECT m.start_offset, m.end_offset, a.name, m.name, coalesce(a.country, m.country), "
            "coalesce(a.sector, m.sector) FROM actor_mentions m LEFT JOIN actors a USING (actor_id) WHERE m.doc_id = ?",
            [doc_id],
        ).fetchall()
    ]
    marks += [Mark(kind="time", start=r[0], end=r[1], label=f"{r[2] or '?'} ({r[3] or '-'})")
              for r in store.con.execute("SELECT start_offset, end_offset, value, precision FROM time_expressions "
                                         "WHERE doc_id = ?", [doc_id]).fetchall()]
    marks += [Mark(kind="place", start=r[0], end=r[1], label=" ".join(x for x in (r[2], r[3], r[4]) if x))
              for r in store.con.execute("SELECT start_offset, end_offset, name, country, precision FROM place_mentions "
                                         "WHERE doc_id = ?", [doc_id]).fetchall()]
    return sorted(marks, key=lambda m: (m.start, -m.end))
