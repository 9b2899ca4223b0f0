"""`docs show`, `actors show` and `comments show` have --json; `comments list` and `comments stats` have --csv."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _run(*args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    path = str(tmp_path_factory.mktemp("show") / "s.duckdb")
    _run("ingest", str(SEEDS), "--db", path, "--quiet")
    return path


def test_show_commands_answer_in_json(db):
    doc_id = json.loads(_run("docs", "list", "--db", db, "--json").splitlines()[0])["doc_id"]
    doc = json.loads(_run("docs", "show", doc_id, "--db", db, "--json"))
    assert doc["doc_id"] == doc_id and doc["text"] and doc["segments"] and isinstance(doc["marks"], list)
    actor_id = json.loads(_run("actors", "list", "--db", db, "--json", "--limit", "1").splitlines()[0])["actor_id"]
    actor = json.loads(_run("actors", "show", actor_id, "--db", db, "--json"))
    assert actor["actor_id"] == actor_id and actor["mentions"] and all("context" in m for m in actor["mentions"])
    with_comments = next(d for d in map(json.loads, _run("docs", "list", "--db", db, "--json").splitlines())
                         if d.get("comments"))
    thread = [json.loads(line) for line in _run("comments", "show", with_comments["doc_id"], "--db", db, "--json").splitlines()]
    assert thread and {c["doc_id"] for c in thread} == {with_comments["doc_id"]}


def test_comment_lists_answer_in_csv(db):
    rows = list(csv.DictReader(io.StringIO(_run("comments", "list", "--db", db, "--csv"))))
    assert rows and {"doc_id", "comment_id", "toxicity", "targets"} <= set(rows[0])
    stats = list(csv.DictReader(io.StringIO(_run("comments", "stats", "--db", db, "--csv"))))
    assert stats and {"key", "comments", "critical_share"} <= set(stats[0])
