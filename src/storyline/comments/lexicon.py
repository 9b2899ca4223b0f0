"""The comments stage's word lists (``data/comments/lexicon.json``), matched on lowercased words."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from storyline.comments.textmodel import data_path

_TOKEN = re.compile(r"[$%]|\w+(?:'\w+)?|n't")


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Lowercased word tokens with their offsets ("don't" is one token, "$" and "%" are tokens)."""
    return [Token(text=m.group().lower(), start=m.start(), end=m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    advertising: tuple[tuple[str, ...], ...]
    supportive: tuple[tuple[str, ...], ...]
    critical: tuple[tuple[str, ...], ...]
    negators: frozenset[str]
    reasoning: tuple[tuple[str, ...], ...]
    insults: tuple[tuple[str, ...], ...]
    role_abbreviations: dict[str, tuple[str, ...]]


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(t.text for t in tokens(w)) for w in words if tokens(w)}, key=lambda p: -len(p)))


@functools.cache
def lexicon() -> Lexicon:
    raw = json.loads(data_path("lexicon.json").read_text(encoding="utf-8"))
    return Lexicon(
        advertising=_phrases(raw["advertising"]),
        supportive=_phrases(raw["supportive"]),
        critical=_phrases(raw["critical"]),
        negators=frozenset(raw["negators"]),
        reasoning=_phrases(raw["reasoning"]),
        insults=_phrases(raw["insults"]),
        role_abbreviations={k: tuple(v) for k, v in raw.get("role_abbreviations", {}).items()},
    )


def phrase_spans(toks: list[Token], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Token ranges ``(i, j)`` where a phrase occurs, longest first at each position, not overlapping."""
    found: list[tuple[int, int]] = []
    i = 0
    words = [t.text for t in toks]
    while i < len(words):
        hit = next((len(p) for p in phrases if tuple(words[i : i + len(p)]) == p), 0)
        if hit:
            found.append((i, i + hit))
            i += hit
        else:
            i += 1
    return found


def phrase_hits(text: str, phrases: tuple[tuple[str, ...], ...]) -> set[tuple[str, ...]]:
    """The distinct phrases of ``phrases`` that ``text`` contains."""
    toks = tokens(text)
    return {tuple(t.text for t in toks[i:j]) for i, j in phrase_spans(toks, phrases)}
