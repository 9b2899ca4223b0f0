"""Reader-comment threads in the trailing zone of a plain-text page.

A thread opens at a comment-count header, a bulleted or numbered item, an author line
followed by a time line, or a "Posted by NAME on DATE" line; it runs until a closing marker
("Comments are closed"), a boilerplate line, or a line indented less than its items. Items
are the bulleted/numbered lines where the thread uses markers, otherwise the author/time
openers. Reply depth is the rank of an item's indentation among the thread's item
indentations; the parent is the nearest earlier item one level up. A comment whose text is
near-identical to an earlier one is marked as its repost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from storyline.model import Comment
from storyline.segment.lines import Line, is_prose, matches, normalise
from storyline.segment.pubdate import DATE_RE, is_time_line, stamp

_POSTED_BY_RE = re.compile(
    r"^(?:posted|written|submitted|comment(?:ed)?)\s+by\s+(?P<author>.+?)"
    r"(?:\s+(?:on|at|\||-|–|—|,)\s*(?P<when>.*))?$",
    re.IGNORECASE,
)
_SAYS_RE = re.compile(r"^(?P<author>.{1,60}?)\s+(?:says|said|wrote|writes)\s*(?::|\.\.\.|…)?$", re.IGNORECASE)
_NAME_END_RE = re.compile(r"(?:\b[A-Z]\.|[^.!?])$")
_SEPARATORS = " \t|-–—,:"
DUPLICATE_RATIO = 0.9


@dataclass(frozen=True, slots=True, kw_only=True)
class Thread:
    """A comment thread: its comments and the page line numbers that carry role "comment"."""

    comments: tuple[Comment, ...] = ()
    lines: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Head:
    """What an item's opening lines say about its author and time, and how many lines they use."""

    author: str | None
    posted_at: str | None
    used: int
    first_content: str | None


def find_thread(lines: Sequence[Line]) -> Thread:
    """The comment thread among ``lines`` (the non-blank lines after the article body)."""
    begin = _opener_index(lines)
    if begin is None:
        return Thread()
    span = _thread_lines(lines, begin)
    items = _item_indexes(span)
    if not items:
        return Thread()
    comments = _build_comments(span, items)
    covered = frozenset(line.number for line in span[items[0]:])
    return Thread(comments=_mark_duplicates(comments), lines=covered)


def is_control(line: Line) -> bool:
    """A reply/report/like widget line."""
    return matches("comment_control", line.text)


def _opener_index(lines: Sequence[Line]) -> int | None:
    for i, line in enumerate(lines):
        if matches("comment_header", line.text):
            return i + 1 if i + 1 < len(lines) else None
        if matches("comment_close", line.text):
            return None
        if matches("breaker", line.text):
            continue
        if line.marker or _pair_opener(lines, i):
            return i
    return None


def _pair_opener(lines: Sequence[Line], i: int) -> bool:
    """An unbulleted comment start: author+time pair, "Posted by", "X says:", or a time line."""
    line = lines[i]
    if _POSTED_BY_RE.match(line.content) or _SAYS_RE.match(line.content):
        return True
    if _author_like(line.content) and i + 1 < len(lines) and is_time_line(lines[i + 1].content):
        return True
    return is_time_line(line.content) and not (i > 0 and _pair_opener_author(lines, i - 1))


def _pair_opener_author(lines: Sequence[Line], i: int) -> bool:
    return _author_like(lines[i].content) and not is_prose(lines[i])


def _author_like(content: str) -> bool:
    words = content.split()
    if not 1 <= len(words) <= 8 or len(content) > 60 or is_time_line(content):
        return False
    return bool(_NAME_END_RE.search(content)) and not matches("breaker", content)


def _thread_lines(lines: Sequence[Line], begin: int) -> list[Line]:
    span: list[Line] = []
    floor: int | None = None
    marked = lines[begin].marker is not None
    for index in range(begin, len(lines)):
        line = lines[index]
        if any(matches(kind, line.text) for kind in ("comment_close", "comment_header", "breaker")):
            break
        opener = bool(line.marker) or (not marked and _pair_opener(lines, index))
        if floor is not None and line.indent < floor and not opener:
            break
        if opener:
            floor = line.indent if floor is None else min(floor, line.indent)
        span.append(line)
    return span


