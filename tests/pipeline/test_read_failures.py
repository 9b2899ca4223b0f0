"""No page can block the store: a page the reader raises on is recorded as failed, skipped by later
reads, listed, and retried only on request; long articles are read in pieces."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

import storyline.pipeline as pipeline
import storyline.read as reading
from storyline.cli.main import app
from storyline.model import Page
from storyline.nlp.longdocs import pieces
from storyline.pipeline import build_document, ingest, read_pending
from storyline.store import Store
from storyline.store.readings import failed_documents
from tests.helpers import ARTICLE

runner = CliRunner()


def _future_page(store: Store) -> None:
    """A page stored by an older Storyline with a publication date in year 9999 (refused at ingest now)."""
    doc = build_document(Page(doc_id="future", source="future.txt", fmt="text",
                              content=ARTICLE.replace("Published: June 4, 2014", "Filed from the border")))
    store.add_document(dataclasses.replace(doc, published="9999-12-30", published_source="metadata"))


def test_a_stored_page_of_year_9999_reads_without_overflow(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        _future_page(store)
        report = read_pending(store)
        assert report.pages == 1 and not report.errors


def test_failed_page_is_recorded_skipped_listed_and_retried_on_request(tmp_path, monkeypatch):
    real = reading.read_parsed

    def overflowing(document, *args, **kwargs):
        if document.doc_id == "future":
            raise OverflowError("date value out of range")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(reading, "read_parsed", overflowing)
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        _future_page(store)
        store.add_document(build_document(Page(doc_id="ok", source="ok.txt", fmt="text", content=ARTICLE)))
        first = read_pending(store)
        assert first.pages == 1 and first.failed == ["future"]
        assert "E501" in first.errors[0] and "future" in first.errors[0] and "OverflowError" in first.errors[0]
        assert [r["doc_id"] for r in failed_documents(store)] == ["future"]
        later = read_pending(store)
        assert later.pages == 0 and not later.errors and later.skipped_failed == 1
        # a new page is still read while the failed one waits
        store.add_document(build_document(Page(doc_id="ok2", source="ok2.txt", fmt="text",
                                               content=ARTICLE.replace("Kenya", "Tanzania"))))
        assert read_pending(store).pages == 1
    listing = runner.invoke(app, ["docs", "list", "--failed", "--db", str(db)])
    assert listing.exit_code == 0 and "future" in listing.output and "OverflowError" in listing.output
    again = runner.invoke(app, ["read", "--db", str(db), "-q"])
    assert again.exit_code == 0 and "0 pages read" in again.output and "docs list --failed" in again.output
    retried = runner.invoke(app, ["read", "--retry-failed", "--db", str(db), "-q"])
    assert retried.exit_code == 1
    errors = [line for line in retried.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "E501" in errors[0] and "future" in errors[0]


def test_a_retried_page_that_now_reads_leaves_the_failed_list(tmp_path, monkeypatch):
    real = reading.read_parsed
    broken = {"on": True}

    def flaky(document, *args, **kwargs):
        if broken["on"] and document.doc_id == "bad":
            raise RuntimeError("something nobody expected")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(reading, "read_parsed", flaky)
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(build_document(Page(doc_id="bad", source="bad.txt", fmt="text", content=ARTICLE)))
        assert read_pending(store).failed == ["bad"]
        assert read_pending(store).pages == 0
        broken["on"] = False
        assert read_pending(store, retry_failed=True).pages == 1
        assert failed_documents(store) == []


def test_parser_errors_fail_only_their_page(tmp_path, monkeypatch):
    from storyline.nlp import pipeline as nlp_pipeline

    real = nlp_pipeline.article_text

    def poisoned(document):
        article = real(document)
        if document.doc_id == "bad":
            raise ValueError("a poisoned article")
        return article

    monkeypatch.setattr(nlp_pipeline, "article_text", poisoned)
    with Store(tmp_path / "s.duckdb") as store:
        for name in ("a", "bad", "c"):
            store.add_document(build_document(Page(doc_id=name, source=f"{name}.txt", fmt="text",
                                                   content=ARTICLE.replace("Kenya", name.upper()))))
        report = read_pending(store)
    assert report.pages == 2 and report.failed == ["bad"]


def test_pieces_join_back_exactly():
    text = ("A line of text that goes on.\n" * 50) + ("x" * 3000) + " tail words here\n"
    for limit in (100, 1000, 5000):
        cut = pieces(text, limit)
        assert "".join(cut) == text and all(len(p) <= limit for p in cut)


def test_long_article_is_read_in_pieces_with_exact_offsets(tmp_path):
    body = "".join(
        f"General Ashfaq Kayani met US General James Mattis in Rawalpindi on day {i} of the talks. "
        f"Officials said {i} trucks were waiting at the Torkham crossing.\n" for i in range(60))
    content = "Army chiefs meet\n\nPublished: March 28, 2012\n\n" + body
    with Store(tmp_path / "s.duckdb") as store:
        ingest([], store=store)
        store.add_document(build_document(Page(doc_id="long", source="long.txt", fmt="text", content=content)))
        report = read_pending(store, max_chars=2000)
        assert report.pages == 1 and not report.errors
        text = store.get_document("long").text
        mentions = store.con.execute("SELECT start_offset, end_offset, text FROM entity_mentions").fetchall()
        places = store.con.execute("SELECT count(*) FROM place_mentions WHERE text = 'Rawalpindi'").fetchone()[0]
    assert len(mentions) > 100 and all(text[s:e] == t for s, e, t in mentions)
    assert places == 60  # found in every piece, the last ones too


@pytest.mark.parametrize("value", ["9999-01-01", "1066-10-14"])
def test_publication_dates_out_of_range_are_ignored_when_found_on_the_page(value):
    page = Page(doc_id="p", source="p.txt", fmt="text", content=ARTICLE, url=f"https://x.example/{value.replace('-', '/')}/a")
    doc = build_document(dataclasses.replace(page, content=ARTICLE.replace("Published: June 4, 2014\n", "")))
    assert doc.published is None and doc.published_source == "unknown"


def test_a_segmenter_crash_or_a_store_error_fails_only_its_page(tmp_path, monkeypatch):
    import duckdb

    real_segment = pipeline.segment_page

    def segment(page):
        if page.doc_id == "crash":
            raise RecursionError("maximum recursion depth exceeded")
        return real_segment(page)

    real_add = Store.add_document

    def add(self, doc):
        if doc.doc_id == "unstorable":
            raise duckdb.InvalidInputException("cannot encode str as UTF-8")
        return real_add(self, doc)

    monkeypatch.setattr(pipeline, "segment_page", segment)
    monkeypatch.setattr(Store, "add_document", add)
    for name in ("crash", "fine", "unstorable"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE.replace("Kenya", name), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([tmp_path], store=store)
    assert [r.doc_id for r in report.added] == ["fine"]
    assert sorted(e.message[:4] for e in report.errors) == ["E116", "E117"]


def test_a_parser_crash_inside_a_batch_fails_only_the_page_that_causes_it(tmp_path, monkeypatch):
    from storyline.nlp.pipeline import load_pipeline, parse_articles

    nlp = load_pipeline()
    real_pipe = type(nlp).pipe
    real_call = type(nlp).__call__

    def pipe(self, texts, *args, **kwargs):  # the batch holding the poisoned text fails whole, as spaCy's would
        for item in real_pipe(self, texts, *args, **kwargs):
            if "POISON" in item[0].text:
                raise ValueError("[E088] Text of length 1000001 exceeds maximum")
            yield item

    def call(self, text, *args, **kwargs):
        if "POISON" in text:
            raise ValueError("[E088] Text of length 1000001 exceeds maximum")
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    docs = [build_document(Page(doc_id=name, source=f"{name}.txt", fmt="text",
                                content=ARTICLE.replace("Kenya", "POISON" if name == "b" else name.upper())))
            for name in "abcd"]
    failed = []
    parsed = list(parse_articles(docs, nlp=nlp, on_error=lambda doc, e: failed.append((doc.doc_id, str(e)[:6]))))
    assert [p.document.doc_id for p in parsed] == ["a", "c", "d"]
    assert failed == [("b", "[E088]")]


def test_bad_inputs_are_reported_when_segmenting_in_worker_processes(tmp_path):
    import pickle

    from storyline.errors import Errors, InputError

    error = InputError(Errors.E104, source="a.txt", line=3)
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([tmp_path], store=store, workers=2)
    assert [r.doc_id for r in report.added] == ["good"]
    assert sorted(e.message[:4] for e in report.errors) == ["E104", "E105", "E106"]


def test_time_expressions_beyond_the_calendar_are_no_dates_not_failures(tmp_path):
    content = ARTICLE.replace("after a week of talks", "after talks that began 3000000 days ago and 99999999999 months ago")
    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(build_document(Page(doc_id="far", source="far.txt", fmt="text", content=content)))
        report = read_pending(store)
        assert report.pages == 1 and not report.errors
