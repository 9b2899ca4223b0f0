"""Work across pages grows with the new pages: a store filled in batches equals one filled at once,
and the shortcuts that keep a pass small give what the whole store would."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.demo import corpus_dir
from storyline.link.apart import store_apart_pages
from storyline.link.features import load_features, page_features, reading_specifics
from storyline.pipeline import ingest, read_pending
from storyline.store import Store

TABLES = {
    "page_stories": "doc_id, story_id",
    "actors": "actor_id, name, kind, country, sector, mention_count",
    "actor_mentions": "doc_id, start_offset, end_offset, actor_id",
    "event_participants": "event_id, side, seq, actor_id",
    "story_reports": "*",
    "near_duplicates": "*",
    "comment_targets": "*",
}


def _files() -> list[Path]:
    return sorted(p for p in corpus_dir().rglob("*") if p.is_file())


def _contents(store: Store) -> dict[str, list[tuple]]:
    return {t: store.con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()  # noqa: S608
            for t, cols in TABLES.items()}


@pytest.fixture(scope="module")
def one_shot(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("one") / "s.duckdb"
    with Store(path) as store:
        ingest(_files(), store=store)
        read_pending(store)
    return path


def test_pages_added_in_batches_give_the_store_one_ingest_gives(one_shot, tmp_path):
    files = _files()
    with Store(tmp_path / "batches.duckdb") as store:
        for start in range(0, len(files), 2):
            ingest(files[start:start + 2], store=store)
            read_pending(store)
        batches = _contents(store)
    with Store(one_shot) as store:
        whole = _contents(store)
    assert whole["page_stories"] and whole["actors"] and whole["story_reports"]
    for table in TABLES:
        assert batches[table] == whole[table], table


def test_kept_word_counts_give_the_features_the_page_texts_give(one_shot):
    with Store(one_shot) as store:
        kept = load_features(store)
        assert store.con.execute("SELECT count(*) FROM page_terms").fetchone()[0] == len(kept)
        fresh = {f.doc_id: f for f in load_features(store)}
        specifics = reading_specifics(store)
        for f in kept:
            doc = store.get_document(f.doc_id)
            again = page_features(doc, entities=f.entities, dates=f.dates, specifics=f.specifics)
            assert again == f == fresh[f.doc_id]
            assert set(specifics.get(f.doc_id, {})) <= set(f.specifics)


def test_pages_kept_apart_among_some_pages_are_the_whole_relation_among_them(one_shot):
    with Store(one_shot) as store:
        whole = store_apart_pages(store)
        assert whole, "the demo corpus has pages kept apart"
        pages = sorted(whole)[:3] + sorted({d for others in whole.values() for d in others})[:1]
        among = store_apart_pages(store, doc_ids=pages)
    expected = {d: frozenset(o & set(pages)) for d, o in whole.items() if d in pages and o & set(pages)}
    assert among == expected
