"""Pipeline setting, the error for a missing pipeline, and parse_articles."""

from __future__ import annotations

import pytest

from storyline.errors import StorylineError
from storyline.nlp import DEFAULT_PIPELINE, PIPELINE_ENV, load_pipeline, parse_articles, pipeline_name

from .conftest import make_document


def test_pipeline_name_argument_beats_environment_beats_default(monkeypatch) -> None:
    monkeypatch.delenv(PIPELINE_ENV, raising=False)
    assert pipeline_name() == DEFAULT_PIPELINE
    monkeypatch.setenv(PIPELINE_ENV, "en_core_web_md")
    assert pipeline_name() == "en_core_web_md"
    assert pipeline_name("xx_custom_pipeline") == "xx_custom_pipeline"


def test_missing_pipeline_raises_a_clear_error(monkeypatch) -> None:
    with pytest.raises(StorylineError) as caught:
        load_pipeline("xx_no_such_pipeline_sm")
    message = str(caught.value)
    assert "xx_no_such_pipeline_sm" in message and "pip install" in message and PIPELINE_ENV in message


def test_environment_names_the_pipeline_to_load(monkeypatch) -> None:
    monkeypatch.setenv(PIPELINE_ENV, "xx_env_pipeline_missing")
    with pytest.raises(StorylineError, match="xx_env_pipeline_missing"):
        load_pipeline()


def test_pipeline_is_loaded_once_with_our_components(nlp, monkeypatch) -> None:
    monkeypatch.delenv(PIPELINE_ENV, raising=False)
    assert load_pipeline() is nlp
    names = nlp.pipe_names
    assert names.index("storyline_line_breaks") < names.index("parser")
    assert names[-3:] == ["storyline_possessive_persons", "storyline_titled_persons", "storyline_role_phrases"]
    assert "lemmatizer" in names


def test_parse_articles_keeps_order_and_documents(nlp) -> None:
    docs = [make_document([("headline", f"Story {i}"), ("body", f"Officials in Quito met on day {i}.")], doc_id=f"p{i}")
            for i in range(5)]
    parsed = list(parse_articles(docs, nlp=nlp, batch_size=2))
    assert [p.document.doc_id for p in parsed] == [f"p{i}" for i in range(5)]
    assert all(p.doc.text == p.article.text == p.document.article_text() for p in parsed)
    assert parsed[3].doc[-1].lemma_ == "."
    assert {t.lemma_ for t in parsed[0].doc} >= {"official", "meet"}


def test_parse_articles_accepts_a_generator(nlp) -> None:
    gen = (make_document([("body", "Farmers in Bolivia protested.")], doc_id=str(i)) for i in range(3))
    assert [p.document.doc_id for p in parse_articles(gen, nlp=nlp)] == ["0", "1", "2"]


def test_disabled_components_are_left_out_and_cached_apart(nlp, monkeypatch) -> None:
    monkeypatch.delenv(PIPELINE_ENV, raising=False)
    lean = load_pipeline(disable=("lemmatizer",))
    assert lean is not nlp and lean is load_pipeline(disable=("lemmatizer",))
    assert "lemmatizer" not in lean.pipe_names and "storyline_role_phrases" in lean.pipe_names
