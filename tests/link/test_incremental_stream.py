"""Incremental cross-page work: a store fed in batches ends as the store fed everything at once
(canonical actors, story events, page stories, comment reposts), and a pass canonicalises only the
chains its new pages touch."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.bench.stream import copied_reading, stream_pages
from storyline.ingest import discover_pages
from storyline.nlp.pipeline import pipeline_name
from storyline.page_reading import PageReading
from storyline.pipeline import build_document, link_read
from storyline.store import Store
from storyline.store.readings import rebuild_actors, write_readings

CORPUS = Path(__file__).resolve().parents[2] / "src" / "storyline" / "demo" / "corpus"
COPIES = 3


@pytest.fixture(scope="module")
def stream() -> list[tuple[object, PageReading]]:
    """The demo pages and two copies of each (other ids, years moved), each with its reading (the
    copies' readings made from the first copy's, as the stream benchmark does)."""
    from storyline.engines.local import read_local

    base = [p for p in discover_pages([CORPUS]) if not hasattr(p, "message")]
    pages = list(stream_pages(base, len(base) * COPIES))
    documents = [build_document(p) for p, _, _ in pages]
    first = {d.doc_id: d for d in documents if d.doc_id.endswith("-c0")}
    read = {r.doc_id: r for r in read_local(list(first.values()), n_process=1) if isinstance(r, PageReading)}
    out = []
    for (page, origin, shift), doc in zip(pages, documents, strict=True):
        reading = read[origin] if page.doc_id == origin else copied_reading(read[origin], doc_id=page.doc_id,
                                                                             version=1, shift=shift)
        out.append((doc, reading))
    return out


def _feed(store: Store, items: list[tuple[object, PageReading]]) -> None:
    for doc, _ in items:
        store.add_document(doc)
    with store.transaction():
        write_readings(store, [r for _, r in items], pipeline=pipeline_name())
    link_read(store)


def _state(store: Store) -> dict[str, list[tuple]]:
    q = store.con.execute
    return {
        "actors": q("SELECT * FROM actors ORDER BY actor_id").fetchall(),
        "mentions": q("SELECT doc_id, start_offset, actor_id FROM actor_mentions ORDER BY ALL").fetchall(),
        "sides": q("SELECT event_id, side, seq, actor_id FROM event_participants ORDER BY ALL").fetchall(),
        "stories": q("SELECT * EXCLUDE (story_id) FROM story_events ORDER BY ALL").fetchall(),
        "reports": q("SELECT story_id, event_id, inferred_date FROM story_reports ORDER BY ALL").fetchall(),
        "story_sides": q("SELECT * FROM story_sides ORDER BY ALL").fetchall(),
        "page_stories": q("SELECT doc_id, story_id FROM page_stories ORDER BY ALL").fetchall(),
        "reposts": q("SELECT doc_id, comment_id, repost_of_doc, repost_of_comment, repost_spam "
                     "FROM comment_analyses ORDER BY ALL").fetchall(),
    }


def test_batches_give_the_store_of_one_ingest(tmp_path, stream):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "batches.duckdb") as batches:
        _feed(one, stream)
        size = len(stream) // 4 + 1
        for start in range(0, len(stream), size):
            _feed(batches, stream[start : start + size])
        whole, fed = _state(one), _state(batches)
    assert whole["actors"] and whole["stories"] and whole["page_stories"]
    assert any(r[2] for r in whole["reposts"]), "the copies' comments repeat the first copies'"
    for table in whole:
        assert fed[table] == whole[table], table


def test_a_pass_canonicalises_only_the_chains_new_pages_touch(tmp_path, stream):
    copies = [item for item in stream if item[0].doc_id.endswith("-c0")]
    with Store(tmp_path / "s.duckdb") as store:
        _feed(store, copies[:-1])
        total = store.con.execute("SELECT count(*) FROM actors").fetchone()[0]
        doc, reading = copies[-1]
        store.add_document(doc)
        with store.transaction():
            write_readings(store, [reading], pipeline=pipeline_name())
        canonical, _ = rebuild_actors(store)
        touched = {d for a in canonical.actors for d, _ in a.entities}
        assert doc.doc_id in touched
        assert len(canonical.actors) < total + len(reading.actors)
        # and nothing left to do: a second pass canonicalises nothing
        assert rebuild_actors(store)[0].actors == ()
        full, _ = rebuild_actors(store, full=True)
        assert {a.actor_id for a in full.actors} == {r[0] for r in store.con.execute("SELECT actor_id FROM actors").fetchall()}


def test_reading_a_page_again_leaves_the_actors_of_reading_it_once(tmp_path, stream):
    with Store(tmp_path / "s.duckdb") as store:
        _feed(store, stream)
        before = _state(store)["actors"]
        doc, reading = stream[0]
        with store.transaction():
            write_readings(store, [reading], pipeline=pipeline_name())
        rebuild_actors(store)
        assert _state(store)["actors"] == before


def test_a_store_made_before_blocking_keys_is_canonicalised_again_once(tmp_path, stream):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "old.duckdb") as old:
        _feed(one, stream)
        _feed(old, stream[:-3])
        for table in ("actor_entities", "actor_keys", "actor_summaries", "actor_bases"):
            old.con.execute(f"DELETE FROM {table}")  # noqa: S608 - as migration 13 leaves an older store
        _feed(old, stream[-3:])
        assert _state(old)["actors"] == _state(one)["actors"]


def test_people_who_can_meet_are_filed_in_one_group(tmp_path, stream):
    from storyline.actors.canonical import may_meet
    from storyline.store.readings import load_page_actors

    with Store(tmp_path / "s.duckdb") as store:
        size = len(stream) // 3 + 1
        for start in range(0, len(stream), size):
            _feed(store, stream[start : start + size])
        group = dict(((d, loc), g) for d, loc, g in store.con.execute(
            "SELECT doc_id, local_id, grp FROM actor_groups").fetchall())
        people = {(e.doc_id, e.local_id): e for page in load_page_actors(store) for e in page.entities
                  if e.kind == "person"}
        keys = store.con.execute("SELECT doc_id, local_id, key FROM actor_keys WHERE NOT starts_with(key, 'x:')").fetchall()
    assert set(group) == set(people), "every person chain is filed in a group"
    by_key: dict[str, list[tuple[str, str]]] = {}
    for d, loc, key in keys:
        by_key.setdefault(key, []).append((d, loc))
    met = [(a, b) for key, chains in by_key.items() for a in chains for b in chains
           if a < b and may_meet(people[a], people[b], key)]
    assert met, "the copies' people meet the first copies'"
    assert all(group[a] == group[b] for a, b in met)
    assert len(set(group.values())) > 1, "people who cannot meet are kept apart"


def test_a_store_made_before_groups_of_people_is_canonicalised_again_once(tmp_path, stream):
    with Store(tmp_path / "one.duckdb") as one:
        _feed(one, stream)
        whole = _state(one)["actors"]
    path = tmp_path / "old.duckdb"
    with Store(path) as old:
        _feed(old, stream[:-3])
        old.con.execute("DROP TABLE actor_groups")  # as a store of migration 14 is
        old.con.execute("DROP INDEX documents_doc")
        old.con.execute("DELETE FROM schema_migrations WHERE version = 15")
    with Store(path) as old:
        assert old.con.execute("SELECT count(*) FROM actor_entities").fetchone()[0] == 0
        _feed(old, stream[-3:])
        assert old.con.execute("SELECT count(*) FROM actor_groups").fetchone()[0] > 0
        assert _state(old)["actors"] == whole


@pytest.fixture(scope="module")
def respelt(stream) -> list[tuple[object, PageReading]]:
    """The stream with each copy's names respelt (other people, whose names are close spellings of
    the first copies': the people clustered again meet the clusters of earlier batches)."""
    base = [p for p in discover_pages([CORPUS]) if not hasattr(p, "message")]
    pages = list(stream_pages(base, len(base) * (COPIES + 1), vary_names=True))
    read = {doc.doc_id: reading for doc, reading in stream if doc.doc_id.endswith("-c0")}
    out = []
    for page, origin, shift in pages:
        copy = int(page.doc_id.rsplit("-c", 1)[1])
        doc = build_document(page)
        reading = read[origin] if page.doc_id == origin else copied_reading(
            read[origin], doc_id=page.doc_id, version=1, shift=shift, copy=copy)
        out.append((doc, reading))
    return out


