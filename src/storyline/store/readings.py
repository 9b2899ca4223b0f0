"""Storing what the reading stage finds, and the canonical actors built from it.

Each page's reading is replaced whole in one transaction (re-reading a page never duplicates its
rows). Canonical actors are made from the stored page entities (only the groups of chains new pages
touch: :func:`rebuild_actors`), so linking across pages never
needs a page to be parsed again.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from storyline.actors import CanonicalActors, PageActors
from storyline.actors.canonical import (
    FoundActor,
    KeySummary,
    blocking_keys,
    cluster_actors,
    may_meet,
    numbered,
    recluster_people,
)
from storyline.actors.coref import ActorMention, PageEntity
from storyline.link.events import linked_alike
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
        forget_actor_entities(store, read_before)
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


def load_page_actors(store: Store, *, among: str | None = None, mentions: bool = True,
                     kind: str | None = None) -> Iterator[PageActors]:
    """The stored page actors of every read document, or only the chains listed in the table ``among``
    (columns ``doc_id``, ``local_id``: one of this module's temporary tables, never user input); with
    ``kind``, only the chains of that kind; without ``mentions``, the chains without their mentions."""
    only = f" JOIN {among} w ON w.doc_id = x.doc_id AND w.local_id = x.{{local}}" if among else ""
    of_kind = " WHERE x.kind = ?" if kind else ""
    mention_rows = store.con.execute(
        "SELECT x.doc_id, x.local_entity, x.start_offset, x.end_offset, x.text, x.kind, x.title, x.role, x.name, "
        "x.country, x.sector, x.country_evidence, x.sector_evidence, x.affiliation "
        f"FROM actor_mentions x{only.format(local='local_entity')} ORDER BY x.doc_id, x.start_offset",
    ).fetchall() if mentions else []
    found: dict[tuple[str, str], list[ActorMention]] = defaultdict(list)
    for r in mention_rows:
        found[(r[0], r[1])].append(ActorMention(
            doc_id=r[0], local_entity=r[1], start=r[2], end=r[3], text=r[4], kind=r[5], title=r[6], role=r[7],
            name=r[8], country=r[9], sector=r[10], country_evidence=r[11], sector_evidence=r[12], affiliation=r[13]))
    entities: dict[str, list[PageEntity]] = defaultdict(list)
    for r in store.con.execute(
        f"SELECT x.* EXCLUDE (version) FROM page_entities x{only.format(local='local_id')}{of_kind} "
        "ORDER BY x.doc_id, x.local_id", [kind] if kind else []
    ).fetchall():
        entities[r[0]].append(PageEntity(
            doc_id=r[0], local_id=r[1], kind=r[2], name=r[3], mentions=tuple(found.pop((r[0], r[1]), ())),
            country=r[4], sector=r[5], country_evidence=r[6], sector_evidence=r[7], country_rank=r[8],
            sector_rank=r[9], affiliation=r[10], given=tuple(r[11] or ()), surname=r[12], aliases=tuple(r[13] or ()),
            role_words=frozenset(r[14] or ()), org_code=r[15]))
    for doc_id, page_entities in entities.items():
        page_mentions = sorted((m for e in page_entities for m in e.mentions), key=lambda m: (m.start, m.end))
        yield PageActors(doc_id=doc_id, published=None, mentions=tuple(page_mentions), entities=tuple(page_entities))


def forget_actor_entities(store: Store, doc_ids: Sequence[str]) -> None:
    """The chains of these pages leave their canonical actors (their pages are read again): their keys
    and actors are kept in ``actor_dirty`` so that the next :func:`rebuild_actors` canonicalises the
    chains they met again (inside the caller's transaction)."""
    if not doc_ids:
        return
    store.con.execute(
        "INSERT INTO actor_dirty SELECT k.key, k.role, e.actor_id FROM actor_entities e "
        "LEFT JOIN actor_keys k USING (doc_id, local_id) WHERE list_contains(?, e.doc_id)", [list(doc_ids)])
    store.con.execute("DELETE FROM actor_keys WHERE list_contains(?, doc_id)", [list(doc_ids)])
    store.con.execute("DELETE FROM actor_groups WHERE list_contains(?, doc_id)", [list(doc_ids)])
    store.con.execute("DELETE FROM actor_entities WHERE list_contains(?, doc_id)", [list(doc_ids)])


def rebuild_actors(store: Store, *, full: bool = False) -> tuple[CanonicalActors, set[str]]:
    """Canonicalise the page chains not canonicalised yet and store the actors (one transaction); with
    ``full``, every chain afresh. The actors are those of one pass over every page, but the work grows
    with the new chains, not with the store (:mod:`storyline.actors.canonical`, "Incremental"): the
    groups of people they can meet (``actor_groups``, found through the new chains' neighbours) are
    clustered again against the actors they had, and only the clusters that changed are stored again;
    other kinds join their merge key's stored summary.

    Returns the actors made (people whose cluster changed; organisations, states, roles and groups
    with the new chains only in ``entities``) and the events to link again: those with a side that moved
    to another actor (a side whose actor was only renamed keeps its links: :func:`_relinked`)."""
    with store.transaction():
        if full or _made_before_blocking(store):
            for table in ("actors", *_ACTOR_TABLES):
                store.con.execute(f"DELETE FROM {table}")  # noqa: S608
        _forget_gone_entities(store)
        _key_new_entities(store)
        _block_of_changed(store)
        summaries = _block_summaries(store)
        people = _changed_people(store)
        found = cluster_actors(load_page_actors(store, among="_block"), summaries=summaries, people=people)
        canonical, changed = _store_found(store, found)
        store.con.execute("DELETE FROM actor_dirty")
        for table in ("_new_keys", "_block", "_assign", "_dropped", "_changed"):
            store.con.execute(f"DROP TABLE IF EXISTS {table}")  # noqa: S608
        _set_flag(store, ACTORS_STALE, "0")
    return canonical, changed


_ACTOR_TABLES = ("actor_entities", "actor_keys", "actor_dirty", "actor_summaries", "actor_bases", "actor_groups")


def _made_before_blocking(store: Store) -> bool:
    """Actors stored with no chain filed under blocking keys (a store made before migration 13): made
    again from every chain once."""
    return (store.con.execute("SELECT count(*) FROM actor_entities").fetchone()[0] == 0
            and store.con.execute("SELECT count(*) FROM actors").fetchone()[0] > 0)


def _forget_gone_entities(store: Store) -> None:
    """Chains canonicalised before that are no longer stored (at that version) leave their actors."""
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE _gone AS SELECT doc_id, local_id, actor_id FROM actor_entities e "
        "WHERE NOT EXISTS (SELECT 1 FROM page_entities p "
        "WHERE p.doc_id = e.doc_id AND p.local_id = e.local_id AND p.version = e.version)")
    store.con.execute("INSERT INTO actor_dirty SELECT k.key, k.role, g.actor_id FROM _gone g "
                      "LEFT JOIN actor_keys k USING (doc_id, local_id)")
    for table in ("actor_keys", "actor_entities", "actor_groups"):
        store.con.execute(f"DELETE FROM {table} e USING _gone g "  # noqa: S608
                          "WHERE e.doc_id = g.doc_id AND e.local_id = g.local_id")
    store.con.execute("DROP TABLE _gone")


def _key_new_entities(store: Store) -> None:
    """File the chains not canonicalised yet under their blocking keys (``_new_keys`` holds their keys)."""
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE _block AS SELECT p.doc_id, p.local_id, p.version FROM page_entities p "
        "WHERE NOT EXISTS (SELECT 1 FROM actor_entities e WHERE e.doc_id = p.doc_id AND e.local_id = p.local_id)")
    rows = [[e.doc_id, e.local_id, key, role]
            for page in load_page_actors(store, among="_block", mentions=False) for e in page.entities
            for key, role in sorted(blocking_keys(e))]
    store.con.execute("INSERT INTO actor_entities SELECT doc_id, version, local_id, NULL FROM _block")
    store.con.execute("CREATE OR REPLACE TEMP TABLE _new_keys (doc_id VARCHAR, local_id VARCHAR, key VARCHAR, role TINYINT)")
    _insert_many(store, "_new_keys", rows)
    store.con.execute("INSERT INTO actor_keys SELECT * FROM _new_keys")


