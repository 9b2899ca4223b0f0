"""Story events through the CLI: two outlets report one real event; stories, timeline, exports."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()

PAGE_A = """Ghana and Togo sign border security pact

Published: May 12, 2016

ACCRA: Ghana's President John Mahama met Togo's President Faure Gnassingbe in Accra on Wednesday and the two leaders discussed joint border patrols.
Officials said the meeting lasted three hours.
"""

PAGE_B = """Togo leader in Accra for border talks

Published: May 12, 2016

LOME: Togo's President Faure Gnassingbe met Ghana's President John Mahama in Accra on Wednesday to discuss smuggling along their border.
The talks were the first between the two presidents this year.
"""

PAGE_C = """Nigeria police arrest protest leaders

Published: June 2, 2016

LAGOS: Nigerian police arrested twelve opposition activists in Lagos on Tuesday, a police spokesman said.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")
    for name, text in (("a", PAGE_A), ("b", PAGE_B), ("c", PAGE_C)):
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
    path = str(tmp_path_factory.mktemp("db") / "s.duckdb")
    result = runner.invoke(app, ["ingest", str(pages), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def _rows(db: str, what: str) -> list[dict]:
    result = runner.invoke(app, ["export", what, "--db", db])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_one_meeting_two_pages_is_one_story(db):
    meetings = [e for e in _rows(db, "events") if e["type"] == "CONSULT" and not e["hypothetical"]
                and {s["name"] for s in e["actors"] + e["recipients"]} == {"John Mahama", "Faure Gnassingbe"}]
    assert {e["doc_id"] for e in meetings} == {"a", "b"}
    assert len({e["story_id"] for e in meetings}) == 1
    story = next(s for s in _rows(db, "stories") if s["story_id"] == meetings[0]["story_id"])
    assert story["pages"] == 2 and story["sources"] == 2 and story["date"] == "2016-05-11"
    assert {r["doc_id"] for r in story["reports"]} == {"a", "b"}
    assert {"story_id", "type", "actors", "recipients", "date", "date_precision", "date_source", "location", "pages",
            "sources", "reports", "disagreements"} <= set(story)


def test_stories_show_list_and_timeline(db):
    story_id = next(e["story_id"] for e in _rows(db, "events") if e["type"] == "CONSULT")
    shown = runner.invoke(app, ["stories", "show", story_id, "--db", db])
    assert shown.exit_code == 0 and "2 pages, 2 independent sources" in shown.output
    listed = runner.invoke(app, ["stories", "list", "--db", db, "--actor", "GHA", "--actor", "TGO"])
    assert story_id in listed.output and "NGA" not in listed.output
    line = runner.invoke(app, ["timeline", "--actor", "GHA", "--actor", "TGO", "--db", db])
    assert line.exit_code == 0 and "2016-05" in line.output and "cooperation / conflict" in line.output
    missing = runner.invoke(app, ["stories", "show", "story-nope", "--db", db])
    assert missing.exit_code == 1 and "E205" in missing.output
    bad = runner.invoke(app, ["timeline", "--actor", "GHA", "--period", "year", "--db", db])
    assert bad.exit_code == 1 and "E303" in bad.output


@pytest.mark.parametrize("command", [["timeline", "--actor", "GHA"], ["stories", "list"], ["events", "list"]])
@pytest.mark.parametrize("bound", ["yesterday", "2016-13", "16-05-12", "2016-5"])
def test_a_date_bound_that_is_not_an_iso_date_is_a_clear_error(db, command, bound):
    result = runner.invoke(app, [*command, "--since", bound, "--db", db])
    assert result.exit_code == 1 and "E304" in result.output and repr(bound) in result.output
    assert "Traceback" not in result.output


def test_iso_prefixes_are_valid_bounds(db):
    for bound in ("2016", "2016-05", "2016-05-12"):
        result = runner.invoke(app, ["timeline", "--actor", "GHA", "--since", bound, "--until", "2017", "--db", db])
        assert result.exit_code == 0 and "2016-05" in result.output


def test_reingest_keeps_story_ids(db, tmp_path):
    before = {s["story_id"] for s in _rows(db, "stories")}
    again = runner.invoke(app, ["read", "--db", db, "-q"])
    assert again.exit_code == 0
    assert {s["story_id"] for s in _rows(db, "stories")} == before
