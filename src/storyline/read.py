"""The "read the article" stage: parse each page's article text once, then find its actors,
time expressions and places.

Offsets: the spaCy Doc, time expressions and place mentions use article-text offsets
(``ReadPage.article``); actor mentions are already in stored-text offsets. ``ReadPage.stored``
maps any article span to the stored text.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from storyline.actors import PageActors, resolve_page
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.petrarch import ActorDictionary
from storyline.model import Document
from storyline.nlp.article import ArticleText
from storyline.nlp.pipeline import parse_articles
from storyline.places import PlaceMention, dominant_place_country, find_places
from storyline.time import TimeExpression, find_times

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadPage:
    """One page read: its document, article text, parse, actors, times and places."""

    document: Document
    article: ArticleText
    doc: Doc
    actors: PageActors
    times: tuple[TimeExpression, ...]
    places: tuple[PlaceMention, ...]

    def stored(self, start: int, end: int) -> tuple[int, int]:
        """An article-text span as a span of the stored document text."""
        return self.article.span_to_stored(start, end)

    @property
    def published(self) -> date | None:
        return _date(self.document.published)


def read_documents(
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 32,
    kb: KnowledgeBase | None = None,
    dictionary: ActorDictionary | None = None,
) -> Iterator[ReadPage]:
    """Read every document's article text (comments and boilerplate are never parsed)."""
    kb = kb or load_kb()
    for parsed in parse_articles(documents, n_process=n_process, batch_size=batch_size):
        yield read_parsed(parsed.document, parsed.article, parsed.doc, kb=kb, dictionary=dictionary)


def read_parsed(
    document: Document, article: ArticleText, doc: Doc, *, kb: KnowledgeBase, dictionary: ActorDictionary | None = None
) -> ReadPage:
    published = _date(document.published)
    home = dominant_place_country(find_places(doc), doc)
    actors = resolve_page(document.doc_id, doc, to_stored=article.to_stored, published=published, kb=kb,
                          dictionary=dictionary, url=document.url, place_country=home)
    times = tuple(find_times(doc.text, anchor=published, doc=doc))
    places = tuple(find_places(doc, context_countries=_context_countries(actors)))
    return ReadPage(document=document, article=article, doc=doc, actors=actors, times=times, places=places)


def _context_countries(actors: PageActors) -> tuple[str, ...]:
    """Countries of the page's actors, most mentioned first (the gazetteer's disambiguation context)."""
    counts = Counter(m.country for m in actors.mentions if m.country and len(m.country) == 3 and m.country.isalpha())
    return tuple(code for code, _ in counts.most_common())


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
