"""CLI contract: ingest, docs, export, demo; errors are one line each and never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.store import Store
from tests.helpers import ARTICLE, HTML_ARTICLE, write_warc

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "kenya-uganda.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "chile-peru.html").write_text(HTML_ARTICLE, encoding="utf-8")
    write_warc(pages / "crawl.warc.gz", [("https://www.herald.example/world/chile-peru-2", HTML_ARTICLE.replace("Monday", "Sunday"))])
    (pages / "feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "url": "https://www.wire.example/x", "published": "2014-06-05", "text": ARTICLE.replace("Tuesday", "Monday")}) + "\n",
        encoding="utf-8",
    )
    return pages


def test_ingest_then_reingest_changes_nothing(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    first = run("ingest", str(corpus), "--db", db, "--quiet")
    assert first.exit_code == 0, first.output
    assert "4 added, 0 new versions, 0 unchanged, 0 failed" in first.output
    with Store(db) as store:
        before = store.counts()
    again = run("ingest", str(corpus), "--db", db, "--quiet")
    assert "0 added, 0 new versions, 4 unchanged, 0 failed" in again.output
    with Store(db) as store:
        assert store.counts() == before


def test_changed_content_becomes_a_new_version(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    run("ingest", str(corpus), "--db", db, "-q")
    (corpus / "kenya-uganda.txt").write_text(ARTICLE.replace("a week", "ten days"), encoding="utf-8")
    result = run("ingest", str(corpus), "--db", db, "-q")
    assert "0 added, 1 new versions, 3 unchanged" in result.output
    listing = run("docs", "list", "--db", db)
    assert "kenya-uganda" in listing.output


def test_bad_inputs_are_reported_and_the_rest_is_ingested(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "empty.html").write_text("", encoding="utf-8")
    (corpus / "broken.jsonl").write_text('{"id": "ok", "text": "A headline\\n\\nThe minister said on Monday that talks would resume next week in Geneva."}\nnot json\n{"id": "x"}\n', encoding="utf-8")
    write_warc(corpus / "cut.warc", [("https://a.example/1", HTML_ARTICLE), ("https://a.example/2", HTML_ARTICLE * 2)], truncate_last=400)
    result = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", db, "-q"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 6, result.output
    assert any("broken.jsonl:2: E105" in e for e in errors) and any("broken.jsonl:3: E106" in e for e in errors)
    assert any("blob.txt: E103" in e for e in errors) and any("empty.html: E104" in e for e in errors)
    assert any("cut.warc#2: E107" in e for e in errors) and any("missing.txt: E101" in e for e in errors)
    assert "Traceback" not in result.output
    with Store(db) as store:
        ids = {d.doc_id for d in store.list_documents()}
    assert {"kenya-uganda", "chile-peru", "feed-1", "ok"} <= ids and len(ids) == 6


def test_docs_show_and_unknown_id(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    run("ingest", str(corpus), "--db", db, "-q")
    shown = run("docs", "show", "kenya-uganda", "--db", db)
    assert "Ministers agree to reopen the northern border crossing" in shown.output
    assert "2014-06-04 (page)" in shown.output and "Malaba" in shown.output
    missing = runner.invoke(app, ["docs", "show", "nope", "--db", db])
    assert missing.exit_code == 1 and "E203" in missing.output


def test_read_commands_refuse_a_missing_database(tmp_path):
    result = runner.invoke(app, ["docs", "list", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "E201" in result.output
    assert not (tmp_path / "none.duckdb").exists()


def test_export_documents_jsonl_csv_parquet(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    run("ingest", str(corpus), "--db", db, "-q")
    jsonl = run("export", "documents", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.output.splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert {"doc_id", "version", "url", "title", "published", "published_source", "text", "segments", "comments"} <= set(row)
        for seg in row["segments"]:
            assert set(seg) == {"role", "start", "end"}
            assert row["text"][seg["start"] : seg["end"]].strip()
    feed = next(r for r in rows if r["doc_id"] == "feed-1")
    assert feed["published"] == "2014-06-04" and feed["published_source"] == "page"
    assert feed["url"] == "https://www.wire.example/x"
    csv_out = run("export", "documents", "--db", db, "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(csv_out.output)))) == 4
    target = tmp_path / "docs.parquet"
    run("export", "documents", "--db", db, "--format", "parquet", "--output", str(target))
    table = pq.read_table(target)
    assert table.num_rows == 4 and "segments" in table.column_names
    bad = runner.invoke(app, ["export", "documents", "--db", db, "--format", "xml"])
    assert bad.exit_code == 1 and "E301" in bad.output
    no_file = runner.invoke(app, ["export", "documents", "--db", db, "--format", "parquet"])
    assert no_file.exit_code == 1 and "E302" in no_file.output


def test_demo_runs_on_the_bundled_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    with Store(tmp_path / "storyline-demo.duckdb") as store:
        docs = store.list_documents()
    assert len(docs) >= 6
    assert {d.format for d in docs} == {"text", "html"}
    assert any(d.comments for d in docs)


def test_killed_ingest_leaves_a_consistent_database_and_resumes(tmp_path):
    pages = tmp_path / "many"
    pages.mkdir()
    for i in range(400):
        (pages / f"p{i:04d}.txt").write_text(ARTICLE.replace("Tuesday", f"Tuesday ({i})"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "storyline", "-v", "ingest", str(pages), "--db", str(db), "-q", "--no-read"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    stored = 0
    deadline = time.monotonic() + 60
    while stored < 30 and time.monotonic() < deadline:
        if "stored" in proc.stderr.readline():
            stored += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        counts = store.counts()
        partial = counts["documents"]
        assert 0 < partial < 400
        per_doc = store.con.execute(
            "SELECT count(*) FROM documents d LEFT JOIN segments s USING (doc_id, version) GROUP BY d.doc_id"
        ).fetchall()
        assert len(per_doc) == partial and len(set(per_doc)) == 1 and per_doc[0][0] > 1
        orphan = store.con.execute(
            "SELECT count(*) FROM segments s ANTI JOIN documents d USING (doc_id, version)"
        ).fetchone()[0]
        assert orphan == 0
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{400 - partial} added" in done.stdout and f"{partial} unchanged" in done.stdout
    with Store(db) as store:
        assert store.counts()["documents"] == 400


def test_export_to_a_path_that_cannot_be_written_is_one_line_naming_it(tmp_path, corpus):
    db = str(tmp_path / "s.duckdb")
    run("ingest", str(corpus), "--db", db, "-q")
    target = tmp_path / "missing" / "docs.parquet"
    result = runner.invoke(app, ["export", "documents", "--db", db, "--format", "parquet", "--output", str(target)])
    assert result.exit_code == 1
    assert "E305 cannot write" in result.output and "docs.parquet" in result.output
    assert "Traceback" not in result.output
