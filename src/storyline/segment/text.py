"""Segmenter for plain-text pages (no markup): one role per non-blank line, comments, title, date.

A page is read as header zone → article body → trailing zone:

1. lines are split with exact offsets and given a surface kind (prose, short, list item,
   caption, inline insert, breaker, indented), patterns coming from the data lexicon;
2. the headline is the first substantive line;
3. the body is the coherent run of prose lines with the most text: short lines, captions,
   inline adverts and list items may sit inside it when prose resumes after them, while
   breakers (boilerplate, comment markers, datelines, indented thread lines) end it;
4. lines between headline and body are datelines, captions, a dek or boilerplate; a first
   body line that stands before a "CITY:" lede, or that the body repeats, is the dek;
5. the trailing zone holds the comment thread (see :mod:`storyline.segment.comments`);
   everything else there is boilerplate;
6. the publication date is read from the first dateline of the header zone.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Role, Segment, Segmentation
from storyline.segment.comments import find_thread
from storyline.segment.lines import Line, is_prose, matches, normalise, split_lines
from storyline.segment.pubdate import is_dateline, is_time_line, page_date

logger = logging.getLogger(__name__)

_LEDE_RE = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30}){0,2}(?:,\s*\w{3,9}\.?\s+\d{1,2})?"
    r"\s*(?:\([\w .]{2,30}\))?\s*(?::|\s[-–—]{1,2})\s"
)
_BYLINE_RE = re.compile(r"^(?:by|from|written by|reported by)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,6}\s*[|,]?.{0,40}$",
                        re.IGNORECASE)
_HEADLINE_START_RE = re.compile(r"""[\w"'“‘\[(¿¡]""")
_HEADER_WINDOW = 12
_MAX_SHORT_GAP = 2
_LIST_ITEM_WORDS = 25
_HEADLINE_MAX = 150


def segment_text(text: str) -> Segmentation:
    """Segment a plain-text page: roles of its lines, comment threads, title, publication date."""
    lines = split_lines(text)
    if not lines:
        return Segmentation(text=text, title=None, published=None, published_source="unknown", segments=())
    head = _find_headline(lines)
    kinds = _kinds(lines, head)
    body = _best_run(lines, kinds, 0 if head is None else head + 1)
    roles = _roles(lines, kinds, head, body)
    tail = _tail_start(lines, roles, body, head)
    thread = find_thread(lines[tail:])
    for line in lines:
        if line.number in thread.lines:
            roles[line.number] = "comment"
    published = _published(lines, roles)
    return Segmentation(
        text=text,
        title=lines[head].text if head is not None else None,
        published=published,
        published_source="page" if published else "unknown",
        segments=tuple(Segment(role=roles[ln.number], start=ln.start, end=ln.end) for ln in lines),
        comments=thread.comments,
    )


# 2. headline ---------------------------------------------------------------------------------

def _find_headline(lines: Sequence[Line]) -> int | None:
    """Index of the first substantive line, or None where the page opens straight on prose."""
    for i, line in enumerate(lines):
        if _is_noise(line) or is_dateline(line) or is_time_line(line.text) or line.words < 2 \
                or not _HEADLINE_START_RE.match(line.text):
            continue
        long_sentence = line.text.endswith(".") and line.words >= 15
        return None if len(line.text) > _HEADLINE_MAX or long_sentence else i
    return None


def _is_noise(line: Line) -> bool:
    return any(matches(kind, line.text) for kind in ("breaker", "insert", "comment_header", "comment_close"))


# 1. line kinds -------------------------------------------------------------------------------

def _kinds(lines: Sequence[Line], head: int | None) -> list[str]:
    base = _base_indent(lines)
    repeated = _repeated_near_top(lines, head)
    title = normalise(lines[head].text) if head is not None else None
    return [_kind(line, base=base, repeated=line.number in repeated, title=title) for line in lines]


def _kind(line: Line, *, base: int, repeated: bool, title: str | None) -> str:
    if line.indent > base + 2:
        return "indented"
    if title is not None and _echoes_title(line, title):
        return "break"
    if matches("caption", line.text) or repeated:
        return "caption"
    if matches("insert", line.text):
        return "insert"
    if any(matches(k, line.text) for k in ("breaker", "comment_header", "comment_close", "comment_control")):
        return "break"
    if is_dateline(line) or is_time_line(line.text):
        return "break"
    if line.marker:
        return "list"
    return "prose" if is_prose(line) else "short"


def _base_indent(lines: Sequence[Line]) -> int:
    indents = [ln.indent for ln in lines if ln.words >= 12 and is_prose(ln)]
    return min(indents) if indents else 0


def _echoes_title(line: Line, title: str) -> bool:
    """A later line that restates the headline (alone or glued to a section label)."""
    if len(line.text) > 2 * len(title) + 60:
        return False
    norm = normalise(line.text)
    return norm != "" and title in norm and len(norm) <= len(title) + 40


def _repeated_near_top(lines: Sequence[Line], head: int | None) -> set[int]:
    """Lines repeated verbatim among the first lines after the headline (picture captions)."""
    start = 0 if head is None else head + 1
    window = lines[start:start + _HEADER_WINDOW]
    counts = Counter(normalise(ln.text) for ln in window if ln.words >= 5)
    return {ln.number for ln in window if counts.get(normalise(ln.text), 0) >= 2}


