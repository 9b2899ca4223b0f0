"""Fetching pages into the store against a local web site: new, unchanged, 304, errors, skips."""

from __future__ import annotations

import time
from dataclasses import replace

import httpx

import pytest

from storyline.live.fetch import fetch_pages
from storyline.live.http import PoliteClient
from storyline.store import Store
from storyline.store.fetches import get_state, list_states
from tests.live.conftest import FAST, Reply
from tests.live.pages import HTML, article


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "live.duckdb") as opened:
        yield opened


def _codes(report) -> list[str]:
    return [e.message.split()[0] for e in report.errors]


def test_a_new_page_is_stored_with_its_url_and_fetch_time(site, client, store):
    site.routes["/world/accord"] = Reply(body=article(1), headers=HTML)
    url = site.url("/world/accord")
    report = fetch_pages([url], store=store, client=client)
    assert report.ok and len(report.added) == 1
    doc = store.get_document(report.added[0].doc_id)
    assert doc.url == url and doc.source == url and doc.fmt == "html"
    assert "round 1" in doc.text and any(s.role == "body" for s in doc.segments)
    state = get_state(store, url)
    assert state.status == "ok" and state.kind == "page" and state.doc_id == doc.doc_id and state.version == 1
    assert state.fetched_at[:4].isdigit() and state.http_status == 200


def test_a_url_fetched_before_is_skipped_without_a_request(site, client, store):
    site.routes["/a"] = Reply(body=article(1), headers=HTML)
    fetch_pages([site.url("/a")], store=store, client=client)
    again = fetch_pages([site.url("/a"), site.url("/a#comments")], store=store, client=client)
    assert again.skipped == [site.url("/a"), site.url("/a")] and not again.added
    assert len(site.hits("/a")) == 1
    assert store.counts()["documents"] == 1


def test_the_same_url_twice_in_one_run_is_fetched_once(site, client, store):
    site.routes["/a?id=1"] = Reply(body=article(1), headers=HTML)
    report = fetch_pages([site.url("/a?id=1"), site.url("/a?utm_source=rss&id=1")], store=store, client=client)
    assert len(report.added) == 1 and len(report.skipped) == 1
    assert len(site.hits("/a?id=1")) == 1


def test_refresh_asks_conditionally_and_304_changes_nothing(site, client, store):
    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'})
        return Reply(body=article(2), headers={**HTML, "ETag": '"v1"', "Last-Modified": "Mon, 14 Sep 2015 08:00:00 GMT"})

    site.routes["/p"] = conditional
    url = site.url("/p")
    fetch_pages([url], store=store, client=client)
    report = fetch_pages([url], store=store, client=client, refresh=True)
    assert report.not_modified == [url] and not report.added and not report.unchanged
    second = site.hits("/p")[1].headers
    assert second["if-none-match"] == '"v1"' and second["if-modified-since"] == "Mon, 14 Sep 2015 08:00:00 GMT"
    assert store.counts()["documents"] == 1
    assert get_state(store, url).etag == '"v1"'


def test_refresh_of_unchanged_content_is_unchanged_and_of_new_content_a_new_version(site, client, store):
    site.routes["/p"] = Reply(body=article(3), headers=HTML)
    url = site.url("/p")
    fetch_pages([url], store=store, client=client)
    same = fetch_pages([url], store=store, client=client, refresh=True)
    assert len(same.unchanged) == 1 and store.counts()["documents"] == 1
    site.routes["/p"] = Reply(body=article(4), headers=HTML)
    changed = fetch_pages([url], store=store, client=client, refresh=True)
    assert [r.version for r in changed.new_versions] == [2]
    assert get_state(store, url).version == 2


def test_404_is_one_error_and_is_not_asked_again(site, client, store):
    site.routes["/ok"] = Reply(body=article(1), headers=HTML)
    report = fetch_pages([site.url("/gone"), site.url("/ok")], store=store, client=client)
    assert _codes(report) == ["E122"] and "404" in str(report.errors[0]) and len(report.added) == 1
    assert str(report.errors[0]).startswith(site.url("/gone") + ": E122")
    assert get_state(store, site.url("/gone")).status == "failed"
    again = fetch_pages([site.url("/gone")], store=store, client=client)
    assert again.skipped == [site.url("/gone")] and len(site.hits("/gone")) == 1


