"""``storyline fetch`` and ``storyline watch`` from the command line, and URLs given to ``ingest``."""

from __future__ import annotations

from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.store import Store
from storyline.store.fetches import list_states
from tests.live.conftest import Reply
from tests.live.pages import HTML, RSS, article, rss

runner = CliRunner()
FAST = ("--delay", "0", "--retries", "0", "--timeout", "2", "--quiet")


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


def test_ingest_of_a_url_points_to_fetch_and_ingests_the_rest(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(article(1).decode(), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    result = run("ingest", "https://www.example.org/news/2015/accord", str(page), "--db", db, "--no-read", "--quiet")
    assert result.exit_code == 1
    (line,) = _error_lines(result.output)
    assert line.startswith("error: https://www.example.org/news/2015/accord: E120 ")
    assert "storyline fetch" in line and "https:/www" not in result.output
    assert "1 added, 0 new versions, 0 unchanged, 1 failed" in result.output


def test_fetch_stores_pages_and_reports_each_failure_on_one_line(site, tmp_path):
    site.routes["/ok"] = Reply(body=article(1), headers=HTML)
    db = str(tmp_path / "s.duckdb")
    result = run("fetch", site.url("/ok"), site.url("/missing"), "ftp://x.example/y", "--db", db, "--no-read", *FAST)
    assert result.exit_code == 1
    assert "1 added, 0 new versions, 0 unchanged, 0 not modified, 0 fetched before, 2 failed" in result.output
    lines = _error_lines(result.output)
    assert [line.split(": ", 2)[2].split()[0] for line in lines] == ["E122", "E121"]
    assert lines[0].startswith(f"error: {site.url('/missing')}: E122 the server answered HTTP 404")
    again = run("fetch", site.url("/ok"), "--db", db, "--no-read", *FAST)
    assert again.exit_code == 0 and "0 added, 0 new versions, 0 unchanged, 0 not modified, 1 fetched before, 0 failed" in again.output


def test_fetch_reads_what_it_stored(site, tmp_path):
    site.routes["/accord"] = Reply(body=article(2), headers=HTML)
    db = str(tmp_path / "s.duckdb")
    result = run("fetch", site.url("/accord"), "--db", db, *FAST)
    assert result.exit_code == 0, result.output
    assert "1 pages read" in result.output
    with Store(db) as store:
        (doc,) = store.list_documents()
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert doc.title == "Fisheries accord, round 2"
    assert events >= 1  # "Chile and Peru signed an agreement" is coded


def test_watch_once_fetches_reads_and_stops(site, tmp_path):
    paths = ["/w/1", "/w/2"]
    for n, path in enumerate(paths):
        site.routes[path] = Reply(body=article(n), headers=HTML)
    site.routes["/rss"] = Reply(body=rss(site.base, paths), headers=RSS)
    db = str(tmp_path / "s.duckdb")
    result = run("watch", site.url("/rss"), "--once", "--db", db, *FAST)
    assert result.exit_code == 0, result.output
    assert "cycle 1: 1 feeds (0 not modified), 2 links, 2 new, 0 left for the next cycle" in result.output
    assert "2 pages read" in result.output
    again = run("watch", site.url("/rss"), "--once", "--db", db, "--no-read", *FAST)
    assert again.exit_code == 0 and "2 links, 0 new" in again.output
    with Store(db) as store:
        assert store.counts()["documents"] == 2
        assert len(list_states(store, kind="page")) == 2


def test_watch_reports_a_malformed_feed_and_exits_1(site, tmp_path):
    site.routes["/bad"] = Reply(body=b"<rss><channel><item>", headers=RSS)
    result = run("watch", site.url("/bad"), "--once", "--db", str(tmp_path / "s.duckdb"), "--no-read", *FAST)
    assert result.exit_code == 1
    (line,) = _error_lines(result.output)
    assert line.startswith(f"error: {site.url('/bad')}: E127 ")


def test_watch_refuses_a_bad_every_before_touching_anything(tmp_path):
    db = tmp_path / "s.duckdb"
    result = run("watch", "https://news.example.org/rss", "--every", "soon", "--db", str(db), *FAST)
    assert result.exit_code == 1
    assert _error_lines(result.output) == ["error: E129 --every 'soon' is not a duration (expected seconds, or a "
                                           "number with s, m, h or d: 90s, 15m, 1h)"]
    assert not db.exists()


def test_fetch_and_watch_refuse_a_database_that_cannot_be_opened(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for command in ("fetch", "watch"):
        result = run(command, "https://news.example.org/x", "--db", str(folder), "--once" if command == "watch" else "--refresh", *FAST)
        assert result.exit_code == 1 and _error_lines(result.output)[0].startswith("error: E201")
