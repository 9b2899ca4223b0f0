"""Store: migrations, versions by content hash, atomic writes."""

from __future__ import annotations

import dataclasses
import time

import duckdb
import pytest

from storyline.errors import StoreError
from storyline.model import Comment, Document, Segment, content_hash
from storyline.store import Store
from storyline.store.migrations import LATEST_VERSION


def make_doc(doc_id: str = "d1", text: str = "Headline\n\nBody line one.\n") -> Document:
    body_start = text.index("Body")
    return Document(
        doc_id=doc_id, version=0, source=f"{doc_id}.txt", fmt="text", url=None, outlet=None, title="Headline",
        published="2014-06-04", published_source="page", ingested_at="2024-01-01T00:00:00", text=text,
        content_hash=content_hash(text),
        segments=(Segment(role="headline", start=0, end=8), Segment(role="body", start=body_start, end=len(text) - 1)),
        comments=(Comment(comment_id="c1", parent_id=None, depth=0, author="ann", posted_at="2014-06-04T10:15",
                          text="Body", start=body_start, end=body_start + 4),),
    )


def test_fresh_store_is_migrated(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.counts() == {"documents": 0, "segments": 0, "comments": 0}


def test_round_trip(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        result = store.add_document(make_doc())
        assert (result.version, result.status) == (1, "added")
        doc = store.get_document("d1")
    assert doc.version == 1 and doc.published == "2014-06-04"
    assert [doc.text[s.start : s.end] for s in doc.segments] == ["Headline", "Body line one."]
    assert doc.comments[0].posted_at == "2014-06-04T10:15" and doc.comments[0].author == "ann"


def test_same_content_is_unchanged_new_content_is_a_new_version(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(make_doc())
        assert store.add_document(make_doc()).status == "unchanged"
        changed = store.add_document(make_doc(text="Headline\n\nBody line two.\n"))
        assert (changed.version, changed.status) == (2, "new_version")
        assert store.add_document(make_doc()).status == "unchanged"
        assert store.counts()["documents"] == 2
        assert store.get_document("d1").text.endswith("two.\n")
        assert store.get_document("d1", version=1).text.endswith("one.\n")
        assert store.list_documents()[0].versions == 2


def test_failed_write_leaves_nothing_half_written(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(make_doc("keep"))
        bad = dataclasses.replace(make_doc("bad"), comments=(dataclasses.replace(make_doc().comments[0], depth=None),))
        with pytest.raises(duckdb.Error):
            store.add_document(bad)
        assert store.counts() == {"documents": 1, "segments": 2, "comments": 1}
        assert [d.doc_id for d in store.list_documents()] == ["keep"]


def test_unknown_document(tmp_path):
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="E203"):
        store.get_document("nope")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    con.close()
    with pytest.raises(StoreError, match="E202"):
        Store(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="E201"):
        Store(path)


def test_a_writer_lets_go_between_pages_only_for_a_waiting_reader(tmp_path):
    from storyline.store.database import HANDOFF_S, wanted

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute("SELECT 1")
        store.pause()  # nobody waits: the file stays open
        assert store._con is not None
        marker = tmp_path / "s.duckdb.read-wanted"
        marker.touch()
        assert wanted(path, "read") and not wanted(path, "write")
        started = time.monotonic()
        store.pause()  # a reader waits: the file is let go, and the writer holds back for it a while
        assert store._con is None and time.monotonic() - started >= HANDOFF_S * 0.9
        assert store.con.execute("SELECT 1").fetchone() == (1,)  # and takes it again on its next use
        marker.unlink()


def test_a_store_another_process_holds_is_waited_for_then_one_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "s.duckdb"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(StoreError, match="E201"):
            Store(path, read_only=True, lock_wait=0.5)
        assert 0.5 <= time.monotonic() - started < 10
        assert not (tmp_path / "s.duckdb.read-wanted").exists()  # the marker goes when the waiting ends
    finally:
        holder.kill()
        holder.wait()


def test_documents_are_found_by_id_through_an_index_of_that_column(tmp_path):
    # DuckDB does not scan by the first column of the two-column key: each page ingested scanned
    # every stored document until this index (migration 15)
    with Store(tmp_path / "s.duckdb") as store:
        indexed = {r[0] for r in store.con.execute(
            "SELECT expressions FROM duckdb_indexes() WHERE table_name = 'documents'").fetchall()}
    assert "[doc_id]" in indexed or "['doc_id']" in indexed, indexed
