"""The article text the NLP stage parses, and the map from its offsets back to the stored text.

Only article segments (headline, dek, captions, body: :data:`storyline.model.ARTICLE_ROLES`) are
parsed. They are joined in page order with one ``"\\n"`` between segments, so every segment sits on
its own line(s); comments and boilerplate never reach the parser. The one exception is a hard-wrapped
paragraph: two body segments on consecutive lines of the stored text, the first not closing a
sentence, are joined with one space instead (:func:`is_wrapped_pair`), so that a sentence cut by
the page's line width reads as one sentence. Either joiner is one character, and
:class:`ArticleText` keeps, for each part, where it starts in the article text and in the stored text, so that any offset the
parser produces can be mapped back exactly: ``article.text[a:b] == stored[article.to_stored(a):
article.to_stored(b)]`` for every span inside one segment.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from storyline.actors.kb import load_kb
from storyline.model import ARTICLE_ROLES, Document, Role, Segment
from storyline.nlp.truecase import TITLE_ROLES, is_title_case, sentence_case, sentence_names

logger = logging.getLogger(__name__)

JOINER = "\n"
WRAP_JOINER = " "
_SENTENCE_END_RE = re.compile(r"""[.!?…:;][\"'”’»)\]]*$|[\"”»]$""")
_WRAP_MIN_CHARS = 40


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePart:
    """One article segment: ``[start, end)`` in the article text, ``stored_start`` in the stored text."""

    role: Role
    start: int
    end: int
    stored_start: int
    segment_index: int

    @property
    def stored_end(self) -> int:
        return self.stored_start + (self.end - self.start)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleText:
    """Article text assembled from a document's article segments, with an exact offset map."""

    doc_id: str
    text: str
    parts: tuple[ArticlePart, ...]
    starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    parse_text: str = field(default="", repr=False, compare=False)
    """What the parser reads: ``text`` with Title Case headlines in sentence case (same length and
    offsets, :mod:`storyline.nlp.truecase`); ``text`` itself when nothing changes."""

    def __post_init__(self) -> None:
        if len(self.starts) != len(self.parts):  # each part's start, for bisection (built once, not per offset)
            object.__setattr__(self, "starts", _starts(self.parts))
        if len(self.parse_text) != len(self.text):
            object.__setattr__(self, "parse_text", self.text)

    def part_at(self, i: int) -> ArticlePart | None:
        """The part holding article offset ``i`` (the part it ends, for a joiner); ``None`` if empty."""
        if not 0 <= i <= len(self.text):
            raise ValueError(f"offset {i} is outside the article text (length {len(self.text)})")
        if not self.parts:
            return None
        k = bisect.bisect_right(self.starts, i) - 1
        return self.parts[max(k, 0)]

    def role_at(self, i: int) -> Role | None:
        """The role (headline, dek, caption, body) of the segment holding article offset ``i``."""
        part = self.part_at(i)
        return part.role if part is not None else None

    def to_stored(self, i: int) -> int:
        """Map an article-text offset to the stored document text.

        An offset on a joiner (the ``"\\n"`` between two parts) maps to the end of the part before it.
        """
        part = self.part_at(i)
        if part is None:
            return 0
        return part.stored_start + min(i, part.end) - part.start

    def span_to_stored(self, start: int, end: int) -> tuple[int, int]:
        """Map an article-text span ``[start, end)`` to the stored text."""
        if end < start:
            raise ValueError(f"span end {end} is before its start {start}")
        return self.to_stored(start), self.to_stored(end)


def _starts(parts: tuple[ArticlePart, ...]) -> tuple[int, ...]:
    return tuple(p.start for p in parts)


def article_segments(doc: Document) -> list[tuple[int, Segment]]:
    """The document's article segments in page order, with their index; overlapping ones are skipped."""
    chosen: list[tuple[int, Segment]] = []
    last_end = -1
    ordered = sorted(enumerate(doc.segments), key=lambda item: (item[1].start, item[1].end))
    for index, seg in ordered:
        if seg.role not in ARTICLE_ROLES:
            continue
        if seg.start < last_end or not 0 <= seg.start <= seg.end <= len(doc.text):
            logger.warning("%s: skipping segment %d (%s) that overlaps or leaves the text", doc.doc_id, index, seg.role)
            continue
        chosen.append((index, seg))
        last_end = seg.end
    return chosen


def article_text(doc: Document) -> ArticleText:
    """Assemble the article text of ``doc`` (article segments in page order, joined by newlines)."""
    pieces: list[str] = []
    parts: list[ArticlePart] = []
    cursor = 0
    previous: Segment | None = None
    for index, seg in article_segments(doc):
        if parts:
            joiner = WRAP_JOINER if previous is not None and is_wrapped_pair(doc.text, previous, seg) else JOINER
            pieces.append(joiner)
            cursor += len(joiner)
        previous = seg
        piece = doc.text[seg.start : seg.end]
        parts.append(ArticlePart(role=seg.role, start=cursor, end=cursor + len(piece), stored_start=seg.start, segment_index=index))
        pieces.append(piece)
        cursor += len(piece)
    text = "".join(pieces)
    return ArticleText(doc_id=doc.doc_id, text=text, parts=tuple(parts), parse_text=_parse_text(text, tuple(parts)))


def _parse_text(text: str, parts: tuple[ArticlePart, ...]) -> str:
    """``text`` with its Title Case headline and dek in sentence case (:mod:`storyline.nlp.truecase`)."""
    titles = [p for p in parts if p.role in TITLE_ROLES and is_title_case(text[p.start : p.end])]
    if not titles:
        return text
    names = sentence_names(text[p.start : p.end] for p in parts if p.role not in TITLE_ROLES)
    kb = load_kb()

    def is_name(word: str) -> bool:
        return word in names or kb.country_of(word) is not None

    chars = list(text)
    for part in titles:
        chars[part.start : part.end] = sentence_case(text[part.start : part.end], is_name=is_name)
    return "".join(chars)


def is_wrapped_pair(text: str, first: Segment, second: Segment) -> bool:
    """Whether two body segments are lines of one hard-wrapped paragraph.

    They must sit on consecutive lines (nothing but one line break between them), the first must not
    close a sentence, and either the second starts in lower case or the first is a full-width line
    (a short open line is a sub-heading, not a wrapped one).
    """
    if first.role != "body" or second.role != "body":
        return False
    between = text[first.end : second.start]
    if between.count("\n") != 1 or between.strip():
        return False
    line = text[first.start : first.end].rstrip()
    if not line or _SENTENCE_END_RE.search(line):
        return False
    return text[second.start : second.start + 1].islower() or len(line) >= _WRAP_MIN_CHARS
