"""Typed records shared by the pipeline stages.

One page flows one way: a :class:`Page` (as read from a source) is segmented into a
:class:`Segmentation` (roles of its text, comment threads, title, publication date), which
becomes a stored :class:`Document`. Every offset is a character offset into the text the
record carries, so ``text[start:end]`` is always exact.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["headline", "dek", "dateline", "caption", "body", "comment", "boilerplate"]
ROLES: tuple[Role, ...] = ("headline", "dek", "dateline", "caption", "body", "comment", "boilerplate")
ARTICLE_ROLES: frozenset[str] = frozenset({"headline", "dek", "caption", "body"})

PublishedSource = Literal["page", "metadata", "unknown"]
PageFormat = Literal["text", "html"]


def content_hash(content: str) -> str:
    """Stable hash of a page's content: equal content, equal hash."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class GivenComment:
    """A reader comment a source gives as data (a JSONL page's ``comments`` list), before it is
    placed in the stored text. ``posted_at`` is ISO 8601 to the minute; ``parent_id`` names an
    earlier comment of the same page."""

    comment_id: str
    parent_id: str | None
    author: str | None
    posted_at: str | None
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One input page as read from a source, before segmentation.

    ``content`` is the decoded page text (``fmt="text"``) or its HTML markup (``fmt="html"``).
    ``published`` is an ISO date given by the source's metadata (a JSONL field), if any.
    ``comments`` are reader comments the source gives as data (a JSONL ``comments`` list); they
    count in the content hash, so new comments on a page make a new version.
    """

    doc_id: str
    source: str
    fmt: PageFormat
    content: str
    url: str | None = None
    published: str | None = None
    repaired: bool = False
    comments: tuple[GivenComment, ...] = ()

    @property
    def content_hash(self) -> str:
        if not self.comments:
            return content_hash(self.content)
        given = [[c.comment_id, c.parent_id, c.author, c.posted_at, c.text] for c in self.comments]
        return content_hash(self.content + "\x00comments\x00" + json.dumps(given, ensure_ascii=False))


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A span of the stored text with the role it plays on the page."""

    role: Role
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Comment:
    """One reader comment: its place in the thread and its span in the stored text.

    ``comment_id`` is unique within the page (``c1``, ``c2``, ... in page order); ``parent_id``
    is the comment it replies to (``None`` at top level); ``depth`` is 0 at top level.
    ``posted_at`` is ISO 8601 (``2012-03-28T13:02``) where the page shows a time.
    ``duplicate_of`` names an earlier comment on the same page whose text this one repeats.
    """

    comment_id: str
    parent_id: str | None
    depth: int
    author: str | None
    posted_at: str | None
    text: str
    start: int
    end: int
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Segmentation:
    """What a segmenter finds in a page: the text that offsets refer to and its parts.

    ``url`` and ``site_name`` are what the page says of itself (canonical link, ``og:site_name``).
    """

    text: str
    title: str | None
    published: str | None
    published_source: PublishedSource
    segments: tuple[Segment, ...]
    comments: tuple[Comment, ...] = ()
    url: str | None = None
    site_name: str | None = None

    def spans(self, *roles: str) -> list[Segment]:
        return [s for s in self.segments if s.role in roles]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A segmented page as stored: one version of one document id."""

    doc_id: str
    version: int
    source: str
    fmt: PageFormat
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    published_source: PublishedSource
    ingested_at: str
    text: str
    content_hash: str
    segments: tuple[Segment, ...] = ()
    comments: tuple[Comment, ...] = field(default_factory=tuple)

    def article_text(self) -> str:
        """Headline, dek, captions and body joined in page order (what the NLP stage reads)."""
        parts = [self.text[s.start : s.end] for s in self.segments if s.role in ARTICLE_ROLES]
        return "\n".join(parts)
