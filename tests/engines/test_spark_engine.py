"""The Spark engine fills the store the local engine fills. Skips without PySpark or Java
(``pip install -r requirements-spark.lock``; ``apt-get install default-jre-headless``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from storyline.demo import corpus_dir
from storyline.pipeline import ingest, read_pending
from storyline.store import Store

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

# Every table the reading and linking fill, with the columns that do not hold the time of the run.
TABLES = {
    "read_state": "doc_id, version, pipeline",
    "entity_mentions": "*",
    "page_entities": "*",
    "actor_mentions": "*",
    "time_expressions": "*",
    "place_mentions": "*",
    "events": "*",
    "event_participants": "*",
    "event_evidence": "*",
    "quotes": "*",
    "actors": "*",
    "page_stories": "*",
    "story_reports": "*",
    "comment_targets": "*",
}


def _filled(path: Path, sources: list[Path], *, engine: str) -> dict[str, list[tuple]]:
    with Store(path) as store:
        ingest(sources, store=store)
        report = read_pending(store, engine=engine, master="local[2]", n_process=1)
        assert report.pages and not report.errors
        return {t: store.con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()  # noqa: S608
                for t, cols in TABLES.items()}


def _same(sources: list[Path], tmp_path: Path) -> None:
    local = _filled(tmp_path / "local.duckdb", sources, engine="local")
    spark = _filled(tmp_path / "spark.duckdb", sources, engine="spark")
    assert local["events"] and local["actors"]
    for table in TABLES:
        assert spark[table] == local[table], table


def test_spark_engine_equals_local_on_the_demo_corpus(tmp_path):
    _same([corpus_dir()], tmp_path)


@pytest.mark.slow
def test_spark_engine_equals_local_on_the_sample_and_development_pages(shared_dir, tmp_path):
    _same([shared_dir / "seeds", shared_dir / "gold" / "dev" / "pages.jsonl"], tmp_path)


def test_a_failed_spark_job_is_one_error_and_the_store_keeps_what_was_stored(tmp_path):
    import dataclasses

    from storyline.engines.spark import read_spark
    from storyline.errors import StorylineError
    from storyline.pipeline import build_document
    from storyline.ingest import discover_pages
    from storyline.model import Page

    [page] = [p for p in discover_pages([corpus_dir()]) if isinstance(p, Page)][:1]
    unreadable = dataclasses.replace(build_document(page), segments=("not a segment",))  # the task cannot rebuild it
    with pytest.raises(StorylineError, match="E133 the Spark job failed"):
        list(read_spark([unreadable], master="local[2]"))
