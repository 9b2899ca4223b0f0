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
    return list(_tokens(text))


@functools.lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    """Every step of the comments stage tokenizes the same comment: tokenized once (tokens are frozen)."""
    return tuple(Token(text=m.group().lower(), start=m.start(), end=m.end()) for m in _TOKEN.finditer(text))


class Phrases:
    """Word sequences indexed by their first word, longest first."""

    __slots__ = ("by_first",)

    def __init__(self, phrases: list[tuple[str, ...]]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
            by_first.setdefault(phrase[0], []).append(phrase)
        self.by_first = by_first

    def longest_at(self, words: list[str], i: int) -> int:
        """Length of the longest phrase starting at ``words[i]``, 0 if none."""
        for phrase in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    advertising: Phrases
    supportive: Phrases
    critical: Phrases
    negators: frozenset[str]
    reasoning: Phrases
    insults: Phrases
    role_abbreviations: dict[str, tuple[str, ...]]
    directed: frozenset[tuple[str, ...]] = frozenset()
    irony_openers: Phrases = Phrases([])


def _phrases(words: list[str]) -> Phrases:
    return Phrases([tuple(t.text for t in tokens(w)) for w in words if tokens(w)])


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
        directed=frozenset(tuple(t.text for t in tokens(w)) for w in raw.get("directed", ()) if tokens(w)),
        irony_openers=_phrases(raw.get("irony_openers", [])),
    )


def phrase_spans(toks: list[Token], phrases: Phrases) -> list[tuple[int, int]]:
    """Token ranges ``(i, j)`` where a phrase occurs, longest first at each position, not overlapping."""
    found: list[tuple[int, int]] = []
    i = 0
    words = [t.text for t in toks]
    while i < len(words):
        hit = phrases.longest_at(words, i)
        if hit:
            found.append((i, i + hit))
            i += hit
        else:
            i += 1
    return found


def phrase_hits(text: str, phrases: Phrases) -> set[tuple[str, ...]]:
    """The distinct phrases of ``phrases`` that ``text`` contains."""
    toks = tokens(text)
    return {tuple(t.text for t in toks[i:j]) for i, j in phrase_spans(toks, phrases)}
