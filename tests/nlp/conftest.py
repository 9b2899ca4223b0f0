"""Fixtures of the NLP tests: the real pipeline (loaded once) and documents of our own making."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language

from storyline.model import Document, Role, Segment, content_hash
from storyline.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def make_document(lines: Sequence[tuple[Role, str]], *, doc_id: str = "d1", gap: str = "\n\n") -> Document:
    """A stored document made of ``(role, text)`` lines separated by ``gap``."""
    text = ""
    segments = []
    for role, line in lines:
        if text:
            text += gap
        segments.append(Segment(role=role, start=len(text), end=len(text) + len(line)))
        text += line
    return Document(doc_id=doc_id, version=1, source="test", fmt="text", url=None, outlet=None, title=None,
                    published=None, published_source="unknown", ingested_at="2024-01-01T00:00:00", text=text,
                    content_hash=content_hash(text), segments=tuple(segments))
