"""The "read the article" stage: parse each page's article text once, then find its actors,
time expressions and places; :func:`read_page` / :func:`read_pages` go on to code the events and
quotes and return plain :class:`~storyline.page_reading.PageReading` records (the one per-page
function the engines run: in this process, in a pool, in a Spark task).

Offsets: the spaCy Doc, time expressions and place mentions use article-text offsets
(``ReadPage.article``); actor mentions are already in stored-text offsets. ``ReadPage.stored``
maps any article span to the stored text.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from storyline.actors import PageActors, resolve_page
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.petrarch import ActorDictionary
from storyline.errors import brief
from storyline.events.extract import extract_events_and_quotes
from storyline.model import Document
from storyline.nlp.article import ArticleText
from storyline.nlp.pipeline import parse_articles
from storyline.page_reading import NamedEntity, PageReading, ReadFailure
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


def read_page(document: Document, *, kb: KnowledgeBase | None = None,
              dictionary: ActorDictionary | None = None, max_chars: int | None = None) -> PageReading:
    """Parse, read and code one page: its plain reading (raises what the reader raises)."""
    [result] = read_pages([document], kb=kb, dictionary=dictionary, max_chars=max_chars, catch=False)
    return result  # type: ignore[return-value]  # with catch=False there is no ReadFailure


def read_pages(
    documents: Iterable[Document],
    *,
    kb: KnowledgeBase | None = None,
    dictionary: ActorDictionary | None = None,
    max_chars: int | None = None,
    batch_size: int = 8,
    catch: bool = True,
) -> Iterator[PageReading | ReadFailure]:
    """Read and code every document in this process: one reading per page, in input order, or (with
    ``catch``) one :class:`ReadFailure` for a page the parser or the reader raised on, the others going
    on (a page whose article text cannot even be made fails as the parser takes in its batch, so its
    failure can come before the readings of the pages just ahead of it)."""
    kb = kb or load_kb()
    failures: list[ReadFailure] = []

    def failed(document: Document, error: Exception) -> None:
        if not catch:
            raise error
        failures.append(read_failure(document, error))

    for parsed in parse_articles(documents, batch_size=batch_size, max_chars=max_chars, on_error=failed):
        yield from _flush(failures)
        try:
            page = read_parsed(parsed.document, parsed.article, parsed.doc, kb=kb, dictionary=dictionary)
            reading = page_reading(page)
        except Exception as e:  # noqa: BLE001 - whatever a page makes the reader raise, it is that page's failure
            if not catch:
                raise
            log.debug("reading %s failed", parsed.document.doc_id, exc_info=e)
            reading = read_failure(parsed.document, e)
        yield reading
    yield from _flush(failures)


def _flush(failures: list[ReadFailure]) -> Iterator[ReadFailure]:
    yield from failures
    failures.clear()


def read_failure(document: Document, error: BaseException) -> ReadFailure:
    """The failure record of a page the reader raised ``error`` on."""
    return ReadFailure(doc_id=document.doc_id, version=document.version, source=document.source,
                       error=brief(f"{type(error).__name__}: {error}"))


def page_reading(page: ReadPage) -> PageReading:
    """Code the events and quotes of a read page and keep what is stored, in stored-text offsets."""
    doc = page.document
    events, quotes = extract_events_and_quotes(page)
    return PageReading(
        doc_id=doc.doc_id, version=doc.version,
        entities=tuple(NamedEntity(start=s, end=e, text=ent.text, label=ent.label_)
                       for ent in page.doc.ents for s, e in [page.stored(ent.start_char, ent.end_char)]),
        actors=tuple(page.actors.entities), mentions=tuple(page.actors.mentions),
        times=tuple(replace(t, start=s, end=e) for t in page.times for s, e in [page.stored(t.start, t.end)]),
        places=tuple(replace(p, start=s, end=e) for p in page.places for s, e in [page.stored(p.start, p.end)]),
        events=tuple(events), quotes=tuple(quotes),
    )


def _context_countries(actors: PageActors) -> tuple[str, ...]:
    """Countries of the page's actors, most mentioned first (the gazetteer's disambiguation context)."""
    counts = Counter(m.country for m in actors.mentions if m.country and len(m.country) == 3 and m.country.isalpha())
    return tuple(code for code, _ in counts.most_common())


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