# 3. body run ---------------------------------------------------------------------------------

def _best_run(lines: Sequence[Line], kinds: Sequence[str], first: int) -> tuple[int, int] | None:
    runs = _runs(lines, kinds, first)
    if not runs:
        return None
    best = max(runs, key=lambda r: (_run_score(lines, kinds, r), -r[0]))
    return _with_closing_list(lines, kinds, best)


def _with_closing_list(lines: Sequence[Line], kinds: Sequence[str], run: tuple[int, int]) -> tuple[int, int]:
    """Extend the body over a list its last line introduces ("... were named:" then items)."""
    start, end = run
    i = end + 1
    introduced = lines[end].text.endswith(":")
    if not introduced and i < len(lines) and kinds[i] == "short" and lines[i].text.endswith(":"):
        introduced, i = True, i + 1
    j = i
    while introduced and j < len(lines) and kinds[j] == "list":
        j += 1
    return (start, j - 1) if j > i else run


def _run_score(lines: Sequence[Line], kinds: Sequence[str], run: tuple[int, int]) -> int:
    return sum(len(lines[i].text) for i in range(run[0], run[1] + 1) if kinds[i] == "prose")


def _runs(lines: Sequence[Line], kinds: Sequence[str], first: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = first
    gap: list[int] = []
    for i in range(first, len(lines)):
        kind = kinds[i]
        if kind == "prose":
            if start is not None and not _bridgeable(lines, kinds, gap, last):
                runs.append((start, last))
                start = None
            start = i if start is None else start
            last, gap = i, []
        elif kind in ("break", "indented"):
            if start is not None:
                runs.append((start, last))
            start, gap = None, []
        else:
            gap.append(i)
    if start is not None:
        runs.append((start, last))
    return runs


def _bridgeable(lines: Sequence[Line], kinds: Sequence[str], gap: Sequence[int], last: int) -> bool:
    """Whether the non-prose lines between two prose lines belong inside the body."""
    if sum(1 for i in gap if kinds[i] == "short") > _MAX_SHORT_GAP:
        return False
    items = [i for i in gap if kinds[i] == "list"]
    if not items:
        return True
    introduced = lines[last].text.rstrip().endswith(":")
    flush = all(lines[i].indent <= lines[last].indent for i in items)
    terse = all(lines[i].words <= _LIST_ITEM_WORDS for i in items)
    return introduced or flush or terse


# 4./5. roles ---------------------------------------------------------------------------------

def _tail_start(lines: Sequence[Line], roles: dict[int, Role], body: tuple[int, int] | None,
                head: int | None) -> int:
    """First line of the trailing zone; a dateline right after the body ("Posted on ...") is kept."""
    tail = body[1] + 1 if body else (head if head is not None else -1) + 1
    if body and tail < len(lines) and is_dateline(lines[tail]):
        roles[lines[tail].number] = "dateline"
        tail += 1
    return tail


def _roles(lines: Sequence[Line], kinds: Sequence[str], head: int | None,
           body: tuple[int, int] | None) -> dict[int, Role]:
    roles: dict[int, Role] = {ln.number: "boilerplate" for ln in lines}
    body_start = body[0] if body else len(lines)
    for i in range(0, body_start):
        roles[lines[i].number] = _header_role(lines[i], kinds[i], i, head)
    if body:
        _body_roles(lines, kinds, body, roles)
    return roles


def _header_role(line: Line, kind: str, i: int, head: int | None) -> Role:
    if head is not None and i == head:
        return "headline"
    if is_dateline(line):
        return "dateline"
    if head is None or i < head:
        return "boilerplate"
    if kind == "caption":
        return "caption"
    if kind in ("break", "insert", "indented") or _BYLINE_RE.match(line.text) or line.words < 4:
        return "boilerplate"
    return "dek"


def _body_roles(lines: Sequence[Line], kinds: Sequence[str], body: tuple[int, int], roles: dict[int, Role]) -> None:
    start, end = body
    for i in range(start, end + 1):
        kind = kinds[i]
        roles[lines[i].number] = "caption" if kind == "caption" else "boilerplate" if kind == "insert" else "body"
    if _is_dek(lines, kinds, body):
        roles[lines[start].number] = "dek"


def _is_dek(lines: Sequence[Line], kinds: Sequence[str], body: tuple[int, int]) -> bool:
    """A first body line that stands before a "CITY:" lede, or that the body repeats later."""
    start, end = body
    first = lines[start]
    if start == end or first.words > 40 or _LEDE_RE.match(first.text):
        return False
    following = next((i for i in range(start + 1, end + 1) if kinds[i] == "prose"), None)
    if following is not None and _LEDE_RE.match(lines[following].text):
        return True
    key = normalise(first.text)
    return any(normalise(lines[i].text) == key for i in range(start + 1, end + 1))


# 6. publication date -------------------------------------------------------------------------

def _published(lines: Sequence[Line], roles: dict[int, Role]) -> str | None:
    for line in lines:
        if roles[line.number] == "dateline":
            day = page_date(line.text)
            if day:
                return day
    return None
