"""HTML segmenter: turn a web page into headline, dateline, body lines and reader comments.

The main content and metadata come from trafilatura (body in precision mode, comment
sections pruned from the body); the publication date comes from htmldate without its
extensive free-text search (meta tags, JSON-LD, URL, ``<time>`` and date-labelled elements,
full timestamps), so a page gets no guessed, copyright-year or "today" date. Reader
comments are recovered from common comment-list markup (nested ``<ol class="children">``
replies, ``.comment-author``, ``<time datetime>``) by :func:`parse_comment_markup`; when no
such markup exists, trafilatura's comment extraction is used, one comment per paragraph, flat.

The rendered text is: the title line, a ``Published: YYYY-MM-DD`` dateline, the body
paragraphs (one per line), then one block per comment; sections and comment blocks are
separated by a blank line. Every non-blank line is one :class:`~storyline.model.Segment`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.model import Comment, Role, Segment, Segmentation

logger = logging.getLogger(__name__)

DATELINE_PREFIX = "Published: "

# Markup conventions of comment lists (WordPress, Disqus-like themes, hand-written blogs).
# Class tokens are compared whole, case-insensitively.
COMMENT_ITEM_CLASSES = frozenset({"comment", "comment-item", "commentlist-item", "comment-entry"})
COMMENT_ITEM_ID = re.compile(r"^(?:li-)?comment-\d+$", re.IGNORECASE)
COMMENT_AUTHOR_CLASSES = ("fn", "comment-author-name", "comment-author", "author-name", "author")
COMMENT_TEXT_CLASSES = frozenset({"comment-content", "comment-text", "comment-body-text"})
COMMENT_SKIP_CLASSES = frozenset(
    {"comment-author", "comment-meta", "comment-metadata", "commentmetadata", "reply", "says", "vcard"}
)
COMMENT_SKIP_TAGS = frozenset({"script", "style", "form", "button", "footer", "header", "noscript"})
BLOCK_TAGS = frozenset({"p", "div", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "br"})

MIN_BODY_WORDS = 5  # fewer words than this is a stray link or label, not article text

_TAG = re.compile(r"<\s*[A-Za-z!?/]")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkupComment:
    """A reader comment found in the page markup, before it is placed in the rendered text."""

    index: int
    parent_index: int | None
    depth: int
    author: str | None
    posted_at: str | None
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Extracted:
    title: str | None
    published: str | None
    body: tuple[str, ...]
    url: str | None = None
    site_name: str | None = None


def segment_html(html: str, *, url: str | None = None) -> Segmentation:
    """Segment an HTML page into headline, dateline, body and comment lines.

    Raises ``ValueError`` when the input is empty, not HTML, or has no article text.
    """
    tree = _parse(html)
    extracted = _extract_article(tree, url=url)
    comments = parse_comment_markup(tree) or _fallback_comments(tree, url=url)
    body = _drop_comment_lines(extracted.body, comments)
    if sum(len(_WORD.findall(line)) for line in body) < MIN_BODY_WORDS:
        raise ValueError("no article text found in the HTML page")
    return _compose(extracted, body, comments)


def _parse(html: str) -> HtmlElement:
    if not html or not html.strip():
        raise ValueError("empty input: no HTML to segment")
    tree = load_html(html) if _TAG.search(html) else None
    if tree is None:
        raise ValueError("input is not HTML: no markup could be parsed")
    return tree


def _date_params() -> dict[str, object]:
    # no extensive search: no free-text guessing, no copyright-year or bare-year fallback;
    # htmldate returns None rather than a default date when nothing is found.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": date.today().isoformat(),
    }


def _extract_article(tree: HtmlElement, *, url: str | None) -> _Extracted:
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_precision=True,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_date_params(),
    )
    if document is None:
        raise ValueError("no article text found in the HTML page")
    title = _clean(document.title or "") or None
    lines = [_clean(line) for line in (document.text or "").splitlines()]
    body = [line for line in lines if line]
    if body and title and _normalise(body[0]) == _normalise(title):
        body = body[1:]
    return _Extracted(
        title=title,
        published=_iso_date(document.date),
        body=tuple(body),
        url=document.url or None,
        site_name=_clean(document.sitename or "") or None,
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        logger.debug("unparseable date from metadata: %r", value)
        return None


def _fallback_comments(tree: HtmlElement, *, url: str | None) -> list[MarkupComment]:
    """Comments as trafilatura finds them: it flattens threads, so one paragraph is one comment."""
    document = trafilatura.bare_extraction(tree, url=url, include_comments=True, fast=True)
    if document is None or document.commentsbody is None:
        return []
    paragraphs = [
        _clean(" ".join(child.itertext()))
        for child in document.commentsbody
        if child.tag != "head"  # section headings such as "3 comments"
    ]
    return [
        MarkupComment(index=i, parent_index=None, depth=0, author=None, posted_at=None, text=text)
        for i, text in enumerate(p for p in paragraphs if p)
    ]


def _drop_comment_lines(body: tuple[str, ...], comments: list[MarkupComment]) -> tuple[str, ...]:
    """Remove body lines that are really comment paragraphs the extractor left in."""
    seen = {_normalise(p) for c in comments for p in c.text.splitlines()}
    seen.discard("")
    return tuple(line for line in body if _normalise(line) not in seen)


# --- comment markup -----------------------------------------------------------------


def parse_comment_markup(tree: HtmlElement) -> list[MarkupComment]:
    """Reader comments from common comment-list markup, in page order, with nesting.

    A comment is an element whose class is a comment-item class (or whose id looks like
    ``comment-123``); its depth is the number of enclosing comments and its parent the
    nearest one. Author comes from ``.fn``/``.comment-author``-like elements, time from a
    ``<time datetime>``, text from ``.comment-content``-like elements or else from the
    item's own text minus author/meta/reply parts and nested replies.
    """
    items = [el for el in tree.iter() if isinstance(el.tag, str) and _is_comment_item(el)]
    position = {id(el): i for i, el in enumerate(items)}
    found: list[MarkupComment] = []
    for i, item in enumerate(items):
        text = _comment_text(item)
        if not text:
            continue
        parent = _enclosing_item(item)
        found.append(
            MarkupComment(
                index=i,
                parent_index=position[id(parent)] if parent is not None else None,
                depth=_depth(item),
                author=_comment_author(item),
                posted_at=_comment_time(item),
                text=text,
            )
        )
    return found


def _classes(el: HtmlElement) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _is_comment_item(el: HtmlElement) -> bool:
    if el.tag not in {"li", "article", "div", "section"}:
        return False
    return bool(_classes(el) & COMMENT_ITEM_CLASSES) or bool(COMMENT_ITEM_ID.match(el.get("id") or ""))


def _enclosing_item(el: HtmlElement) -> HtmlElement | None:
    for ancestor in el.iterancestors():
        if _is_comment_item(ancestor):
            return ancestor
    return None


def _depth(el: HtmlElement) -> int:
    return sum(1 for ancestor in el.iterancestors() if _is_comment_item(ancestor))


def _own_descendants(item: HtmlElement) -> Iterator[HtmlElement]:
    """Descendants of a comment item that do not belong to a nested reply."""
    for el in item.iterdescendants():
        if isinstance(el.tag, str) and _enclosing_item(el) is item and not _is_comment_item(el):
            yield el


def _comment_author(item: HtmlElement) -> str | None:
    own = list(_own_descendants(item))
    for cls in COMMENT_AUTHOR_CLASSES:
        for el in own:
            if cls in _classes(el):
                name = _clean(" ".join(el.itertext()))
                name = re.sub(r"\s*says:?$", "", name, flags=re.IGNORECASE)
                if name:
                    return name
    return None


def _comment_time(item: HtmlElement) -> str | None:
    for el in _own_descendants(item):
        if el.tag == "time" and el.get("datetime"):
            return _iso_minute(el.get("datetime", ""))
    return None


def _iso_minute(value: str) -> str | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", value.strip())
    if match is None:
        return None
    day, minute = match.groups()
    return f"{day}T{minute}" if minute else day


def _comment_text(item: HtmlElement) -> str:
    containers = [el for el in _own_descendants(item) if _classes(el) & COMMENT_TEXT_CLASSES]
    roots = containers[:1] or [item]
    paragraphs: list[str] = []
    for root in roots:
        paragraphs.extend(_paragraphs(root))
    return "\n".join(p for p in paragraphs if p)


def _paragraphs(root: HtmlElement) -> list[str]:
    """Text of ``root`` split at block elements, skipping nested replies and meta parts."""
    chunks: list[str] = [""]

    def walk(el: HtmlElement) -> None:
        block = el.tag in BLOCK_TAGS
        if block:
            chunks.append("")
        chunks[-1] += el.text or ""
        for child in el:
            if isinstance(child.tag, str) and not _skipped(child):
                walk(child)
            chunks[-1] += child.tail or ""
        if block:
            chunks.append("")

    walk(root)
    return [_clean(chunk) for chunk in chunks if _clean(chunk)]


def _skipped(el: HtmlElement) -> bool:
    return el.tag in COMMENT_SKIP_TAGS or _is_comment_item(el) or bool(_classes(el) & COMMENT_SKIP_CLASSES)


# --- composition ----------------------------------------------------------------------


class _Writer:
    """Accumulates lines and their segments; offsets are exact by construction."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []
        self._separator = "\n"

    def gap(self) -> None:
        """Put a blank line before the next line (between sections and comment blocks)."""
        self._separator = "\n\n"

    def line(self, text: str, role: Role) -> tuple[int, int]:
        if self.parts:
            self._put(self._separator)
        self._separator = "\n"
        start = self.length
        self._put(text)
        self.segments.append(Segment(role=role, start=start, end=self.length))
        return start, self.length

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _compose(extracted: _Extracted, body: tuple[str, ...], found: list[MarkupComment]) -> Segmentation:
    writer = _Writer()
    if extracted.title:
        writer.line(extracted.title, "headline")
    if extracted.published:
        writer.line(DATELINE_PREFIX + extracted.published, "dateline")
    writer.gap()
    for line in body:
        writer.line(line, "body")
    comments = _write_comments(writer, found)
    return Segmentation(
        text=writer.text(),
        title=extracted.title,
        published=extracted.published,
        published_source="metadata" if extracted.published else "unknown",
        segments=tuple(writer.segments),
        comments=comments,
        url=extracted.url,
        site_name=extracted.site_name,
    )


def _write_comments(writer: _Writer, found: list[MarkupComment]) -> tuple[Comment, ...]:
    ids = {c.index: f"c{n}" for n, c in enumerate(found, start=1)}
    first_by_text: dict[str, str] = {}
    comments: list[Comment] = []
    for c in found:
        writer.gap()
        spans = [writer.line(p, "comment") for p in c.text.splitlines()]
        key = _normalise(c.text)
        comment_id = ids[c.index]
        comments.append(
            Comment(
                comment_id=comment_id,
                parent_id=ids.get(c.parent_index) if c.parent_index is not None else None,
                depth=c.depth,
                author=c.author,
                posted_at=c.posted_at,
                text=c.text,
                start=spans[0][0],
                end=spans[-1][1],
                duplicate_of=first_by_text.get(key),
            )
        )
        first_by_text.setdefault(key, comment_id)
    return tuple(comments)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()