def test_500_is_tried_again_then_reported_and_left_for_the_next_run(site, client, store):
    site.routes["/busy"] = Reply(status=500, body=b"oops")
    report = fetch_pages([site.url("/busy")], store=store, client=client)
    assert _codes(report) == ["E122"] and "after 3 tries" in report.errors[0].message
    assert len(site.hits("/busy")) == FAST.retries + 1
    assert get_state(store, site.url("/busy")).status == "retry"
    site.routes["/busy"] = Reply(body=article(5), headers=HTML)
    later = fetch_pages([site.url("/busy")], store=store, client=client)
    assert len(later.added) == 1


def test_a_transient_failure_then_success_stores_the_page_with_the_servers_retry_after(site, store):
    answers = iter([Reply(status=503, headers={"Retry-After": "3"}), Reply(status=429), Reply(body=article(6), headers=HTML)])
    site.routes["/flaky"] = lambda request: next(answers)
    waits: list[float] = []
    with PoliteClient(replace(FAST, max_backoff=10.0), sleep=waits.append) as polite:
        report = fetch_pages([site.url("/flaky")], store=store, client=polite)
    assert report.ok and len(report.added) == 1
    assert waits == [3.0, FAST.backoff * 2]  # Retry-After honoured, then the doubled back-off


def test_a_timeout_is_reported_and_bounded(site, store):
    site.routes["/slow"] = Reply(body=article(1), headers=HTML, delay=1.5)
    with PoliteClient(replace(FAST, timeout=0.3, retries=1)) as polite:
        report = fetch_pages([site.url("/slow")], store=store, client=polite)
    assert _codes(report) == ["E123"] and "0.3 s" in report.errors[0].message
    assert get_state(store, site.url("/slow")).status == "retry"


def test_a_trickling_response_stops_at_the_deadline(site, store):
    site.routes["/drip"] = Reply(chunks=[b"<html><body><p>" + b"x" * 10] * 40, pause=0.1, headers=HTML)
    with PoliteClient(replace(FAST, timeout=1.0, deadline=0.5, retries=0)) as polite:
        report = fetch_pages([site.url("/drip")], store=store, client=polite)
    assert _codes(report) == ["E123"] and "longer than 0.5 s" in report.errors[0].message


def test_robots_txt_is_obeyed(site, client, store):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    site.routes["/private/memo"] = Reply(body=article(1), headers=HTML)
    site.routes["/public/news"] = Reply(body=article(2), headers=HTML)
    report = fetch_pages([site.url("/private/memo"), site.url("/public/news")], store=store, client=client)
    assert _codes(report) == ["E124"] and len(report.added) == 1
    assert not site.hits("/private/memo") and len(site.hits("/robots.txt")) == 1
    assert get_state(store, site.url("/private/memo")).status == "failed"


def test_robots_rules_for_our_agent_apply_to_us_only(site, client, store):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: storyline\nDisallow: /\n\nUser-agent: *\nDisallow:\n")
    site.routes["/news"] = Reply(body=article(2), headers=HTML)
    assert _codes(fetch_pages([site.url("/news")], store=store, client=client)) == ["E124"]
    with PoliteClient(replace(FAST, user_agent="otherbot/1.0")) as other:
        assert fetch_pages([site.url("/news")], store=store, client=other, refresh=True).added


def test_an_unreachable_robots_txt_means_nothing_is_fetched_for_now(site, client, store):
    site.routes["/robots.txt"] = Reply(status=503)
    site.routes["/news"] = Reply(body=article(2), headers=HTML)
    report = fetch_pages([site.url("/news")], store=store, client=client)
    assert _codes(report) == ["E124"] and "HTTP 503" in report.errors[0].message
    assert not site.hits("/news") and len(site.hits("/robots.txt")) == FAST.retries + 1
    assert get_state(store, site.url("/news")).status == "retry"


