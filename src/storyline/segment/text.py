"""Segmenter for plain-text pages (no markup): one role per non-blank line, comments, title, date.

A page is read as header zone → article body → trailing zone:

1. lines are split with exact offsets and given a surface kind (prose, short, list item,
   caption, inline insert, breaker, indented), patterns coming from the data lexicon;
2. the headline is the first substantive line (picture captions skipped); a page that opens
   on its "CITY, Country, Month Day" lede has no headline;
3. the body is the coherent run of prose lines with the most text: short lines, captions,
   inline adverts and list items may sit inside it when prose resumes after them, while
   breakers (boilerplate, comment markers, datelines, indented thread lines) end it;
4. lines between headline and body are datelines, captions, a dek or boilerplate; a first
   body line that stands before a "CITY:" lede, or that the body repeats, is the dek;
5. inside the body, a caption-shaped line (a short first sentence ending on a full date, with
   no source reported) is a caption; a headline-shaped line (no closing stop, 5-25 words,
   a paragraph of its own) is a teaser of another article and boilerplate; a passage the
   body repeats is boilerplate; a hard-wrapped first or last line joins the body;
6. the trailing zone holds the comment thread (see :mod:`storyline.segment.comments`);
   everything else there is boilerplate;
7. the publication date is read from the first dateline of the header zone, else from a wire-style
   lede that opens the body with its place and full date ("BANGKOK, 22 May 2014 – ...").
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Role, Segment, Segmentation
from storyline.segment.comments import find_thread
from storyline.segment.lines import Line, ends_sentence, is_prose, matches, normalise, split_lines
from storyline.segment.pubdate import DATE_RE, is_dateline, is_time_line, lede_date, page_date

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
_CAPTION_SENTENCE_WORDS = 35
_TEASER_WORDS = (5, 25)
_WRAPPED_SHARE = 0.4
_SENTENCE_BREAK_RE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_AFTER_DATE_RE = re.compile(r"\.(?:\s|$)")
_QUOTES = "'\"‘“"


def segment_text(text: str) -> Segmentation:
    """Segment a plain-text page: roles of its lines, comment threads, title, publication date."""
    lines = split_lines(text)
    if not lines:
        return Segmentation(text=text, title=None, published=None, published_source="unknown", segments=())
    head = _find_headline(lines)
    kinds = _kinds(lines, head)
    body = _best_run(lines, kinds, 0 if head is None else head + 1)
    body = _with_wrapped_edges(lines, kinds, body, head)
    roles = _roles(lines, kinds, head, body)
    if body:
        _mark_teasers(lines, body, roles)
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
                or not _HEADLINE_START_RE.match(line.text) or matches("caption", line.text):
            continue
        if matches("dateline_lede", line.text):
            return None
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
    kinds = [_kind(line, base=base, repeated=line.number in repeated, title=title) for line in lines]
    _mark_dated_captions(lines, kinds, head)
    return kinds


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
    if matches("dateline_lede", line.text) and line.words >= 5:
        return "prose"
    return "prose" if is_prose(line) else "short"


def _mark_dated_captions(lines: Sequence[Line], kinds: list[str], head: int | None) -> None:
    """Caption-shaped prose lines left without a closing stop, or standing just before a "CITY:" lede."""
    prose = [i for i in range(0 if head is None else head + 1, len(lines)) if kinds[i] == "prose"]
    for n, i in enumerate(prose[:-1]):
        if not _dated_caption(lines[i].text):
            continue
        before_lede = n == 0 and _LEDE_RE.match(lines[prose[1]].text) is not None
        if before_lede or not ends_sentence(lines[i].text):
            kinds[i] = "caption"


def _dated_caption(text: str) -> bool:
    """A picture caption's form: a short first sentence ending on a full date, reporting no source.

    "Soldiers patrol a market in Goma, on March 3, 2014." is one; news prose dates its first
    sentence by weekday ("on Tuesday") and attributes it ("..., officials said").
    """
    for found in DATE_RE.finditer(text):
        if not _AFTER_DATE_RE.match(text, found.end()):
            continue
        first = text[: found.end()]
        if _SENTENCE_BREAK_RE.search(first) or len(first.split()) > _CAPTION_SENTENCE_WORDS:
            return False
        return not matches("attribution", first)
    return False


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
    keys = [normalise(ln.text) for ln in window]
    counts = Counter(key for key, ln in zip(keys, window) if ln.words >= 5)
    repeated = [counts.get(key, 0) >= 2 for key in keys]
    return {ln.number for k, ln in enumerate(window) if repeated[k] and not _in_passage(keys, repeated, k)}


def _in_passage(keys: Sequence[str], repeated: Sequence[bool], k: int) -> bool:
    """Whether a repeated line has a repeated neighbour of other text (a duplicated passage, not a caption)."""
    return any(0 <= j < len(keys) and repeated[j] and keys[j] != keys[k] for j in (k - 1, k + 1))


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
    if _longest_short_stretch(kinds, gap) > _MAX_SHORT_GAP:
        return False
    items = [i for i in gap if kinds[i] == "list"]
    if not items:
        return True
    introduced = lines[last].text.rstrip().endswith(":")
    flush = all(lines[i].indent <= lines[last].indent for i in items)
    terse = all(lines[i].words <= _LIST_ITEM_WORDS for i in items)
    return introduced or flush or terse


def _with_wrapped_edges(lines: Sequence[Line], kinds: Sequence[str], run: tuple[int, int] | None,
                       head: int | None) -> tuple[int, int] | None:
    """Take in a hard-wrapped line cut off either end of the body (the lede's first, a cut last)."""
    if run is None:
        return None
    start, end = run
    while start - 1 > (-1 if head is None else head) and kinds[start - 1] == "short" \
            and _continues(lines[start - 1], lines[start]):
        start -= 1
    while end + 1 < len(lines) and kinds[end + 1] == "short" and _continues(lines[end], lines[end + 1]):
        end += 1
    return start, end


def _continues(line: Line, nxt: Line) -> bool:
    """Whether ``nxt`` carries on the sentence of the line right above it (a hard-wrapped paragraph)."""
    return nxt.number == line.number + 1 and not ends_sentence(line.text) and nxt.content[:1].islower()


def _longest_short_stretch(kinds: Sequence[str], gap: Sequence[int]) -> int:
    """The most short lines in a row within a gap (a list between them resets the count)."""
    best = count = 0
    for i in gap:
        count = count + 1 if kinds[i] == "short" else 0
        best = max(best, count)
    return best


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


def _mark_teasers(lines: Sequence[Line], body: tuple[int, int], roles: dict[int, Role]) -> None:
    """Headline-shaped lines and repeated passages inside the body are boilerplate."""
    inside = [i for i in range(body[0], body[1] + 1) if roles[lines[i].number] == "body"]
    wrapped = len(inside) >= 4 and sum(not ends_sentence(lines[i].text) for i in inside) >= _WRAPPED_SHARE * len(inside)
    for i in inside:
        if _is_teaser(lines, i, wrapped=wrapped):
            roles[lines[i].number] = "boilerplate"
    for i in _repeated_passage(lines, inside):
        roles[lines[i].number] = "boilerplate"


def _is_teaser(lines: Sequence[Line], i: int, *, wrapped: bool) -> bool:
    """A headline of another article: one line, 5-25 words, capitalised, no closing stop, not cut short."""
    line = lines[i]
    low, high = _TEASER_WORDS
    if not low <= line.words <= high or line.marker or ends_sentence(line.text) or line.text[-1] in ":;" \
            or matches("open_end", line.text):
        return False
    if not (line.text[:1].isupper() or line.text[:1] in _QUOTES) or i + 1 >= len(lines):
        return False
    if lines[i + 1].content[:1].islower():
        return False
    alone = lines[i].number - lines[i - 1].number > 1 and lines[i + 1].number - line.number > 1
    return alone or not wrapped


def _repeated_passage(lines: Sequence[Line], inside: Sequence[int]) -> set[int]:
    """Body lines in a second copy of a passage of two or more lines (a page pasted twice)."""
    seen: set[str] = set()
    again: list[int] = []
    for i in inside:
        key = normalise(lines[i].text)
        if key in seen and lines[i].words >= 5:
            again.append(i)
        seen.add(key)
    marked = set(again)
    return {i for i in again if (i - 1 in marked or i + 1 in marked)}


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
    first = next((line for line in lines if roles[line.number] == "body"), None)
    return lede_date(first.text) if first is not None else None
