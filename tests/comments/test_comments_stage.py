"""The comments stage end to end: JSONL pages with comments, read, analysed, listed and exported."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.comments.query import aggregates, list_comments
from storyline.comments.stage import analyse_comments
from storyline.pipeline import ingest, read_pending
from storyline.store import Store

ARTICLE = """Kenya and Uganda agree to reopen Busia crossing after border clash

Published: June 4, 2014

NAIROBI: Kenya's defence minister Joseph Wafula met Ugandan army chief General Moses Okumu in Nairobi on Tuesday to end a dispute over the Busia border crossing.
The meeting came a week after Ugandan soldiers fired on a Kenyan police patrol near Busia, killing two officers.
Wafula said the two governments had agreed to reopen the crossing to lorries from Friday.
Okumu told reporters that Uganda would pay compensation to the families of the officers.
"""

COMMENTS = [
    {"id": "k1", "author": "Achieng", "posted_at": "2014-06-04T08:10:00Z",
     "text": "Wafula did well. Okumu is a liar and a coward after the border clash."},
    {"id": "k2", "parent": "k1", "author": "Ssemakula", "posted_at": "2014-06-04T09:00:00Z",
     "text": "The army chief is not corrupt. The Kenyans started it, the meeting changed nothing."},
    {"id": "k3", "author": "Promo", "text": "Earn $500 a week from home! Click here www.cashfast.biz"},
    {"id": "k4", "author": "Mama Njeri", "text": "Le ministre Wafula n'a rien fait pour les familles, c'est une honte."},
    {"id": "k5", "author": "Otieno", "text": "You stupid idiot, Okumu should be ashamed of himself."},
    {"id": "k6", "author": "copycat", "text": "Wafula did well. Okumu is a liar and a coward after the border clash!"},
]
SECOND = [
    {"id": "x1", "author": "bot_1", "text": "Wafula did well. Okumu is a liar and a coward after the border clash."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("comments")
    feed = folder / "feed.jsonl"
    rows = [{"id": "ke-busia", "text": ARTICLE, "comments": COMMENTS},
            {"id": "ke-busia-2", "text": ARTICLE.replace("Nairobi on Tuesday", "Nairobi on Tuesday evening"),
             "comments": SECOND}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    path = folder / "s.duckdb"
    with Store(path) as store:
        assert ingest([feed], store=store).ok
        report = read_pending(store)
        assert report.comments == 7
    return path


def _by_id(rows):
    return {(r["doc_id"], r["comment_id"]): r for r in rows}


def _actor_of(store, text):
    row = store.con.execute("SELECT actor_id FROM actor_mentions WHERE doc_id = 'ke-busia' AND text = ?",
                            [text]).fetchone()
    return row[0] if row else None


def test_targets_resolve_to_the_article_actors_with_stance(db):
    with Store(db) as store:
        wafula, okumu = _actor_of(store, "Joseph Wafula"), _actor_of(store, "Moses Okumu")
        rows = _by_id(list_comments(store))
    assert wafula and okumu and wafula != okumu
    first = rows[("ke-busia", "k1")]
    stances = {t["actor_id"]: (t["stance"], t["words"]) for t in first["targets"]}
    assert stances[wafula] == ("supportive", ["did well"])
    assert stances[okumu] == ("critical", ["liar", "coward"])
    for t in first["targets"]:
        assert first["text"][t["start"]:t["end"]] in ("Wafula", "Okumu")
    reply = rows[("ke-busia", "k2")]
    by_text = {reply["text"][t["start"]:t["end"]]: t for t in reply["targets"]}
    assert by_text["army chief"]["actor_id"] == okumu and by_text["army chief"]["stance"] == "supportive"
    assert by_text["Kenyans"]["actor_id"] == "state:KEN"
    assert reply["parent_id"] == "k1" and reply["depth"] == 1


def test_event_mentions_carry_their_story(db):
    with Store(db) as store:
        rows = _by_id(list_comments(store))
        stories = dict(store.con.execute("SELECT event_id, story_id FROM story_reports").fetchall())
        types = dict(store.con.execute("SELECT event_id, type FROM events WHERE doc_id = 'ke-busia'").fetchall())
    mentions = rows[("ke-busia", "k2")]["events"]
    meeting = next(m for m in mentions if rows[("ke-busia", "k2")]["text"][m["start"]:m["end"]] == "the meeting")
    assert types[meeting["event_id"]] == "CONSULT" and meeting["story_id"] == stories.get(meeting["event_id"])


def test_toxicity_language_and_spam_are_marked_never_deleted(db):
    with Store(db) as store:
        rows = _by_id(list_comments(store))
    assert len(rows) == 7
    assert rows[("ke-busia", "k3")]["spam"] == "advertising"
    french = rows[("ke-busia", "k4")]
    assert french["language"] == "fr" and french["toxicity"] is None and french["constructiveness"] is None
    assert [t["stance"] for t in french["targets"]] == ["neutral"]
    assert rows[("ke-busia", "k5")]["toxic"] is True and rows[("ke-busia", "k5")]["toxicity"] >= 0.9
    assert rows[("ke-busia", "k1")]["language"] == "en" and rows[("ke-busia", "k1")]["spam"] is None
    assert rows[("ke-busia", "k6")]["duplicate_of"] == "k1" and rows[("ke-busia", "k6")]["spam"] is None
    assert rows[("ke-busia-2", "x1")]["duplicate_of"] == "ke-busia#k1"
    assert rows[("ke-busia-2", "x1")]["spam"] == "repost"


def test_a_second_pass_changes_nothing_and_force_analyses_again(db):
    with Store(db) as store:
        before = list_comments(store)
        assert analyse_comments(store).pages == 0
        assert analyse_comments(store, force=True).pages == 2
        assert list_comments(store) == before


def test_aggregates_per_actor_and_story(db):
    with Store(db) as store:
        okumu = _actor_of(store, "Moses Okumu")
        per_actor = {a.key: a.to_json() for a in aggregates(store, by="actor", period="all")}
        per_story = aggregates(store, by="story", period="month")
    row = per_actor[okumu]
    assert row["comments"] >= 3 and row["critical"] >= 2 and row["supportive"] >= 1
    assert 0.0 <= row["mean_toxicity"] <= 1.0 and row["critical_share"] > 0.3
    assert per_story and all(a.period in ("2014-06", "undated") for a in per_story)


runner = CliRunner()


def test_cli_list_filters_show_and_json(db):
    with Store(db) as store:
        okumu = _actor_of(store, "Moses Okumu")
    result = runner.invoke(app, ["comments", "list", "--db", str(db), "--actor", okumu, "--stance", "critical", "--json"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["comment_id"] for line in result.stdout.splitlines()]
    assert "k1" in ids and "k2" not in ids
    listed = json.loads(result.stdout.splitlines()[0])
    exported = {json.loads(line)["comment_id"]: json.loads(line)
                for line in runner.invoke(app, ["export", "comments", "--db", str(db)]).stdout.splitlines()}
    assert listed == exported[listed["comment_id"]]
    toxic = runner.invoke(app, ["comments", "list", "--db", str(db), "--min-toxicity", "0.9", "--json"])
    assert [json.loads(line)["comment_id"] for line in toxic.stdout.splitlines()] == ["k5"]
    by_code = runner.invoke(app, ["comments", "list", "--db", str(db), "--actor", "KEN", "--json"])
    kenyan = [json.loads(line)["comment_id"] for line in by_code.stdout.splitlines()]
    assert {"k1", "k2", "k4"} <= set(kenyan) and "k3" not in kenyan  # Wafula (KEN), the Kenyans; not the advert
    state = runner.invoke(app, ["comments", "list", "--db", str(db), "--actor", "state:KEN", "--json"])
    assert [json.loads(line)["comment_id"] for line in state.stdout.splitlines()] == ["k2"]
    with Store(db) as store:
        meeting = next(e for e in _by_id(list_comments(store))[("ke-busia", "k2")]["events"] if e["type"] == "CONSULT")
        page_story = store.con.execute("SELECT story_id FROM page_stories WHERE doc_id = 'ke-busia'").fetchone()[0]
    story = runner.invoke(app, ["comments", "list", "--db", str(db), "--story", meeting["story_id"], "--json"])
    assert [json.loads(line)["comment_id"] for line in story.stdout.splitlines()] == ["k2"]
    on_page = runner.invoke(app, ["comments", "list", "--db", str(db), "--story", page_story, "--json"])
    assert {"k1", "k3", "k5"} <= {json.loads(line)["comment_id"] for line in on_page.stdout.splitlines()}
    shown = runner.invoke(app, ["comments", "show", "ke-busia", "--db", str(db)])
    assert shown.exit_code == 0 and "SPAM: advertising" in shown.stdout and "liar, coward" in shown.stdout
    table = runner.invoke(app, ["comments", "list", "--db", str(db)])
    assert table.exit_code == 0 and "7 comments" in table.stdout
    stats = runner.invoke(app, ["comments", "stats", "--db", str(db), "--by", "actor", "--period", "week"])
    assert stats.exit_code == 0 and "2014-W23" in stats.stdout


def test_cli_bad_options_get_one_line_errors(db):
    for args, code in ((["comments", "list", "--stance", "angry"], "E306"),
                       (["comments", "list", "--min-toxicity", "2"], "E307"),
                       (["comments", "show", "nope"], "E203"),
                       (["comments", "stats", "--by", "outlet"], "E308"),
                       (["comments", "stats", "--period", "year"], "E303")):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 1 and code in result.output and len(result.output.strip().splitlines()) == 1


def test_export_comments_in_every_format(db, tmp_path):
    fields = ["doc_id", "comment_id", "parent_id", "depth", "author", "posted_at", "text", "language", "toxicity",
              "toxic", "constructiveness", "constructive", "spam", "duplicate_of", "targets", "events"]
    result = runner.invoke(app, ["export", "comments", "--db", str(db)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 7 and all(list(r) == fields for r in rows)
    target = rows[0]["targets"][0]
    assert set(target) == {"actor_id", "name", "stance", "score", "start", "end", "words"}
    assert set(rows[1]["events"][0]) == {"story_id", "event_id", "start", "end"}
    text = runner.invoke(app, ["export", "comments", "--db", str(db), "--format", "csv"]).stdout
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 7 and json.loads(table[0]["targets"])[0]["actor_id"] == target["actor_id"]
    out = tmp_path / "comments.parquet"
    done = runner.invoke(app, ["export", "comments", "--db", str(db), "--format", "parquet", "--output", str(out)])
    assert done.exit_code == 0
    parquet = pq.read_table(out).to_pylist()
    assert len(parquet) == 7 and parquet[0]["targets"][0]["stance"] == target["stance"]


def test_markup_in_comment_text_is_shown_as_written(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "ug-1", "text": ARTICLE, "comments": [
        {"id": "m1", "author": "[bold]x[/bold]", "text": "[red]Okumu[/red] is [link=http://x]right[/link]"}]}) + "\n",
        encoding="utf-8")
    path = tmp_path / "m.duckdb"
    with Store(path) as store:
        ingest([feed], store=store)
        read_pending(store)
    shown = runner.invoke(app, ["comments", "show", "ug-1", "--db", str(path)])
    assert shown.exit_code == 0
    assert "[red]Okumu[/red] is [link=http://x]right[/link]" in shown.stdout and "[bold]x[/bold]" in shown.stdout
