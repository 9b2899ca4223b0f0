"""The list commands over the query layer: JSON and CSV output, limits, actor names resolved, unknown
actors explained, --version, serve's errors; commands that only read never take the write lock."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()

PAGE_A = """Ghana and Togo sign border security pact

Published: May 12, 2016

ACCRA: Ghana's President John Mahama met Togo's President Faure Gnassingbe in Accra on Wednesday and the two leaders discussed joint border patrols.
"""

PAGE_B = """Togo leader in Accra for border talks

Published: May 12, 2016

LOME: Togo's President Faure Gnassingbe met Ghana's President John Mahama in Accra on Wednesday to discuss smuggling along their border.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")
    for name, text in (("a", PAGE_A), ("b", PAGE_B)):
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
    path = str(tmp_path_factory.mktemp("db") / "s.duckdb")
    result = runner.invoke(app, ["ingest", str(pages), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_stories_and_timeline_as_json_and_csv(db):
    rows = [json.loads(line) for line in _run("stories", "list", "--db", db, "--json").splitlines()]
    meeting = next(r for r in rows if r["type"] == "CONSULT")
    assert meeting["pages"] == 2 and meeting["date_source"] == "reported" and meeting["when"] == "2016-05-11"
    assert "Mahama" in meeting["actors"] + meeting["recipients"] and meeting["evidence"]
    table = list(csv.DictReader(io.StringIO(_run("timeline", "--actor", "GHA", "--actor", "TGO", "--db", db, "--csv"))))
    assert meeting["story_id"] in {r["story_id"] for r in table}
    series = [json.loads(line) for line in
              _run("timeline", "--actor", "GHA", "--db", db, "--series", "--json").splitlines()]
    assert series[0]["period"] == "2016-05" and series[0]["events"] >= 1
    assert len(_run("stories", "list", "--db", db, "--json", "--limit", "1").splitlines()) == 1


def test_an_actor_name_is_resolved_and_an_unknown_one_explained(db):
    by_name = _run("stories", "list", "--db", db, "--actor", "Mahama", "--json")
    by_code = _run("stories", "list", "--db", db, "--actor", "GHA", "--json")
    assert by_name and set(by_name.splitlines()) <= set(by_code.splitlines())
    missing = runner.invoke(app, ["timeline", "--actor", "Mahamma Zzz", "--db", db])
    assert missing.exit_code == 1 and "E608" in missing.output and "Traceback" not in missing.output
    too_many = runner.invoke(app, ["stories", "list", "--db", db, "--actor", "GHA", "--actor", "TGO", "--actor", "NGA"])
    assert too_many.exit_code == 1 and "E609" in too_many.output


def test_actors_and_docs_lists(db):
    actors = [json.loads(line) for line in _run("actors", "list", "--db", db, "--name", "Gnasingbe", "--json").splitlines()]
    assert actors and actors[0]["name"] == "Faure Gnassingbe" and actors[0]["country"] == "TGO"
    docs = list(csv.DictReader(io.StringIO(_run("docs", "list", "--db", db, "--csv"))))
    assert {d["doc_id"] for d in docs} == {"a", "b"}
    bad = runner.invoke(app, ["actors", "list", "--db", db, "--limit", "0"])
    assert bad.exit_code == 1 and "E602" in bad.output


def test_version_and_serve_errors(tmp_path):
    from storyline import __version__

    assert _run("--version").strip() == f"storyline {__version__}"
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "E201" in missing.output


def test_reading_commands_never_take_the_write_lock(db):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
                               "read_only=True); print('held', flush=True); time.sleep(60)", db],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"  # another process reads: no writer could open it now
        for args in (["stories", "list"], ["timeline", "--actor", "GHA"], ["docs", "list"], ["actors", "list"],
                     ["events", "list"], ["export", "stories"], ["comments", "list"]):
            result = runner.invoke(app, [*args, "--db", db])
            assert result.exit_code == 0, (args, result.output)
    finally:
        holder.kill()
        holder.wait()


def test_the_command_line_starts_without_the_heavy_libraries():
    code = ("import sys; from storyline.cli.main import app; "
            "print(sorted(m for m in ('spacy', 'pyarrow', 'htmldate', 'fastapi') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_verbose_is_accepted_after_the_subcommand(db):
    from storyline.cli.main import verbose_first

    assert verbose_first(["stories", "list", "-v", "--db", "x"]) == ["-v", "stories", "list", "--db", "x"]
    assert verbose_first(["docs", "list"]) == ["docs", "list"]
    assert verbose_first(["docs", "show", "--", "-v"]) == ["docs", "show", "--", "-v"]
    run = subprocess.run([sys.executable, "-m", "storyline", "stories", "list", "--db", db, "-v", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert all(json.loads(line)["story_id"] for line in run.stdout.splitlines())


def test_flat_exports_one_row_per_story_and_event(db, tmp_path):
    from storyline.export.flat import FLAT_EVENT_FIELDS, FLAT_STORY_FIELDS

    stories = list(csv.DictReader(io.StringIO(_run("export", "flat-stories", "--db", db))))
    assert stories and tuple(stories[0]) == FLAT_STORY_FIELDS
    meeting = next(r for r in stories if r["plover_type"] == "CONSULT")
    assert {meeting["actor_name"], meeting["recipient_name"]} == {"John Mahama", "Faure Gnassingbe"}
    assert {meeting["actor_country"], meeting["recipient_country"]} == {"GHA", "TGO"}
    assert meeting["cameo_root"] == "04" and meeting["quad_class"] == "1" and meeting["pages"] == "2"
    assert (meeting["date"], meeting["date_source"]) == ("2016-05-11", "reported") and meeting["evidence"]
    events = [json.loads(line) for line in
              _run("export", "flat-events", "--db", db, "--format", "jsonl", "--actor", "Mahama", "--type", "consult",
                   "--since", "2016-05", "--until", "2016-05").splitlines()]
    assert len(events) == 2 and {e["doc_id"] for e in events} == {"a", "b"} and tuple(events[0]) == FLAT_EVENT_FIELDS
    assert {e["story_id"] for e in events} == {meeting["story_id"]} and all(e["sources"] == 2 for e in events)
    assert _run("export", "flat-events", "--db", db, "--format", "jsonl", "--until", "2015") == ""


def test_flat_export_for_excel_starts_with_a_byte_order_mark(db, tmp_path):
    out = tmp_path / "stories.csv"
    _run("export", "flat-stories", "--db", db, "--excel", "--output", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstory_id,")
    assert next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))["story_id"].startswith("story-")
    plain = _run("export", "flat-stories", "--db", db)
    assert not plain.startswith("\ufeff")


def test_a_flat_export_with_a_bad_filter_writes_nothing(db):
    result = runner.invoke(app, ["export", "flat-events", "--db", db, "--actor", "Zzyzx Qq"])
    assert result.exit_code == 1 and "E608" in result.output and "event_id" not in result.output
    bad = runner.invoke(app, ["export", "flat-stories", "--db", db, "--since", "2016-13"])
    assert bad.exit_code == 1 and "E304" in bad.output
