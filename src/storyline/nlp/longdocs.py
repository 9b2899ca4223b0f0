"""Long articles in linear time.

spaCy's ``Doc.text`` joins every token's text on each access, and the reading stage asks for it once
per entity, trigger and candidate (``token.doc.text``), so reading time grew with the square of an
article's length (a 140,000-character article took minutes). :class:`TextCachedDoc` is a ``Doc``
whose text is joined once: a Doc's text never changes, whatever is later set on its tokens or
entities. The ``storyline_text_cache`` component (first in the pipeline) and
:func:`text_cached` (for Docs that come back from worker processes) make every parsed Doc one.

:func:`pieces` cuts an article longer than the parser's length limit (a setting:
``STORYLINE_MAX_PARSE_CHARS``, default :data:`DEFAULT_PIECE_CHARS`) into pieces at line breaks;
they are parsed one by one and joined back into one Doc with exactly the article's text.
"""

from __future__ import annotations

import bisect
import os
import warnings

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.nlp.components import OFFSET_KEY

PIECE_ENV = "STORYLINE_MAX_PARSE_CHARS"
DEFAULT_PIECE_CHARS = 100_000
_MIN_PIECE_CHARS = 1_000


class TextCachedDoc(Doc):
    """A spaCy Doc whose ``text`` is computed once."""

    __slots__ = ("_storyline_text",)

    @property
    def text(self) -> str:
        try:
            return self._storyline_text
        except AttributeError:
            self._storyline_text = Doc.text.__get__(self)
            return self._storyline_text

    @property
    def text_with_ws(self) -> str:
        return self.text


def index_sentences(doc: Doc) -> Doc:
    """Make ``token.sent`` and ``span.sent`` look the sentence up in an index of sentence starts built
    once (spaCy walks the tokens to the sentence's boundaries on every call). Same spans as spaCy's:
    the sentence holding the token, or the span's first token. Call once the parse is final."""
    index: list[list[int]] = []
    made: dict[int, Span] = {}  # each sentence's span, made once

    def starts() -> list[int]:
        if not index:
            found = [t.i for t in doc if t.is_sent_start or t.i == 0]
            index.append(found + [len(doc)])
        return index[0]

    def sentence_at(i: int) -> Span:
        bounds = starts()
        k = bisect.bisect_right(bounds, i) - 1
        sentence = made.get(k)
        if sentence is None:
            sentence = made[k] = doc[bounds[k] : bounds[k + 1]]
        return sentence

    def token_sent(token: Token) -> Span:
        return sentence_at(token.i)

    def span_sent(span: Span) -> Span:
        return sentence_at(span.start) if len(span) else doc[span.start : span.start]

    if len(doc) and doc.has_annotation("SENT_START"):
        doc.user_token_hooks["sent"] = token_sent
        doc.user_span_hooks["sent"] = span_sent
    return doc


def text_cached(doc: Doc) -> Doc:
    """``doc`` as a :class:`TextCachedDoc` (same tokens, annotations and user data)."""
    if isinstance(doc, TextCachedDoc):
        return doc
    cached = TextCachedDoc(doc.vocab).from_bytes(doc.to_bytes())
    cached._context = doc._context  # what nlp.pipe(..., as_tuples=True) carries along
    return cached


@Language.component("storyline_text_cache")
def text_cache(doc: Doc) -> Doc:
    """First in the pipeline: the tokenized Doc becomes a :class:`TextCachedDoc`."""
    return text_cached(doc)


def piece_chars(value: int | None = None) -> int:
    """The longest text parsed in one go: ``value``, else ``$STORYLINE_MAX_PARSE_CHARS``, else the default."""
    if value is None:
        raw = os.environ.get(PIECE_ENV, "")
        value = int(raw) if raw.strip().isdigit() else DEFAULT_PIECE_CHARS
    return max(int(value), _MIN_PIECE_CHARS)


def pieces(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it exactly:
    after a line break where there is one in the second half of a piece, else after a space,
    else anywhere."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start + limit // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, end)
        cut = cut + 1 if cut >= 0 else end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse_in_pieces(nlp: Language, text: str, limit: int) -> Doc:
    """Parse ``text`` piece by piece and join the pieces into one Doc whose text is ``text``."""
    docs = list(nlp.pipe(pieces(text, limit), batch_size=1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W101: doc-level extensions are not joined; the role phrases are, below
        joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # never expected: pieces are cut between characters and joined as they are
        raise ValueError("the article's pieces do not join back to its text")
    offsets, shift = [], 0
    for doc in docs:
        for ps, pe, rs, re_, kind in getattr(doc._, OFFSET_KEY) or ():
            offsets.append((ps + shift, pe + shift, rs + shift, re_ + shift, kind))
        shift += len(doc.text)
    setattr(joined._, OFFSET_KEY, offsets or None)
    return text_cached(joined)
