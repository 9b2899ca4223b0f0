"""Article text assembly and the exact offset map back to the stored text."""

from __future__ import annotations

import pytest

from storyline.model import Segment
from storyline.nlp import article_text, parse_articles

from .conftest import make_document

PAGE = [
    ("boilerplate", "Home | World | Sport"),
    ("headline", "Chile and Peru sign fisheries accord"),
    ("dek", "Joint patrols to begin in the new year"),
    ("body", "LIMA: Chile's Foreign Minister Ana Rojas met Peru's Castillo on Monday."),
    ("caption", "Fishing boats in the port of Ilo. (Photo: Example Agency)"),
    ("body", "Vice Adm. Jorge Paredes, the commander of the Peruvian navy, said inspectors would board ships.\n"
             "A second paragraph inside the same segment follows here."),
    ("comment", "Reader99: this deal is a disgrace, Minister Rojas should resign"),
    ("boilerplate", "Copyright 2015 The Example Herald"),
]


def test_article_text_joins_article_segments_in_page_order() -> None:
    doc = make_document(PAGE)
    article = article_text(doc)
    assert article.text == doc.article_text()
    assert [p.role for p in article.parts] == ["headline", "dek", "body", "caption", "body"]
    assert article.text.startswith("Chile and Peru sign fisheries accord\nJoint patrols")


def test_every_token_maps_back_exactly(nlp) -> None:
    doc = make_document(PAGE, gap="\n  \n\t")
    parsed = next(parse_articles([doc], nlp=nlp))
    for token in parsed.doc:
        a, b = token.idx, token.idx + len(token)
        stored = doc.text[parsed.article.to_stored(a) : parsed.article.to_stored(b)]
        if token.is_space:
            assert stored.strip() == ""
        else:
            assert stored == token.text
    for ent in parsed.doc.ents:
        start, end = parsed.article.span_to_stored(ent.start_char, ent.end_char)
        assert doc.text[start:end] == ent.text


def test_comments_and_boilerplate_are_never_parsed(nlp) -> None:
    parsed = next(parse_articles([make_document(PAGE)], nlp=nlp))
    assert "Reader99" not in parsed.doc.text
    assert "Copyright" not in parsed.doc.text
    assert "Home | World" not in parsed.doc.text
    assert all(ent.text != "Reader99" for ent in parsed.doc.ents)


def test_role_at_names_the_segment_of_an_offset() -> None:
    article = article_text(make_document(PAGE))
    assert article.role_at(0) == "headline"
    assert article.role_at(article.text.index("Joint")) == "dek"
    assert article.role_at(article.text.index("Fishing boats")) == "caption"
    assert article.role_at(article.text.index("A second paragraph")) == "body"
    assert article.part_at(article.text.index("Vice Adm.")).segment_index == 5


def test_segments_out_of_order_are_read_in_page_order() -> None:
    doc = make_document(PAGE)
    shuffled = doc.__class__(**{**{f: getattr(doc, f) for f in doc.__slots__}, "segments": tuple(reversed(doc.segments))})
    article = article_text(shuffled)
    assert article.text == doc.article_text()
    assert article.parts[0].segment_index == len(doc.segments) - 2


def test_overlapping_segment_is_skipped() -> None:
    doc = make_document([("headline", "Talks resume"), ("body", "Delegates met again in Geneva.")])
    extra = Segment(role="caption", start=3, end=10)
    bad = doc.__class__(**{**{f: getattr(doc, f) for f in doc.__slots__}, "segments": doc.segments + (extra,)})
    assert article_text(bad).text == "Talks resume\nDelegates met again in Geneva."


def test_document_without_article_segments_gives_empty_text() -> None:
    article = article_text(make_document([("comment", "first!"), ("boilerplate", "Menu")]))
    assert article.text == "" and article.parts == ()
    assert article.to_stored(0) == 0 and article.role_at(0) is None


def test_offsets_outside_the_text_are_refused() -> None:
    article = article_text(make_document(PAGE))
    with pytest.raises(ValueError):
        article.to_stored(len(article.text) + 1)
    with pytest.raises(ValueError):
        article.span_to_stored(5, 2)


WRAPPED = [
    ("headline", "Ferry strike ends in Tallinn port"),
    ("body", "TALLINN: Dock workers in the Estonian capital ended"),
    ("body", "a two-week strike on Thursday after the port authority"),
    ("body", "agreed to raise wages by eight percent, the union said."),
    ("body", "Minister Kadri Tamm welcomed the deal and said talks with"),
    ("body", "Finnish operators would resume in March."),
]


def test_wrapped_lines_are_joined_with_a_space_and_map_back_exactly(nlp) -> None:
    doc = make_document(WRAPPED, gap="\n")
    parsed = next(parse_articles([doc], nlp=nlp))
    text = parsed.article.text
    assert "ended a two-week strike" in text and "talks with Finnish operators" in text
    assert text.startswith("Ferry strike ends in Tallinn port\nTALLINN:")
    assert "the union said.\nMinister Kadri Tamm" in text
    for token in parsed.doc:
        a, b = token.idx, token.idx + len(token)
        stored = doc.text[parsed.article.to_stored(a) : parsed.article.to_stored(b)]
        assert stored.strip() == "" if token.is_space else stored == token.text
    starts = [s.text.split()[0] for s in parsed.doc.sents]
    assert "a" not in starts and "agreed" not in starts and "Finnish" not in starts


def test_paragraph_breaks_and_subheadings_keep_their_newline() -> None:
    doc = make_document([
        ("body", "The council met in Lusaka on Monday and approved the budget for the coming year"),
        ("body", "Water supply"),
        ("body", "Engineers said repairs to the main pipeline would take six weeks."),
    ], gap="\n\n")
    assert article_text(doc).text.count("\n") == 2
    short = make_document([("body", "Water supply"), ("body", "Engineers said repairs would take six weeks.")], gap="\n")
    assert article_text(short).text == "Water supply\nEngineers said repairs would take six weeks."


def test_only_body_segments_are_joined_as_wrapped() -> None:
    doc = make_document([("headline", "Troops withdraw from the border region after a long standoff"),
                         ("body", "officials in both capitals confirmed the withdrawal on Friday.")], gap="\n")
    assert "\n" in article_text(doc).text
