"""Long articles: the Doc's text is joined once, sentences are looked up in an index, and an article
over the length limit is parsed in pieces that join back to one Doc with the same annotations."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.nlp.longdocs import TextCachedDoc, index_sentences, parse_in_pieces
from storyline.nlp.pipeline import parse_articles
from tests.nlp.conftest import make_document

TEXT = ("Pakistan's army chief General Ashfaq Kayani met US General James Mattis in Rawalpindi on Tuesday.\n"
        "The two commanders discussed border security. Protesters in Karachi demanded that the government "
        "close supply routes, the spokesman said.\n")


def test_parsed_docs_cache_their_text_and_index_their_sentences(nlp):
    document = make_document([("headline", "Army chiefs meet"), ("body", TEXT * 3)])
    parsed = next(parse_articles([document], nlp=nlp))
    doc = parsed.doc
    assert isinstance(doc, TextCachedDoc) and doc.text == parsed.article.text == Doc.text.__get__(doc)
    plain = nlp(parsed.article.text)
    assert [(t.sent.start, t.sent.end) for t in doc] == [(t.sent.start, t.sent.end) for t in plain]
    assert [(e.sent.start, e.sent.end) for e in doc.ents] == [(e.sent.start, e.sent.end) for e in plain.ents]
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in plain.ents]


def test_pieces_keep_entities_and_role_phrases_at_their_offsets(nlp):
    text = TEXT * 12
    whole = index_sentences(nlp(text))
    joined = parse_in_pieces(nlp, text, 1000)
    assert joined.text == text and isinstance(joined, TextCachedDoc)
    assert {(e.start_char, e.end_char, e.label_) for e in joined.ents} >= {
        (e.start_char, e.end_char, e.label_) for e in whole.ents if e.label_ in ("PERSON", "GPE")}
    roles = [(p.person.text, p.role.text) for p in joined._.role_phrases]
    assert len(roles) == len(whole._.role_phrases) and roles
    assert all(text[p.person.start_char:p.person.end_char] == p.person.text for p in joined._.role_phrases)