def _item_indexes(span: Sequence[Line]) -> list[int]:
    if span and span[0].marker:
        return [i for i, line in enumerate(span) if line.marker]
    items: list[int] = []
    i = 0
    while i < len(span):
        if _pair_opener(span, i):
            items.append(i)
            i += 2 if _author_like(span[i].content) and i + 1 < len(span) and is_time_line(span[i + 1].content) else 1
            continue
        i += 1
    return items


def _build_comments(span: Sequence[Line], items: Sequence[int]) -> list[Comment]:
    levels = {indent: depth for depth, indent in enumerate(sorted({span[i].indent for i in items}))}
    comments: list[Comment] = []
    open_at: dict[int, str] = {}
    for n, first in enumerate(items):
        last = (items[n + 1] if n + 1 < len(items) else len(span)) - 1
        depth = levels[span[first].indent]
        parent = next((open_at[d] for d in range(depth - 1, -1, -1) if d in open_at), None)
        comment = _comment(span[first:last + 1], f"c{n + 1}", depth, parent)
        open_at = {d: cid for d, cid in open_at.items() if d < depth} | {depth: comment.comment_id}
        comments.append(comment)
    return comments


def _comment(block: Sequence[Line], comment_id: str, depth: int, parent: str | None) -> Comment:
    head = _read_head(block)
    body = [head.first_content] if head.first_content else []
    body += [ln.content if ln.marker is None else ln.text for ln in block[head.used:]
             if not is_control(ln) and not is_time_line(ln.content)]
    return Comment(comment_id=comment_id, parent_id=parent, depth=depth, author=head.author,
                   posted_at=head.posted_at, text="\n".join(body), start=block[0].start, end=block[-1].end)


def _read_head(block: Sequence[Line]) -> _Head:
    first = block[0].content
    nxt = block[1].content if len(block) > 1 else None
    if is_time_line(first):
        return _Head(author=None, posted_at=stamp(first), used=1, first_content=None)
    posted = _POSTED_BY_RE.match(first)
    if posted:
        return _Head(author=posted.group("author").strip(_SEPARATORS), used=1, first_content=None,
                     posted_at=stamp(posted.group("when") or ""))
    says = _SAYS_RE.match(first)
    if says or (nxt is not None and _author_like(first) and is_time_line(nxt)):
        author = says.group("author").strip(_SEPARATORS) if says else first.strip(_SEPARATORS)
        timed = nxt is not None and is_time_line(nxt)
        return _Head(author=author, posted_at=stamp(nxt) if timed and nxt else None,
                     used=2 if timed else 1, first_content=None)
    return _inline_head(first)


def _inline_head(first: str) -> _Head:
    """"NAME | Mar 3, 2013 4:15 pm" on one line, or a plain first content line."""
    found = DATE_RE.search(first)
    if found and found.start() > 0:
        name, when = first[: found.start()].strip(_SEPARATORS), first[found.start():]
        name = re.sub(r"\s+(?:on|at)$", "", name, flags=re.IGNORECASE)
        if _author_like(name) and is_time_line(when):
            return _Head(author=name, posted_at=stamp(when), used=1, first_content=None)
    return _Head(author=None, posted_at=None, used=1, first_content=first)


def _mark_duplicates(comments: list[Comment]) -> tuple[Comment, ...]:
    keys = [normalise(c.text).split() for c in comments]
    bags = [frozenset(k) for k in keys]
    out: list[Comment] = []
    for j, comment in enumerate(comments):
        original = next((out[i] for i in range(j) if _near_identical(keys[i], keys[j], bags[i], bags[j])), None)
        if original is None:
            out.append(comment)
            continue
        out.append(replace(comment, duplicate_of=original.duplicate_of or original.comment_id))
    return tuple(out)


def _near_identical(a: list[str], b: list[str], bag_a: frozenset[str], bag_b: frozenset[str]) -> bool:
    """Same words in (almost) the same order: a repost, not a comment on the same topic."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((len(a), len(b)))
    if short < 4 or short / long_ < DUPLICATE_RATIO:
        return False
    if len(bag_a & bag_b) < DUPLICATE_RATIO * 0.9 * len(bag_a | bag_b):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= DUPLICATE_RATIO