_MATCH = "(f.role = 0 AND k.role = 0 OR f.role + k.role = 3)"  # keys_match, in SQL
_ENTITY = "p.kind, p.name, p.surname, p.given"
_PERSON_KEY = "NOT starts_with(k.key, 'x:')"


def _block_of_changed(store: Store) -> None:
    """``_block``: the chains to canonicalise now: the new ones; where chains left, every chain that
    shared a key with them; and the people any of these can meet
    (:func:`storyline.actors.canonical.may_meet`, through a matching key), directly or not.

    People who can meet, directly or not, are kept in one group (``actor_groups``), so the people a
    chain reaches are those of the groups of the chains it meets itself: only the new chains' (and
    the left ones') neighbours are compared, never the whole group again. The groups the new chains
    meet are merged into one. A group may hold more than people who can meet (when chains left, it is
    not split): canonicalising more chains than needed gives their actors all the same."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _block AS SELECT DISTINCT doc_id, local_id FROM _new_keys")
    con.execute(  # a chain that left stands for nothing: whatever shares its keys is taken
        "INSERT INTO _block SELECT DISTINCT k.doc_id, k.local_id FROM actor_keys k JOIN actor_dirty f "
        f"ON f.key = k.key AND {_MATCH} WHERE NOT EXISTS (SELECT 1 FROM _block b "
        "WHERE b.doc_id = k.doc_id AND b.local_id = k.local_id)")
    rows = con.execute(  # the seeds' neighbours' names: another seed, or a group of chains canonicalised before
        f"SELECT DISTINCT {_ENTITY.replace('p.', 'fp.')}, {_ENTITY}, "
        "CASE WHEN s.doc_id IS NOT NULL OR g.grp IS NULL THEN 'c:' || k.doc_id || '/' || k.local_id "
        "ELSE 'g:' || g.grp END "
        "FROM _block f JOIN actor_keys fk ON fk.doc_id = f.doc_id AND fk.local_id = f.local_id "
        "JOIN page_entities fp ON fp.doc_id = f.doc_id AND fp.local_id = f.local_id "
        f"JOIN actor_keys k ON k.key = fk.key AND {_MATCH.replace('f.role', 'fk.role')} AND {_PERSON_KEY} "
        "JOIN page_entities p ON p.doc_id = k.doc_id AND p.local_id = k.local_id "
        "LEFT JOIN _block s ON s.doc_id = k.doc_id AND s.local_id = k.local_id "
        "LEFT JOIN actor_groups g ON g.doc_id = k.doc_id AND g.local_id = k.local_id "
        "WHERE k.doc_id <> f.doc_id OR k.local_id <> f.local_id"
    ).fetchall()
    people = con.execute(
        f"SELECT b.doc_id, b.local_id, g.grp, {_ENTITY} FROM _block b JOIN page_entities p USING (doc_id, local_id) "
        "LEFT JOIN actor_groups g USING (doc_id, local_id) WHERE p.kind = 'person'").fetchall()
    groups = _Groups()
    seeds: dict[tuple[Any, ...], list[str]] = defaultdict(list)  # a name → the seeds of that name
    for r in people:  # a seed filed before stays with its group
        groups.union(f"c:{r[0]}/{r[1]}", f"g:{r[2]}" if r[2] else None)
        seeds[_form(r[3:7])].append(f"c:{r[0]}/{r[1]}")
    for r in rows:  # a neighbour already in the set of every seed of the name needs no comparison
        a = _form(r[0:4])
        apart = [seed for seed in seeds[a] if seed != r[8] and not groups.joined(seed, r[8])]
        if apart and _forms_meet(a, _form(r[4:8])):
            for seed in apart:
                groups.union(seed, r[8])
    met = sorted({node[2:] for node in groups.parent if node.startswith("g:")})
    con.execute("CREATE OR REPLACE TEMP TABLE _met (grp VARCHAR)")
    _insert_many(store, "_met", [[g] for g in met])
    names = groups.names(dict(con.execute(  # groups merged keep the largest one's name: fewest rows renamed
        "SELECT grp, count(*) FROM actor_groups JOIN _met USING (grp) GROUP BY grp").fetchall()))
    con.execute("INSERT INTO _block SELECT g.doc_id, g.local_id FROM actor_groups g JOIN _met USING (grp) "
                "WHERE NOT EXISTS (SELECT 1 FROM _block b WHERE b.doc_id = g.doc_id AND b.local_id = g.local_id)")
    con.execute("CREATE OR REPLACE TEMP TABLE _regroup (old VARCHAR, new VARCHAR)")
    _insert_many(store, "_regroup", [[node[2:], name] for node, name in sorted(names.items())
                                     if node.startswith("g:") and node[2:] != name])
    con.execute("UPDATE actor_groups g SET grp = r.new FROM _regroup r WHERE g.grp = r.old")
    con.execute("CREATE OR REPLACE TEMP TABLE _grouped (doc_id VARCHAR, local_id VARCHAR, grp VARCHAR)")
    _insert_many(store, "_grouped", [[*node[2:].split("/", 1), name] for node, name in sorted(names.items())
                                     if node.startswith("c:")])
    con.execute("DELETE FROM actor_groups g USING _grouped n WHERE g.doc_id = n.doc_id AND g.local_id = n.local_id")
    con.execute("INSERT INTO actor_groups SELECT * FROM _grouped")
    con.execute("INSERT INTO _block SELECT doc_id, local_id FROM _grouped n WHERE NOT EXISTS "  # (none filed before)
                "(SELECT 1 FROM _block b WHERE b.doc_id = n.doc_id AND b.local_id = n.local_id)")
    for table in ("_met", "_regroup", "_grouped"):
        con.execute(f"DROP TABLE {table}")  # noqa: S608


class _Groups:
    """Union-find over chains (``c:doc/local``) and stored groups (``g:id``)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def joined(self, a: str, b: str) -> bool:
        """Whether two nodes are in one set already (a node never added is in none)."""
        return a in self.parent and b in self.parent and self.find(a) == self.find(b)

    def union(self, a: str, b: str | None) -> None:
        ra, rb = self.find(a), self.find(b) if b is not None else None
        if rb is not None and ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def names(self, sizes: dict[str, int]) -> dict[str, str]:
        """Each node's set's name: its stored group with the most chains (``sizes``), the smallest id
        among equals, else its smallest chain (``doc/local``)."""
        best: dict[str, tuple[int, int, str]] = {}
        for node in self.parent:
            stored = node.startswith("g:")
            rank = (0 if stored else 1, -sizes.get(node[2:], 0) if stored else 0, node[2:])
            root = self.find(node)
            best[root] = min(best.get(root, rank), rank)
        return {node: best[self.find(node)][2] for node in self.parent}


