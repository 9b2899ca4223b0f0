"""Watching feeds against a local web site: cycles, 304 feeds, skips, bounds, broken feeds, a killed loop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from storyline.errors import StorylineError
from storyline.live.watch import parse_every, run_cycle, watch
from storyline.store import Store
from storyline.store.fetches import get_state, list_states
from tests.conftest import REPO
from tests.live.conftest import FAST, Reply
from tests.live.pages import HTML, RSS, XML, article, atom, rss, sitemap, sitemap_index


def _serve_pages(site, paths, **reply) -> None:
    for n, path in enumerate(paths):
        site.routes[path] = Reply(body=article(n), headers=HTML, **reply)


def _conditional_feed(body: bytes, etag: str):
    def answer(request):
        if request.headers.get("if-none-match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        return Reply(body=body, headers={**RSS, "ETag": etag})

    return answer


def test_a_cycle_fetches_the_new_pages_and_the_next_one_finds_the_feed_not_modified(site, client, tmp_path):
    paths = ["/world/1", "/world/2", "/world/3"]
    _serve_pages(site, paths)
    site.routes["/rss"] = _conditional_feed(rss(site.base, paths), '"f1"')
    reports = list(watch([site.url("/rss")], db=tmp_path / "w.duckdb", client=client, every=0.01, cycles=2))
    first, second = reports
    assert first.ok and len(first.pages.added) == 3 and first.links == 3 and first.new_links == 3
    assert second.not_modified == 1 and not second.pages.added and not second.pages.skipped
    assert [len(site.hits(p)) for p in paths] == [1, 1, 1]
    with Store(tmp_path / "w.duckdb") as store:
        assert store.counts()["documents"] == 3
        assert get_state(store, site.url("/rss")).etag == '"f1"'


def test_a_changed_feed_fetches_only_its_new_items(site, client, tmp_path):
    _serve_pages(site, ["/a", "/b", "/c"])
    site.routes["/rss"] = Reply(body=rss(site.base, ["/a", "/b"]), headers=RSS)
    db = tmp_path / "w.duckdb"
    list(watch([site.url("/rss")], db=db, client=client, every=0.01, cycles=1))
    site.routes["/rss"] = Reply(body=rss(site.base, ["/c", "/b", "/a"]), headers=RSS)
    (report,) = watch([site.url("/rss")], db=db, client=client, every=0.01, cycles=1)
    assert report.links == 3 and report.new_links == 1 and [r.doc_id for r in report.pages.added]
    assert [len(site.hits(p)) for p in ("/a", "/b", "/c")] == [1, 1, 1]


def test_two_feeds_listing_one_page_fetch_it_once(site, client, tmp_path):
    _serve_pages(site, ["/shared", "/only-atom"])
    site.routes["/rss"] = Reply(body=rss(site.base, ["/shared"]), headers=RSS)
    site.routes["/atom"] = Reply(body=atom(site.base, ["/shared", "/only-atom"]), headers={"Content-Type": "application/atom+xml"})
    (report,) = watch([site.url("/rss"), site.url("/atom")], db=tmp_path / "w.duckdb", client=client, every=1, cycles=1)
    assert len(report.pages.added) == 2 and len(site.hits("/shared")) == 1


def test_sitemap_index_and_its_sitemaps(site, client, tmp_path):
    _serve_pages(site, ["/p1", "/p2", "/p3"])
    site.routes["/index.xml"] = Reply(body=sitemap_index(site.base, ["/s1.xml", "/s2.xml"]), headers=XML)
    site.routes["/s1.xml"] = Reply(body=sitemap(site.base, ["/p1", "/p2"]), headers=XML)
    site.routes["/s2.xml"] = Reply(body=sitemap(site.base, ["/p3"]), headers=XML)
    (report,) = watch([site.url("/index.xml")], db=tmp_path / "w.duckdb", client=client, every=1, cycles=1)
    assert report.feeds == 3 and len(report.pages.added) == 3 and report.ok


def test_max_pages_leaves_the_rest_for_the_next_cycle_and_the_feed_is_read_in_full_again(site, client, tmp_path):
    paths = [f"/n{i}" for i in range(5)]
    _serve_pages(site, paths)
    site.routes["/rss"] = _conditional_feed(rss(site.base, paths), '"same"')
    first, second, third = watch([site.url("/rss")], db=tmp_path / "w.duckdb", client=client, every=0.01, cycles=3,
                                 max_pages=2)
    assert (len(first.pages.added), first.deferred) == (2, 3)
    assert (len(second.pages.added), second.deferred, second.not_modified) == (2, 1, 0)
    assert (len(third.pages.added), third.deferred) == (1, 0)
    feed_requests = site.hits("/rss")
    assert all("if-none-match" not in r.headers for r in feed_requests)  # the feed was never settled before


def test_a_broken_or_unreachable_feed_is_reported_and_the_others_go_on(site, client, tmp_path):
    _serve_pages(site, ["/ok"])
    site.routes["/good"] = Reply(body=rss(site.base, ["/ok"]), headers=RSS)
    site.routes["/garbage"] = Reply(body=b"<rss><channel><item><link>", headers=RSS)
    site.routes["/html"] = Reply(body=article(1), headers=HTML)
    site.routes["/down"] = Reply(status=500)
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/rss"
    feeds = [site.url(p) for p in ("/garbage", "/html", "/down", "/missing")] + ["not a url", closed, site.url("/good")]
    (report,) = watch(feeds, db=tmp_path / "w.duckdb", client=client, every=1, cycles=1)
    codes = [e.message.split()[0] for e in report.feed_errors]
    assert codes == ["E127", "E127", "E122", "E122", "E121", "E123"]
    assert len(report.pages.added) == 1 and not report.ok
    with Store(tmp_path / "w.duckdb") as store:
        assert {s.status for s in list_states(store, kind="feed") if s.url != site.url("/good")} == {"retry"}


def test_a_huge_feed_is_reported_and_skipped(site, tmp_path):
    from dataclasses import replace

    from storyline.live.http import PoliteClient

    paths = [f"/item/{i}" for i in range(3000)]
    site.routes["/huge"] = Reply(body=rss(site.base, paths), headers=RSS)
    with PoliteClient(replace(FAST, max_bytes=50_000)) as small, Store(tmp_path / "w.duckdb") as store:
        report = run_cycle([site.url("/huge")], store=store, client=small)
    assert [e.message.split()[0] for e in report.feed_errors] == ["E125"] and report.links == 0


def test_pages_that_fail_in_a_feed_are_reported_and_the_feed_is_asked_in_full_next_time(site, client, tmp_path):
    site.routes["/rss"] = _conditional_feed(rss(site.base, ["/ok", "/flaky"]), '"e"')
    _serve_pages(site, ["/ok"])
    site.routes["/flaky"] = Reply(status=503)
    db = tmp_path / "w.duckdb"
    (first,) = watch([site.url("/rss")], db=db, client=client, every=1, cycles=1)
    assert [e.message.split()[0] for e in first.pages.errors] == ["E122"] and len(first.pages.added) == 1
    site.routes["/flaky"] = Reply(body=article(9), headers=HTML)
    (second,) = watch([site.url("/rss")], db=db, client=client, every=1, cycles=1)
    assert second.not_modified == 0 and len(second.pages.added) == 1 and len(second.pages.skipped) == 0
    (third,) = watch([site.url("/rss")], db=db, client=client, every=1, cycles=1)
    assert third.not_modified == 1


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("90s", 90), ("15m", 900), ("1.5h", 5400), ("1d", 86400), (" 2M ", 120)])
def test_every_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0s", "-5m", "fifteen", "15 minutes", "1w", "nan", "1e3"])
def test_bad_every_is_e129(text):
    with pytest.raises(StorylineError, match="E129"):
        parse_every(text)


def test_the_loop_sleeps_until_the_next_cycle_is_due(site, client, tmp_path):
    site.routes["/rss"] = Reply(body=rss(site.base, []), headers=RSS)
    waits: list[float] = []
    reports = list(watch([site.url("/rss")], db=tmp_path / "w.duckdb", client=client, every=60, cycles=3, sleep=waits.append))
    assert len(reports) == 3 and len(waits) == 2 and all(55 < w <= 60 for w in waits)


def test_a_killed_watch_loop_leaves_a_consistent_store_that_the_next_run_completes(site, tmp_path):
    paths = [f"/story/{i}" for i in range(30)]
    _serve_pages(site, paths, delay=0.15)
    site.routes["/rss"] = _conditional_feed(rss(site.base, paths), '"k"')
    db = tmp_path / "k.duckdb"
    command = [sys.executable, "-m", "storyline", "watch", site.url("/rss"), "--db", str(db), "--no-read", "--delay",
               "0", "--quiet"]
    process = subprocess.Popen([*command, "--every", "1h"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(site.hits("/story/4")) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    fetched_before_kill = len([r for r in site.requests if r.path.startswith("/story/")])
    assert 5 <= fetched_before_kill < len(paths)
    with Store(db) as store:
        pages = {s.url: s for s in list_states(store, kind="page")}
        stored = {d.doc_id for d in store.list_documents()}
        assert all(s.doc_id in stored for s in pages.values())  # every settled URL has its page
        assert 4 <= len(stored) < len(paths)
        feed = get_state(store, site.url("/rss"))
        assert feed is None or feed.etag is None  # the feed is not settled: the next run reads it in full
    _serve_pages(site, paths)  # the same pages, now at once
    done = subprocess.run([*command, "--once"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == len(paths)
        assert len({s.doc_id for s in list_states(store, kind="page")}) == len(paths)
        assert get_state(store, site.url("/rss")).etag == '"k"'
    refetched = sum(len(site.hits(p)) for p in paths) - len(paths)
    assert refetched <= 1  # at most the page being stored when the loop was killed is asked twice


def test_between_cycles_the_database_is_free_and_ctrl_c_stops_the_loop_cleanly(site, tmp_path):
    _serve_pages(site, ["/p"])
    site.routes["/rss"] = Reply(body=rss(site.base, ["/p"]), headers=RSS)
    db = tmp_path / "i.duckdb"
    command = [sys.executable, "-m", "storyline", "watch", site.url("/rss"), "--db", str(db), "--no-read", "--delay", "0",
               "--quiet", "--every", "1h"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()  # the first cycle's line: the loop now waits an hour
        assert line.startswith("cycle 1: 1 feeds"), line
        with Store(db, read_only=True) as store:  # another process can open the store while the loop waits
            assert store.counts()["documents"] == 1
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 130
        assert "run the same command again to resume" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