class _Stamped(httpx.HTTPTransport):
    """Records when the client sends each request (the server's arrival times jitter on a loaded machine)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[float] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(time.monotonic())
        return super().handle_request(request)


def test_requests_to_one_host_wait_for_the_delay_and_the_crawl_delay(site, store):
    for n in range(3):
        site.routes[f"/n{n}"] = Reply(body=article(n), headers=HTML)
    stamped = _Stamped()
    with PoliteClient(replace(FAST, delay=0.3), transport=stamped) as polite:
        fetch_pages([site.url(f"/n{n}") for n in range(3)], store=store, client=polite)
    times = stamped.sent  # robots.txt, then the pages
    assert len(times) == 4 and all(b - a >= 0.29 for a, b in zip(times, times[1:]))
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 1\n")
    site.routes["/n3"] = Reply(body=article(3), headers=HTML)
    stamped = _Stamped()
    with PoliteClient(replace(FAST, delay=0.0), transport=stamped) as polite:
        fetch_pages([site.url("/n3"), site.url("/n4")], store=store, client=polite)
    times = stamped.sent
    assert len(times) == 3 and all(b - a >= 0.99 for a, b in zip(times, times[1:]))


def test_a_response_over_the_size_bound_is_refused(site, client, store):
    big = b"<html><body>" + b"<p>word </p>" * 30_000 + b"</body></html>"
    site.routes["/declared"] = Reply(body=big, headers=HTML)
    site.routes["/undeclared"] = Reply(body=big, headers=HTML, length=False)
    report = fetch_pages([site.url("/declared"), site.url("/undeclared")], store=store, client=client)
    assert _codes(report) == ["E125", "E125"]
    assert store.counts()["documents"] == 0
    assert {s.status for s in list_states(store)} == {"failed"}


def test_a_gzip_bomb_is_refused_without_expanding_it(site, client, store):
    import gzip

    bomb = gzip.compress(b"<p>" + b"a" * 50_000_000 + b"</p>")  # 50 MB that travels as ~50 kB
    site.routes["/bomb"] = Reply(body=bomb, headers={**HTML, "Content-Encoding": "gzip"})
    site.routes["/small"] = Reply(body=gzip.compress(article(7)), headers={**HTML, "Content-Encoding": "gzip"})
    report = fetch_pages([site.url("/bomb"), site.url("/small")], store=store, client=client)
    assert _codes(report) == ["E125"] and len(report.added) == 1
    assert "round 7" in store.get_document(report.added[0].doc_id).text


def test_a_redirect_is_followed_and_both_urls_are_remembered(site, client, store):
    site.routes["/old"] = Reply(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Reply(body=article(8), headers=HTML)
    report = fetch_pages([site.url("/old")], store=store, client=client)
    doc = store.get_document(report.added[0].doc_id)
    assert doc.url == site.url("/new") and doc.source == site.url("/old")
    assert get_state(store, site.url("/old")).final_url == site.url("/new")
    again = fetch_pages([site.url("/new")], store=store, client=client)
    assert again.skipped == [site.url("/new")] and len(site.hits("/new")) == 1


def test_bad_redirects_are_reported(site, client, store):
    site.routes["/loop"] = Reply(status=302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Reply(status=302, headers={"Location": "/loop"})
    site.routes["/away"] = Reply(status=302, headers={"Location": "file:///etc/passwd"})
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n")
    site.routes["/to-private"] = Reply(status=307, headers={"Location": "/private/x"})
    report = fetch_pages([site.url(p) for p in ("/loop", "/away", "/to-private")], store=store, client=client)
    assert _codes(report) == ["E128", "E128", "E124"]
    assert len(site.hits("/loop")) + len(site.hits("/loop2")) == FAST.max_redirects + 1
    assert not site.hits("/private/x")


@pytest.mark.parametrize(
    ("headers", "body", "code"),
    [
        ({"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "E126"),
        ({"Content-Type": "application/rss+xml"}, b"<rss version='2.0'><channel></channel></rss>", "E126"),
        (HTML, b"\x00\x01\x02binary" * 50, "E103"),
        (HTML, b"   \n ", "E104"),
        ({**HTML, "Content-Encoding": "br"}, b"\x1b\x00", "E126"),
    ],
)
def test_what_is_not_a_page_is_one_error(site, client, store, headers, body, code):
    site.routes["/thing"] = Reply(body=body, headers=headers)
    report = fetch_pages([site.url("/thing")], store=store, client=client)
    assert _codes(report) == [code] and store.counts()["documents"] == 0


def test_a_feed_given_to_fetch_points_to_watch(site, client, store):
    site.routes["/feed"] = Reply(body=b"<rss version='2.0'><channel></channel></rss>", headers={"Content-Type": "application/rss+xml"})
    report = fetch_pages([site.url("/feed")], store=store, client=client)
    assert "storyline watch" in report.errors[0].message


@pytest.mark.parametrize("bad", ["ftp://example.org/a", "https://", "example.org/page", "http://exa mple.org/",
                                 "http://example.org:99999/", "javascript:alert(1)", ""])
def test_a_string_that_is_no_web_address_is_e121_and_fetches_nothing(site, client, store, bad):
    site.routes["/ok"] = Reply(body=article(1), headers=HTML)
    report = fetch_pages([bad, site.url("/ok")], store=store, client=client)
    assert _codes(report) == ["E121"] and len(report.added) == 1
    assert list_states(store)[0].url == site.url("/ok") and len(list_states(store)) == 1


def test_an_unreachable_server_is_reported(store, client):
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = fetch_pages([f"http://127.0.0.1:{port}/x"], store=store, client=client)
    assert _codes(report) == ["E123"]
    assert get_state(store, f"http://127.0.0.1:{port}/x").status == "retry"


def test_hostile_validators_and_host_names_are_errors_or_left_out_never_a_crash(site, client, store):
    site.routes["/e"] = Reply(body=article(1), headers={**HTML, "ETag": '"\u00e9t\u00e9"',
                                                        "Last-Modified": "Mon, 14 Sep 2015 08:00:00 GMT\x85"})
    site.routes["/bad-host"] = Reply(status=302, headers={"Location": "http://a..b/x"})
    assert fetch_pages([site.url("/e")], store=store, client=client).added
    again = fetch_pages([site.url("/e")], store=store, client=client, refresh=True)
    assert again.unchanged and "if-none-match" not in site.hits("/e")[1].headers  # sent unconditionally
    report = fetch_pages([site.url("/bad-host"), "http://" + "b" * 300 + ".example/", "http://\u2603..example/"],
                         store=store, client=client)
    assert _codes(report) == ["E128", "E121", "E121"]


def test_the_client_alone_reports_a_bad_host_name(client):
    from storyline.live.http import FetchError

    with pytest.raises(FetchError) as caught:
        client.get("http://a..b/x")
    assert caught.value.message.startswith("E121") and caught.value.source == "http://a..b/x"


def test_a_plain_text_page_is_segmented_as_a_text_page(site, client, store):
    from tests.helpers import ARTICLE

    site.routes["/wire.txt"] = Reply(body=ARTICLE.encode("cp1252"), headers={"Content-Type": "text/plain; charset=windows-1252"})
    report = fetch_pages([site.url("/wire.txt")], store=store, client=client)
    doc = store.get_document(report.added[0].doc_id)
    assert doc.fmt == "text" and doc.published == "2014-06-04"
    assert [doc.text[s.start:s.end] for s in doc.segments if s.role == "headline"] == [ARTICLE.splitlines()[0]]


def test_a_gzip_response_cut_short_is_a_transient_error(site, client, store):
    import gzip

    cut = gzip.compress(article(1))[:-40]
    site.routes["/cut"] = Reply(body=cut, headers={**HTML, "Content-Encoding": "gzip"})
    report = fetch_pages([site.url("/cut")], store=store, client=client)
    assert _codes(report) == ["E123"] and get_state(store, site.url("/cut")).status == "retry"
    assert store.counts()["documents"] == 0


def test_a_feed_date_is_the_pages_publication_date_when_the_page_gives_none(site, client, store):
    from storyline.live.feeds import FeedItem

    undated = article(1).replace(b'<meta property="article:published_time" content="2015-09-14T08:00:00Z">', b"")
    site.routes["/undated"] = Reply(body=undated, headers=HTML)
    report = fetch_pages([FeedItem(url=site.url("/undated"), published="2015-09-20")], store=store, client=client)
    doc = store.get_document(report.added[0].doc_id)
    assert (doc.published, doc.published_source) == ("2015-09-20", "metadata")
