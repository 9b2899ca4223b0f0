"""The stream benchmark's generator, on pages of our own making: copies' dates move on without
repeating, a page without a publication date gets one, and copies name other people."""

from __future__ import annotations

from storyline.bench.stream import stream_pages
from storyline.model import Page

NAMED = Page(doc_id="a", source="a.txt", fmt="text", content="Talks in Geneva in May 2014 and again in 2015.",
             url="https://news.example/a")
UNNAMED = Page(doc_id="b", source="b.txt", fmt="text", content="Ministers from Ruritania met on Monday.",
               url="https://news.example/b")
PUBLISHED = Page(doc_id="c", source="c.txt", fmt="text", content="Protests in Lagos.", url="https://news.example/c",
                 published="2016-03-02")


def _copies(n: int, **kw) -> list[Page]:
    return [page for page, _, _ in stream_pages([NAMED, UNNAMED, PUBLISHED], 3 * n, **kw)]


def test_a_page_without_a_date_is_published_in_the_latest_year_it_names_moved_with_its_copy():
    pages = {p.doc_id: p for p in _copies(3, years=0, publish=True)}
    assert pages["a-c0"].published == "2015-12-31"
    assert pages["a-c2"].published == "2017-12-31"
    assert pages["b-c0"].published == "2015-12-31", "naming no year: the middle of the pages' latest years"
    assert pages["b-c1"].published == "2016-12-31"
    assert pages["c-c2"].published == "2018-03-02", "a page's own date is kept, moved"
    assert [p.published for p in _copies(1)] == [None, None, "2016-03-02"], "without publish: as given"


def test_without_years_dates_never_repeat_and_with_years_they_wrap():
    moved = [p.content for p in _copies(40, years=0) if p.doc_id.startswith("a-")]
    assert len(set(moved)) == 40
    wrapped = [p.content for p in _copies(40, years=30) if p.doc_id.startswith("a-")]
    assert wrapped[31] == wrapped[1]


def test_copies_name_other_people_without_repeating():
    names = [p.content.split()[2] for p in _copies(700, vary_names=True) if p.doc_id.startswith("b-")]
    assert names[0] == "Ruritania"
    assert len(set(names)) == 700
    assert all(len(n) == len("Ruritania") and n[0] == "R" for n in names)
    assert len({p.content for p in _copies(5, vary_names=False) if p.doc_id.startswith("b-")}) == 1
