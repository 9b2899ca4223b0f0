"""The Spark engine fills the store the local engine fills. Skips without PySpark or Java
(``pip install -r requirements-spark.lock``; ``apt-get install default-jre-headless``)."""

from __future__ import annotations

import json
import os
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.demo import corpus_dir
from storyline.pipeline import ingest, ingest_spark, read_pending
from storyline.store import Store
from tests.conftest import REPO

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

MASTER = "local[2]"

# Every table ingest, reading and linking fill, with the columns that do not hold the time of the run.
TABLES = {
    "documents": "* EXCLUDE (ingested_at)",
    "segments": "*",
    "comments": "*",
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
    "story_events": "*",
    "story_links": "*",
    "story_sides": "*",
    "story_disagreements": "*",
    "near_duplicates": "*",
    "page_terms": "*",
    "comment_targets": "*",
    "comment_analyses": "*",
    "comment_events": "*",
}


def _tables(store: Store) -> dict[str, list[tuple]]:
    return {t: store.con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()  # noqa: S608
            for t, cols in TABLES.items()}


def _local(path: Path, sources: list) -> tuple[dict[str, list[tuple]], list[str]]:
    with Store(path) as store:
        report = ingest(sources, store=store)
        reading = read_pending(store, engine="local", n_process=1)
        assert reading.pages and not reading.errors
        return _tables(store), [str(e) for e in report.errors]


def _spark_read(path: Path, sources: list) -> dict[str, list[tuple]]:
    with Store(path) as store:
        ingest(sources, store=store)
        reading = read_pending(store, engine="spark", master=MASTER, n_process=1)
        assert reading.pages and not reading.errors
        return _tables(store)


def _made_inputs(folder: Path) -> list[Path]:
    """A WARC of one page and a JSONL of two pages and a bad line, made from the demo pages, and a
    file that is not text."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    corpus = corpus_dir()
    html = next(corpus.glob("*.html")).read_bytes()
    warc = folder / "made.warc"
    with warc.open("wb") as out:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record("https://news.example.org/2011/11/made-page", "response",
                                                      payload=BytesIO(html), http_headers=headers))
    jsonl = folder / "made.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    lines = [json.dumps({"id": f"made-{k}", "url": f"https://example.org/made-{k}", "published": "2011-11-28",
                         "text": text}) for k, text in enumerate(texts)]
    jsonl.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    bad = folder / "binary.html"
    bad.write_bytes(b"\x00\x01\x02\x03 not a page")
    return [warc, jsonl, bad]


def test_spark_ingest_gives_the_store_the_local_engine_gives(tmp_path):
    sources = [corpus_dir(), *_made_inputs(tmp_path)]
    local, local_errors = _local(tmp_path / "local.duckdb", sources)
    with Store(tmp_path / "spark.duckdb") as store:
        report, reading = ingest_spark(sources, store=store, master=MASTER)
        assert reading is not None and reading.pages == len(local["documents"]) and not reading.errors
        spark = _tables(store)
        again, reread = ingest_spark(sources, store=store, master=MASTER)  # nothing new: nothing read again
        assert len(again.unchanged) == len(local["documents"]) and not again.added and reread.pages == 0
        assert _tables(store) == spark
    assert local["events"] and local["actors"] and local["page_stories"]
    for table in TABLES:
        assert spark[table] == local[table], table
    assert [str(e) for e in report.errors] == local_errors
    assert [e.split(": ", 1)[1][:4] for e in local_errors] == ["E105", "E103"]


def test_spark_reading_of_stored_pages_equals_local(tmp_path):
    local, _ = _local(tmp_path / "local.duckdb", [corpus_dir()])
    spark = _spark_read(tmp_path / "spark.duckdb", [corpus_dir()])
    for table in TABLES:
        assert spark[table] == local[table], table


@pytest.mark.slow
def test_spark_ingest_equals_local_on_the_sample_and_development_pages(shared_dir, tmp_path):
    dev = tmp_path / "dev.jsonl"
    dev.write_text("".join((shared_dir / "gold" / "dev" / "pages.jsonl").read_text(encoding="utf-8")
                           .splitlines(keepends=True)[:12]), encoding="utf-8")
    sources = [shared_dir / "seeds", dev]
    local, _ = _local(tmp_path / "local.duckdb", sources)
    with Store(tmp_path / "spark.duckdb") as store:
        ingest_spark(sources, store=store, master=MASTER)
        spark = _tables(store)
    for table in TABLES:
        assert spark[table] == local[table], table


def test_out_leaves_documented_parquet_and_no_store(tmp_path):
    import pyarrow.parquet as pq

    from storyline.cli.main import app
    from storyline.engines.page_records import NAMES, document_of, reading_of

    folder = tmp_path / "in"
    folder.mkdir()
    _made_inputs(folder)
    out, db = tmp_path / "records", tmp_path / "never.duckdb"
    args = ["ingest", folder.as_uri(), "--engine", "spark", "--master", MASTER, "--out", str(out), "--db", str(db), "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "binary.html: E103" in errors[0] and "made.jsonl:2: E105" in errors[1]
    assert not db.exists()
    table = pq.read_table(out)
    assert tuple(table.column_names) == NAMES
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in NAMES)
    rows = sorted(table.to_pylist(), key=lambda r: (r["file"], r["item"]))
    assert [r["status"] for r in rows] == ["error", "read", "error", "read", "read"]
    assert rows[1]["source"].startswith("file:") and rows[1]["source"].endswith("made.jsonl:1")
    for row in (r for r in rows if r["status"] == "read"):
        document, reading = document_of(row), reading_of(row)
        assert document.doc_id == reading.doc_id == row["doc_id"] and row["events"] == len(reading.events)
        assert document.text and document.version == reading.version == 0
    assert [r["doc_id"] for r in rows[1::2]] == ["made-0", "made-1"]
    assert rows[4]["doc_id"].startswith("news-example-org-made-page-") and rows[4]["url"].endswith("/made-page")
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 1 and "E135 the output directory already exists" in again.output


def test_inputs_that_name_nothing_readable_are_one_error_each_and_no_job(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    missing = tmp_path / "missing.html"
    inputs = [str(missing), missing.as_uri(), str(tmp_path / "empty"), str(tmp_path / "notes.pdf"),
              "s3a://no-such-bucket/pages/", "https://example.org/a-page"]
    with Store(tmp_path / "s.duckdb") as store:
        report, reading = ingest_spark(inputs, store=store, master=MASTER)
        assert store.list_documents() == []
    codes = [e.message[:4] for e in report.errors]
    assert codes == ["E101", "E101", "E111", "E102", "E136", "E120"], report.errors
    assert reading is not None and reading.pages == 0 and not reading.errors


def test_out_needs_the_spark_engine(tmp_path):
    from storyline.cli.main import app

    result = CliRunner().invoke(app, ["ingest", str(corpus_dir()), "--out", str(tmp_path / "o"),
                                      "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "E134" in result.output and not (tmp_path / "x.duckdb").exists()


def test_a_failed_spark_job_is_one_error_and_the_store_keeps_what_was_stored(tmp_path):
    import dataclasses

    from storyline.engines.spark import read_spark
    from storyline.errors import StorylineError
    from storyline.ingest import discover_pages
    from storyline.model import Page
    from storyline.pipeline import build_document

    [page] = [p for p in discover_pages([corpus_dir()]) if isinstance(p, Page)][:1]
    unreadable = dataclasses.replace(build_document(page), segments=("not a segment",))  # the task cannot rebuild it
    with pytest.raises(StorylineError, match="E133 the Spark job failed"):
        list(read_spark([unreadable], master=MASTER))
