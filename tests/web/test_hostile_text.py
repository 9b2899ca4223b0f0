"""Everything shown was written by strangers: page text, titles, comments, authors, URLs and ids with
script tags, event-handler attributes, javascript: URLs, broken markup and RTL overrides are shown as
text on every page; only http(s) URLs become links."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest

from tests.web.conftest import HOSTILE_PAGES, RLO

FORBIDDEN_MARKUP = ("<script", "<img", "<iframe", "<svg onload", "<b onmouseover", "<a href=\"javascript",
                    "href=\"javascript", "href='javascript", "<a href=javascript")


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _assert_inert(html: str) -> lxml.html.HtmlElement:
    lowered = html.lower()
    for needle in FORBIDDEN_MARKUP:
        assert needle not in lowered, needle
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//script | //img | //iframe | //svg[@onload] | //*[@onerror] | //*[@onmouseover]")
    for a in tree.xpath("//a[@href]"):
        href = a.get("href")
        assert href.startswith(("/", "http://", "https://", "?")), href
    for node in tree.iter():  # an RTL override is shown only inside an isolating <bdi>
        for holder, text in ((node, node.text), (node.getparent(), node.tail)):
            if text and RLO in text:
                assert holder is not None and (holder.tag == "bdi" or holder.xpath("ancestor::bdi")), text
    return tree


@pytest.fixture(scope="module")
def hostile(client) -> dict:
    line = client.get("/api/timeline?actor=KEN&actor=UGA").json()
    story = next(e for e in line["entries"] if {r["doc_id"] for r in e["reports"]} >= {p["id"] for p in HOSTILE_PAGES})
    chief = client.get("/api/actors?q=Kenyatta").json()["items"][0]["actor_id"]
    return {"story": story["story_id"], "actor": chief}


def test_every_page_shows_hostile_text_as_text(client, hostile):
    urls = ["/timeline?actor=KEN&actor=UGA", "/timeline", f"/stories/{quote(hostile['story'], safe='')}",
            "/documents", "/actors", "/actors?q=Kenyatta", f"/actors/{quote(hostile['actor'], safe='')}", "/map",
            "/map?actor=KEN"]
    urls += [f"/documents/{quote(p['id'], safe='')}" for p in HOSTILE_PAGES]
    for url in urls:
        _assert_inert(_page(client, url))


def test_the_page_and_its_comments_keep_their_words(client):
    html = _page(client, f"/documents/{quote(HOSTILE_PAGES[0]['id'], safe='')}")
    tree = _assert_inert(html)
    comments = [" ".join(t.text_content().split()) for t in tree.xpath("//div[contains(@class, 'comment')]/div[@class='text']")]
    assert comments[0] == "<script>alert('comment')</script> a fine deal"
    assert comments[1].startswith("</div></article><a href=\"javascript:alert(5)\">click</a>")
    authors = [a.text_content() for a in tree.xpath("//bdi[@class='author']")]
    assert authors[:2] == ["<img src=x onerror=alert(4)>", f"{RLO}evil"]
    assert tree.xpath("//h1")[0].text_content() == HOSTILE_PAGES[0]["id"]  # no title found: the id, as text
    article = tree.xpath("//article")[0].text_content()
    assert "<script>alert('headline')</script>" in article and "<img src=x onerror=alert(2)>" in article


def test_only_http_urls_become_links(client, hostile):
    story = _assert_inert(_page(client, f"/stories/{quote(hostile['story'], safe='')}"))
    outlets = story.xpath("//a[@class='outlet']/@href")
    assert outlets == [HOSTILE_PAGES[1]["url"]]  # the https URL, its quotes and markup kept inside the attribute
    page = _assert_inert(_page(client, f"/documents/{quote(HOSTILE_PAGES[0]['id'], safe='')}"))
    assert "javascript:alert(3)" in page.text_content() and not page.xpath("//a[contains(@href, 'javascript')]")


def test_hostile_ids_travel_percent_encoded(client):
    doc_id = HOSTILE_PAGES[0]["id"]
    listing = _assert_inert(_page(client, "/documents"))
    hrefs = listing.xpath("//td[@class='id']/a/@href")
    assert f"/documents/{quote(doc_id, safe='')}" in hrefs
    assert client.get(f"/api/documents/{quote(doc_id, safe='')}").json()["doc_id"] == doc_id


def test_an_error_page_escapes_what_was_asked(client):
    response = client.get("/stories/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code == 404
    _assert_inert(response.text)
    assert "&lt;script&gt;" in response.text
