"""The ingest pipeline: same result in one process or several; publication-date precedence."""

from __future__ import annotations

import json

from storyline.model import Page
from storyline.pipeline import build_document, ingest, outlet_of
from storyline.store import Store
from tests.helpers import ARTICLE, HTML_ARTICLE


def _stored(store: Store) -> list[tuple]:
    return [(d.doc_id, d.text, d.segments, d.comments, d.published) for d in store.iter_documents()]


def test_workers_give_the_same_documents(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(40):
        (pages / f"t{i:02d}.txt").write_text(ARTICLE.replace("Tuesday", f"Tuesday, day {i},"), encoding="utf-8")
        (pages / f"h{i:02d}.html").write_text(HTML_ARTICLE.replace("Monday", f"Monday ({i})"), encoding="utf-8")
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        r1 = ingest([pages], store=one, workers=1)
        r2 = ingest([pages], store=two, workers=2)
        assert len(r1.added) == len(r2.added) == 80
        assert _stored(one) == _stored(two)


def test_page_date_beats_metadata_and_metadata_beats_nothing(tmp_path):
    feed = tmp_path / "feed.jsonl"
    undated = ARTICLE.replace("Published: June 4, 2014\n", "")
    rows = [{"id": "dated", "published": "2014-06-09", "text": ARTICLE},
            {"id": "meta", "published": "2014-06-09T10:00:00Z", "text": undated},
            {"id": "none", "text": undated}]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([feed], store=store)
        got = {d.doc_id: (d.published, d.published_source) for d in store.iter_documents()}
    assert got == {"dated": ("2014-06-04", "page"), "meta": ("2014-06-09", "metadata"), "none": (None, "unknown")}


def test_html_date_and_outlet_come_from_markup():
    page = Page(doc_id="h", source="h.html", fmt="html", content=HTML_ARTICLE, url="https://www.herald.example/world/x")
    doc = build_document(page)
    assert doc.published == "2015-09-14" and doc.published_source == "metadata"
    assert doc.outlet == "herald.example" and doc.title == "Chile and Peru sign fisheries accord"


def test_outlet_of():
    assert outlet_of("https://www.bbc.co.uk/news/world-1") == "bbc.co.uk"
    assert outlet_of(None) is None


def test_a_page_that_cannot_be_read_is_reported_and_the_others_are_stored(tmp_path, monkeypatch):
    import storyline.read as reading
    from storyline.pipeline import read_pending

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "bad.txt").write_text(ARTICLE.replace("Kenya", "Tanzania"), encoding="utf-8")
    real = reading.read_parsed

    def flaky(document, *args, **kwargs):
        if document.doc_id == "bad":
            raise ValueError("offset -1 is outside the article text")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(reading, "read_parsed", flaky)
    with Store(tmp_path / "s.duckdb") as store:
        ingest([pages], store=store)
        report = read_pending(store)
        assert report.pages == 1 and len(report.errors) == 1
        assert "E501" in report.errors[0] and "bad" in report.errors[0]
        read = store.con.execute("SELECT doc_id FROM read_state").fetchall()
    assert read == [("good",)]


def test_publication_date_from_the_url_when_the_page_has_none():
    from storyline.segment.urldate import url_date

    undated = ARTICLE.replace("Published: June 4, 2014\n", "")
    page = Page(doc_id="u", source="u.jsonl:1", fmt="text", content=undated,
                url="https://www.wire.example/2014/06/05/ministers-agree/")
    doc = build_document(page)
    assert (doc.published, doc.published_source) == ("2014-06-05", "metadata")
    assert url_date("https://www.wire.example/world/ministers-agree") is None
    assert url_date(None) is None
