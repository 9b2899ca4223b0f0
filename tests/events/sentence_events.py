"""Shared by the mechanism tests: read sentences of our own as one-sentence pages and code their events."""

from __future__ import annotations

from collections.abc import Mapping

from storyline.events.extract import extract_events
from storyline.events.records import Event
from storyline.model import Document, Page
from storyline.pipeline import build_document
from storyline.read import read_documents


def sentence_page(doc_id: str, text: str, *, published: str = "2021-03-05") -> Document:
    """One sentence as the body of a page with a plain headline."""
    return build_document(Page(doc_id=doc_id, source="test", fmt="text", content=f"World news\n\n{text}\n",
                               published=published))


def events_of(sentences: Mapping[str, str], *, published: str = "2021-03-05") -> dict[str, list[Event]]:
    """Events of each sentence, read as the body of a page named by its key."""
    docs = [sentence_page(name, text, published=published) for name, text in sentences.items()]
    return {page.document.doc_id: extract_events(page) for page in read_documents(docs)}


def factual(events: list[Event], plover_type: str | None = None) -> list[Event]:
    """The events that happened as reported, of one type if given."""
    return [e for e in events if e.factual and (plover_type is None or e.type == plover_type)]