def test_batches_of_respelt_copies_give_the_store_of_one_ingest(tmp_path, respelt):
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "batches.duckdb") as batches:
        _feed(one, respelt)
        size = len(respelt) // 5 + 1
        for start in range(0, len(respelt), size):
            _feed(batches, respelt[start : start + size])
        whole, fed = _state(one), _state(batches)
        kept = batches.con.execute("SELECT count(*) FROM actors").fetchone()[0]
    assert kept and whole["actors"]
    for table in ("actors", "mentions", "sides", "stories", "reports"):
        assert fed[table] == whole[table], table


def test_groups_tell_nodes_already_in_one_set_without_adding_any():
    from storyline.store.readings import _Groups

    groups = _Groups()
    groups.union("c:a/e1", "g:x")
    groups.union("c:b/e1", "c:a/e1")
    assert groups.joined("c:b/e1", "g:x")
    assert not groups.joined("c:b/e1", "g:y")
    assert "g:y" not in groups.parent, "a group looked up and not met is not taken into the block"


def test_events_whose_actor_was_only_renamed_are_not_linked_again(tmp_path, stream, monkeypatch):
    from storyline.store import readings

    passes: list[tuple[set[str], set[str]]] = []
    real = readings._relinked

    def spied(store: Store) -> set[str]:
        moved = {r[0] for r in store.con.execute(  # every event whose side changed id (all linked again before)
            "SELECT DISTINCT p.event_id FROM event_participants p JOIN _assign a "
            "ON p.doc_id = a.doc_id AND p.local_entity = a.local_entity "
            "WHERE p.actor_id IS NOT NULL AND p.actor_id <> a.actor_id").fetchall()}
        relinked = real(store)
        passes.append((moved, relinked))
        return relinked

    monkeypatch.setattr(readings, "_relinked", spied)
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "batches.duckdb") as batches:
        _feed(one, stream)
        size = len(stream) // 4 + 1
        for start in range(0, len(stream), size):
            _feed(batches, stream[start : start + size])
        assert _state(batches) == _state(one)
    assert all(relinked <= moved for moved, relinked in passes)
    assert any(relinked < moved for moved, relinked in passes), "some actor of the stream is renamed in a pass"
