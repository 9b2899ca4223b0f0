"""Document rows: one row per document (latest version), segments and comments nested."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from storyline.model import Document
from storyline.store import Store

DOCUMENT_FIELDS = (
    "doc_id", "version", "url", "outlet", "title", "published", "published_source", "ingested_at",
    "content_hash", "page_story_id", "duplicate_of", "text", "segments", "comments",
)


def document_row(doc: Document, *, page_story_id: str | None = None, duplicate_of: str | None = None) -> dict[str, Any]:
    return {
        "page_story_id": page_story_id,
        "duplicate_of": duplicate_of,
        "doc_id": doc.doc_id,
        "version": doc.version,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "published_source": doc.published_source,
        "ingested_at": doc.ingested_at,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "segments": [asdict(s) for s in doc.segments],
        "comments": [asdict(c) for c in doc.comments],
    }


def document_rows(store: Store) -> Iterator[dict[str, Any]]:
    stories = dict(store.con.execute("SELECT doc_id, story_id FROM page_stories").fetchall())
    duplicates = dict(store.con.execute("SELECT doc_id, duplicate_of FROM near_duplicates").fetchall())
    for doc in store.iter_documents():
        yield document_row(doc, page_story_id=stories.get(doc.doc_id), duplicate_of=duplicates.get(doc.doc_id))
