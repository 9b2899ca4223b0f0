"""Lines of a plain-text page and the surface features the text segmenter reads from them.

A page is split into :class:`Line` records (offsets into the unchanged text, indentation,
list marker); :func:`lexicon` holds the compiled line patterns kept as data in
``storyline/data/segment/lexicon.json``; the small predicates here (prose, list item, lexicon
match) are pure functions of one line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

LEXICON_KINDS: tuple[str, ...] = (
    "breaker",
    "insert",
    "comment_header",
    "comment_close",
    "comment_control",
    "caption",
    "dateline_prefix",
    "attribution",
    "open_end",
    "dateline_lede",
)

_MARKER_RE = re.compile(r"(?:[•·▪◦‣●○■□–—*+-]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+")
_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL_RE = re.compile(r"""[.!?:;…"'”’»)\]]\s*$""")
_TEASER_RE = re.compile(r"(\.\.\.|…)\s*$")
_SENTENCE_END_RE = re.compile(r"""[.!?…][\"'”’»)\]]*$|[\"”»]$""")
_FLOATING_SPAN = 400


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One non-blank line of the page: its offsets, indentation, list marker and content."""

    number: int
    start: int
    end: int
    indent: int
    text: str
    marker: str | None
    content: str
    words: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Patterns:
    """One lexicon kind compiled twice: its line-start patterns and its anywhere patterns."""

    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None

    def search(self, text: str) -> bool:
        if self.anchored is not None and self.anchored.match(text):
            return True
        return self.floating is not None and self.floating.search(text[:_FLOATING_SPAN]) is not None


@cache
def lexicon() -> dict[str, Patterns]:
    """The segmenter's line patterns by kind (see LEXICON_KINDS), compiled once."""
    raw = resources.files("storyline.data").joinpath("segment/lexicon.json").read_text("utf-8")
    data = json.loads(raw)
    return {kind: _compile(data[kind]) for kind in LEXICON_KINDS}


def _compile(patterns: list[str]) -> Patterns:
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    return Patterns(anchored=_alternation(anchored), floating=_alternation(floating))


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@lru_cache(maxsize=65536)
def matches(kind: str, text: str) -> bool:
    """Whether a stripped line matches any pattern of one lexicon kind."""
    return lexicon()[kind].search(text)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with exact offsets (line breaks excluded)."""
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if body.strip():
            lines.append(_make_line(number, pos, body))
        pos += len(raw)
    return lines


def _make_line(number: int, pos: int, body: str) -> Line:
    stripped = body.lstrip()
    lead = len(body) - len(stripped)
    start = pos + lead
    end = pos + len(body.rstrip())
    text = stripped.rstrip()
    indent = len(body[:lead].expandtabs(4))
    found = _MARKER_RE.match(text)
    marker = found.group(0).strip() if found and len(text) > found.end() else None
    content = text[found.end():] if marker and found else text
    return Line(number=number, start=start, end=end, indent=indent, text=text,
                marker=marker, content=content, words=len(_WORD_RE.findall(content)))


def is_numbered(line: Line) -> bool:
    """Whether the line's marker is a number or letter ("1.", "2)", "(3)", "a.")."""
    return line.marker is not None and line.marker[-1] in ".)"


def is_teaser(line: Line) -> bool:
    """A line cut short with an ellipsis, as teaser excerpts of other articles are."""
    return bool(_TEASER_RE.search(line.text))


def ends_sentence(text: str) -> bool:
    """Whether a stripped line closes a sentence (final ``.?!…``, maybe inside a closing quote)."""
    return bool(_SENTENCE_END_RE.search(text))


def is_prose(line: Line) -> bool:
    """Whether a line reads as running text (a sentence, or a hard-wrapped piece of one)."""
    if is_teaser(line) or line.words < 4:
        return False
    if line.words >= 6 and _TERMINAL_RE.search(line.text):
        return True
    if line.words >= 9 and _lowercase_share(line.content) >= 0.4:
        return True
    return line.words >= 6 and line.content[:1].islower()


def _lowercase_share(content: str) -> float:
    words = _WORD_RE.findall(content)
    if not words:
        return 0.0
    return sum(1 for w in words if w[:1].islower()) / len(words)


def normalise(text: str) -> str:
    """Lower-cased words of a text joined by single spaces (punctuation and spacing dropped)."""
    return " ".join(w.lower() for w in _WORD_RE.findall(text))

