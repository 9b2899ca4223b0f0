"""Events through the CLI: export contract, list filters, eval command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from tests.helpers import ARTICLE

runner = CliRunner()

SIDE_KEYS = {"text", "name", "actor_id", "country", "sector", "start", "end"}
EVENT_KEYS = {"event_id", "doc_id", "type", "mode", "contexts", "actors", "recipients", "date", "date_precision", "location",
              "negated", "hypothetical", "evidence", "quote", "confidence", "cameo", "quad_class", "goldstein"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
          "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")
    (pages / "kenya-uganda.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "raid.txt").write_text(
        "Troops attack rebel camp\n\nPublished: May 5, 2015\n\n"
        "BAMAKO: Malian troops attacked a rebel camp near Kidal on Monday, killing six fighters, the army said.\n"
        "The French defence minister praised the Malian army for the operation on Tuesday.\n"
        "Tuareg rebels said Malian soldiers did not attack the town of Gao.\n",
        encoding="utf-8",
    )
    path = str(tmp_path_factory.mktemp("db") / "e.duckdb")
    result = runner.invoke(app, ["ingest", str(pages), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def _events(db: str) -> list[dict]:
    result = runner.invoke(app, ["export", "events", "--db", db])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_export_events_contract(db):
    events = _events(db)
    assert events
    docs = {d["doc_id"]: d["text"] for d in map(json.loads, runner.invoke(app, ["export", "documents", "--db", db]).output.splitlines())}
    for e in events:
        assert EVENT_KEYS <= set(e)
        assert e["type"] in PLOVER and e["quad_class"] in {1, 2, 3, 4} and -10 <= e["goldstein"] <= 10
        for side in (*e["actors"], *e["recipients"]):
            assert SIDE_KEYS <= set(side)
            assert docs[e["doc_id"]][side["start"] : side["end"]] == side["text"]
        ev = e["evidence"]
        assert docs[e["doc_id"]][ev["start"] : ev["end"]] == ev["text"]
        assert e["location"] is None or {"text", "country", "lat", "lon"} <= set(e["location"])
        assert e["quote"] is None or {"text", "speaker"} <= set(e["quote"])


def test_assault_is_coded_with_both_sides_and_date(db):
    assaults = [e for e in _events(db) if e["type"] == "ASSAULT" and not e["negated"] and not e["hypothetical"]]
    assert any({s["country"] for s in e["actors"]} == {"MLI"} and e["date"] == "2015-05-04" for e in assaults)


def test_negated_event_is_marked(db):
    negated = [e for e in _events(db) if e["negated"]]
    assert any("did not attack" in e["evidence"]["text"] for e in negated)


def test_events_list_filters(db):
    everything = runner.invoke(app, ["events", "list", "--db", db])
    assert everything.exit_code == 0 and "ASSAULT" in everything.output
    only = runner.invoke(app, ["events", "list", "--db", db, "--type", "ASSAULT"])
    assert "ASSAULT" in only.output and "SUPPORT" not in only.output
    later = runner.invoke(app, ["events", "list", "--db", db, "--since", "2015-01-01"])
    assert "2014-" not in later.output
    nobody = runner.invoke(app, ["events", "list", "--db", db, "--actor", "NZL"])
    assert "0 events" in nobody.output


def test_export_events_csv(db):
    out = runner.invoke(app, ["export", "events", "--db", db, "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and json.loads(rows[0]["actors"]) is not None


def test_eval_events_command(shared_dir):
    result = runner.invoke(app, ["eval", "events", "--gold", str(shared_dir / "gold" / "seeds.events.json"),
                                 "--pages", str(shared_dir / "seeds"), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["pages"] == 5 and metrics["main"] == 7


def test_eval_events_missing_gold(tmp_path):
    result = runner.invoke(app, ["eval", "events", "--gold", str(tmp_path / "none.json"), "--pages", str(tmp_path)])
    assert result.exit_code == 1 and "E101" in result.output