def _form(r: Sequence[Any]) -> tuple[Any, ...]:
    """A chain's name as :func:`may_meet` reads it: ``(kind, name, surname, given)``."""
    return (r[0], r[1], r[2], tuple(r[3] or ()))


@functools.lru_cache(maxsize=1 << 16)
def _forms_meet(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """:func:`may_meet` of two people by name (:func:`_form`), through a spelling key (never a merge key)."""
    return may_meet(_chain(("", "", *a)), _chain(("", "", *b)), "")


def _chain(r: Sequence[Any]) -> PageEntity:
    """What :func:`may_meet` reads of a chain: ``(doc_id, local_id, kind, name, surname, given)``."""
    return PageEntity(doc_id=r[0], local_id=r[1], kind=r[2], name=r[3], surname=r[4], given=tuple(r[5] or ()),
                      mentions=())


def _changed_people(store: Store) -> list[list[tuple[str, str]]]:
    """The block's people clustered again (:func:`storyline.actors.canonical.recluster_people`, against
    the actors they had; every one afresh where chains left): the clusters that changed, members in
    the order they joined. ``_block`` keeps only those clusters' people (the others keep their actors)."""
    con = store.con
    people = [e for page in load_page_actors(store, among="_block", mentions=False, kind="person") for e in page.entities]
    left = con.execute("SELECT count(*) FROM actor_dirty").fetchone()[0] > 0
    previous = {} if left else {(r[0], r[1]): r[2] for r in con.execute(
        "SELECT e.doc_id, e.local_id, e.actor_id FROM actor_entities e JOIN _block b USING (doc_id, local_id) "
        "WHERE e.actor_id IS NOT NULL").fetchall()}
    clusters = [[(e.doc_id, e.local_id) for e in members] for members in recluster_people(people, previous)]
    con.execute("CREATE OR REPLACE TEMP TABLE _changed (doc_id VARCHAR, local_id VARCHAR)")
    _insert_many(store, "_changed", [list(ref) for members in clusters for ref in members])
    con.execute("DELETE FROM _block b USING page_entities p WHERE p.doc_id = b.doc_id AND p.local_id = b.local_id "
                "AND p.kind = 'person' AND NOT EXISTS (SELECT 1 FROM _changed c "
                "WHERE c.doc_id = b.doc_id AND c.local_id = b.local_id)")
    return clusters


def _block_summaries(store: Store) -> dict[str, KeySummary]:
    """The stored summaries of the merge keys of the block's chains, but those of keys a chain left
    (their chains are all in the block, and summarised afresh)."""
    return {r[0]: KeySummary.from_json(json.loads(r[1])) for r in store.con.execute(
        "SELECT s.key, s.summary FROM actor_summaries s WHERE s.key IN (SELECT k.key FROM actor_keys k "
        "JOIN _block b USING (doc_id, local_id) WHERE starts_with(k.key, 'x:')) "
        "AND s.key NOT IN (SELECT key FROM actor_dirty WHERE key IS NOT NULL)").fetchall()}


def _store_found(store: Store, found: Sequence[FoundActor]) -> tuple[CanonicalActors, set[str]]:
    """Replace the actors the block's chains belonged to by ``found``, numbered together with the
    stored actors of the same derived ids; point every chain whose actor changed at its new actor.
    Returns the actors stored and the events to link again (:func:`_relinked`)."""
    con = store.con
    con.execute(  # the actors made again: the block's people's, the summarised keys', the left chains'
        "CREATE OR REPLACE TEMP TABLE _dropped AS SELECT DISTINCT actor_id FROM ("
        "SELECT e.actor_id FROM actor_entities e JOIN _block b USING (doc_id, local_id) "
        "UNION ALL SELECT actor_id FROM actor_summaries WHERE key IN (SELECT unnest(?)) "
        "UNION ALL SELECT actor_id FROM actor_dirty) WHERE actor_id IS NOT NULL",
        [sorted({f.summary.key for f in found if f.summary})])
    bases = sorted({f.actor.actor_id for f in found} | {r[0] for r in con.execute(
        "SELECT base_id FROM actor_bases WHERE actor_id IN (SELECT actor_id FROM _dropped)").fetchall()})
    kept = con.execute(
        "SELECT actor_id, base_id, first_doc, first_local FROM actor_bases WHERE base_id IN (SELECT unnest(?)) "
        "AND actor_id NOT IN (SELECT actor_id FROM _dropped)", [bases]).fetchall()
    ids = numbered([(r[1], (r[2], r[3])) for r in kept] + [(f.actor.actor_id, f.first) for f in found])
    renamed = {r[0]: new for r, new in zip(kept, ids, strict=False) if r[0] != new}
    actors = [replace(f.actor, actor_id=i) for f, i in zip(found, ids[len(kept):], strict=True)]
    old_of_key = dict(con.execute("SELECT key, actor_id FROM actor_summaries WHERE key IN (SELECT unnest(?))",
                                  [sorted({f.summary.key for f in found if f.summary})]).fetchall())
    renamed |= {old_of_key[f.summary.key]: a.actor_id for f, a in zip(found, actors, strict=True)
                if f.summary and f.summary.key in old_of_key and old_of_key[f.summary.key] != a.actor_id}
    for table in ("actors", "actor_bases"):
        con.execute(f"DELETE FROM {table} WHERE actor_id IN (SELECT actor_id FROM _dropped)")  # noqa: S608
    con.execute("DELETE FROM actor_summaries WHERE actor_id IN (SELECT actor_id FROM _dropped) "
                "OR key IN (SELECT key FROM actor_dirty)")
    _rename_actors(store, renamed)
    _insert_many(store, "actors", [[a.actor_id, a.kind, a.canonical_name, list(a.aliases), a.country, a.sector,
                                    a.country_evidence, a.sector_evidence, list(a.affiliations), a.mention_count]
                                   for a in actors])
    _insert_many(store, "actor_bases", [[a.actor_id, f.actor.actor_id, *f.first] for f, a in zip(found, actors, strict=True)])
    _insert_many(store, "actor_summaries", [[f.summary.key, a.actor_id, json.dumps(f.summary.to_json())]
                                            for f, a in zip(found, actors, strict=True) if f.summary])
    con.execute("CREATE OR REPLACE TEMP TABLE _assign (doc_id VARCHAR, local_entity VARCHAR, actor_id VARCHAR)")
    _insert_many(store, "_assign", [[d, local, a.actor_id] for a in actors for d, local in a.entities])
    con.execute("UPDATE actor_entities e SET actor_id = a.actor_id FROM _assign a "
                "WHERE e.doc_id = a.doc_id AND e.local_id = a.local_entity")
    if renamed:  # the chains of actors whose id changed, beyond the block
        con.execute("INSERT INTO _assign SELECT doc_id, local_id, actor_id FROM actor_entities "
                    "WHERE list_contains(?, actor_id) AND NOT EXISTS (SELECT 1 FROM _block b "
                    "WHERE b.doc_id = actor_entities.doc_id AND b.local_id = actor_entities.local_id)",
                    [sorted(set(renamed.values()))])
    changed = _point_chains(store)
    return CanonicalActors(actors=tuple(sorted(actors, key=lambda a: a.actor_id)),
                           assignment={ref: a.actor_id for a in actors for ref in a.entities}), changed


def _rename_actors(store: Store, renamed: dict[str, str]) -> None:
    """Give stored actors new ids (``old → new``): their rows and their chains."""
    if not renamed:
        return
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _renamed (old VARCHAR, new VARCHAR)")
    _insert_many(store, "_renamed", [list(r) for r in sorted(renamed.items())])
    for table in ("actors", "actor_bases"):
        con.execute(f"CREATE OR REPLACE TEMP TABLE _moved AS SELECT t.* REPLACE (r.new AS actor_id) "  # noqa: S608
                    f"FROM {table} t JOIN _renamed r ON t.actor_id = r.old")
        con.execute(f"DELETE FROM {table} WHERE actor_id IN (SELECT old FROM _renamed)")  # noqa: S608
        con.execute(f"INSERT INTO {table} SELECT * FROM _moved")  # noqa: S608
    for table in ("actor_entities", "actor_summaries"):
        con.execute(f"UPDATE {table} t SET actor_id = r.new FROM _renamed r WHERE t.actor_id = r.old")  # noqa: S608
    con.execute("DROP TABLE _moved")
    con.execute("DROP TABLE _renamed")


def _point_chains(store: Store) -> set[str]:
    """Copy the actors of ``_assign``'s chains onto their mentions, event sides, quote speakers,
    comment targets and the sides of the stories; the events to link again (:func:`_relinked`)."""
    changed = _relinked(store)
    store.con.execute(
        "UPDATE actor_mentions m SET actor_id = a.actor_id FROM _assign a "
        "WHERE m.doc_id = a.doc_id AND m.local_entity = a.local_entity"
    )
    relink_event_actors(store)
    store.con.execute("UPDATE comment_targets t SET actor_id = a.actor_id FROM _assign a "
                      "WHERE t.doc_id = a.doc_id AND t.local_entity = a.local_entity")
    return changed


def _relinked(store: Store) -> set[str]:
    """The events whose side changed actor in a way their links may see; the sides of the stories of
    the others follow their actors' new ids.

    An actor whose every event side moves to one new id that no other side takes (its id renamed:
    another numbering ``~2``, another most frequent name) keeps its events' links where the rename
    keeps what linking reads of an id (:func:`storyline.link.events.linked_alike`): those events are
    not linked again, only the stories' sides are renamed. Every other side that changed actor
    (chains that moved between actors) links its event again."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE _moved AS SELECT DISTINCT p.actor_id AS old, a.actor_id AS new "
                "FROM event_participants p JOIN _assign a ON p.doc_id = a.doc_id AND p.local_entity = a.local_entity "
                "WHERE p.actor_id IS NOT NULL AND p.actor_id <> a.actor_id")
    sides = con.execute(  # every side that has or takes one of those ids: (event, id before, id after)
        "SELECT p.event_id, p.actor_id, coalesce(a.actor_id, p.actor_id) FROM event_participants p "
        "LEFT JOIN _assign a ON p.doc_id = a.doc_id AND p.local_entity = a.local_entity "
        "WHERE p.actor_id IS NOT NULL AND (p.actor_id IN (SELECT old FROM _moved UNION SELECT new FROM _moved) "
        "OR a.actor_id IN (SELECT new FROM _moved))").fetchall()
    after: dict[str, set[str]] = defaultdict(set)
    before: dict[str, set[str]] = defaultdict(set)
    for _, old, new in sides:
        after[old].add(new)
        before[new].add(old)
    renamed = {old: new for old, (new,) in ((o, tuple(n)) for o, n in after.items() if len(n) == 1)
               if new != old and before[new] == {old} and linked_alike(old, new)}
    con.execute("CREATE OR REPLACE TEMP TABLE _renamed_sides (old VARCHAR, new VARCHAR)")
    _insert_many(store, "_renamed_sides", [list(r) for r in sorted(renamed.items())])
    con.execute("UPDATE story_sides s SET actor_id = r.new FROM _renamed_sides r WHERE s.actor_id = r.old")
    for table in ("_moved", "_renamed_sides"):
        con.execute(f"DROP TABLE {table}")  # noqa: S608
    return {event for event, old, new in sides if old != new and old not in renamed}


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
