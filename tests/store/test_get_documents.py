"""Loading many documents at once gives what loading them one by one gives."""

from __future__ import annotations

from storyline.demo import corpus_dir
from storyline.pipeline import ingest
from storyline.store import Store


def test_get_documents_equals_get_document_in_the_order_asked(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([corpus_dir()], store=store)
        keys = [(s.doc_id, s.version) for s in store.list_documents()][::-1]
        one_by_one = [store.get_document(d, version=v) for d, v in keys]
        assert any(d.comments for d in one_by_one) and all(d.segments for d in one_by_one)
        assert store.get_documents([*keys, ("no-such-page", 1)]) == one_by_one
        assert store.get_documents([]) == []
