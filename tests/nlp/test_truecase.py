"""Title Case headlines are parsed in sentence case (names kept), with offsets unchanged."""

from __future__ import annotations

from storyline.model import Page
from storyline.nlp.article import article_text
from storyline.nlp.truecase import is_title_case, sentence_case, sentence_names
from storyline.pipeline import build_document
from tests.events.sentence_events import factual
from tests.helpers import ARTICLE


def test_title_case_is_told_from_sentence_case():
    assert is_title_case("Poland Expels Dozens of Russian Diplomats")
    assert is_title_case("Hungary and Austria Hold Joint Military Drills")
    assert not is_title_case("Poland expels dozens of Russian diplomats")
    assert not is_title_case("Talks End")  # too few words to tell


def test_sentence_case_keeps_names_acronyms_and_length():
    names = sentence_names(["Officials in Warsaw said Poland acted after NATO talks."])
    assert names >= {"Warsaw", "Poland", "NATO"}
    text = "Poland Expels Dozens of Russian Diplomats in McCarthy-Style NATO Row"
    cased = sentence_case(text, is_name=lambda w: w in names or w == "Russian")
    assert cased == "Poland expels dozens of Russian diplomats in McCarthy-style NATO row"
    assert len(cased) == len(text)


def test_the_article_text_is_unchanged_and_the_parser_reads_sentence_case():
    page = Page(doc_id="tc", source="t", fmt="text", published="2021-03-05",
                content="Poland Expels Dozens of Russian Diplomats\n\nWarsaw said on Monday that the diplomats "
                        "had been told to leave Poland within five days.\n")
    article = article_text(build_document(page))
    assert article.text.startswith("Poland Expels Dozens of Russian Diplomats")
    assert article.parse_text.startswith("Poland expels dozens of Russian diplomats")
    assert len(article.parse_text) == len(article.text)


def test_a_sentence_case_page_is_parsed_as_written():
    article = article_text(build_document(Page(doc_id="sc", source="t", fmt="text", content=ARTICLE)))
    assert article.parse_text == article.text


def test_a_title_case_headline_yields_its_event():
    from storyline.events.extract import extract_events
    from storyline.read import read_documents

    doc = build_document(Page(doc_id="tc2", source="t", fmt="text", published="2021-03-05",
                              content="Bolivia Suspends Relations With Israel\n\nThe decision was announced on "
                                      "Monday by the foreign ministry in La Paz.\n"))
    page = next(read_documents([doc]))
    found = factual(extract_events(page), "SANCTION")
    assert found and found[0].actor_codes() == {"BOL"} and found[0].recipient_codes() == {"ISR"}
    assert page.document.text[found[0].evidence.start:found[0].evidence.end].startswith("Bolivia Suspends")
