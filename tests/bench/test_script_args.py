"""Benchmark scripts: a bad count is a usage error before anything runs; without ../shared they use the
bundled demo corpus. (The benchmarks themselves are never run by the test suite.)"""

from __future__ import annotations

import argparse

import pytest

from storyline.bench import comments, ingest, linking, nlp, pipeline, positive_int, stream


@pytest.mark.parametrize("text", ["0", "-5", "2.5", "many"])
def test_positive_int_refuses_what_is_not_a_count(text):
    with pytest.raises(argparse.ArgumentTypeError, match=repr(text)):
        positive_int(text)


def test_positive_int_takes_a_count():
    assert positive_int("12") == 12


@pytest.mark.parametrize(("main", "argv"), [
    (pipeline.main, ["--pages", "0"]),
    (pipeline.main, ["--n-process", "-1"]),
    (linking.main, ["--sizes", "1000", "-5"]),
    (linking.main, ["--actors", "0"]),
    (nlp.main, ["--batch-size", "0"]),
    (ingest.main, ["--text-pages", "x"]),
    (comments.main, ["--comments", "0"]),
    (comments.main, ["--per-page", "-2"]),
    (stream.main, ["--batch", "0"]),
    (stream.main, ["--pages", "-3"]),
])
def test_a_bad_count_is_a_usage_error(main, argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert argv[0] in err and "Traceback" not in err


def test_without_shared_the_pipeline_benchmark_takes_the_demo_corpus(tmp_path):
    pages = pipeline.sample_pages(tmp_path / "no-shared", 10)
    assert len(pages) == 10
    assert len({p.content for p in pages}) == 8  # the eight demo pages, then again from the first


def test_without_shared_the_comments_benchmark_takes_sentences_of_our_own(tmp_path):
    result = comments.bench(tmp_path / "no-shared", n_comments=30, per_page=6)
    assert result.comments == 30 and result.pages == 5 and result.reposts >= 1


def test_stream_pages_vary_ids_urls_and_years():
    from storyline.model import Page

    base = [Page(doc_id="a", source="a.txt", fmt="text", content="On 3 May 2012 the talks began.",
                 url="https://news.example/2012/05/a")]
    copies = list(stream.stream_pages(base, 3, years=2))
    assert [p.doc_id for p, _, _ in copies] == ["a-c0", "a-c1", "a-c2"]
    assert [p.content for p, _, _ in copies] == ["On 3 May 2012 the talks began.", "On 3 May 2013 the talks began.",
                                                 "On 3 May 2012 the talks began."]
    assert len({p.url for p, _, _ in copies}) == 3 and {first for _, first, _ in copies} == {"a-c0"}
