"""Regular-expression fragments of the English time grammar, built once from the lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.time.lexicon import lexicon

START = r"(?<![\w$£€#'’])"
END = r"(?![\w])"
ORD_SUFFIX = r"(?:st|nd|rd|th)?"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation, longest words first, spaces matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fragments:
    """Reusable sub-patterns (no named groups; rules add their own)."""

    month: str
    month_full: str
    weekday: str
    number: str
    vague: str
    unit: str
    unit_adjective: str
    approximator: str
    part_of_day: str
    season: str
    ordinal: str
    modifier: str
    fuzzy: str
    sets: str
    timezone: str


def _number_pattern(numbers: dict[str, int]) -> str:
    """Digits, 'two', 'a dozen', or a compound like 'twenty-five' (tens then units)."""
    word = alternation(w for w in numbers if " " not in w)
    multi = alternation(w for w in numbers if " " in w)
    tens = alternation(w for w, v in numbers.items() if v in range(20, 100, 10))
    units = alternation(w for w, v in numbers.items() if 1 <= v <= 9 and w not in ("a", "an"))
    return rf"(?:\d+(?:\.\d+)?|{multi}|{tens}[\s-]+{units}|{word})"


@cache
def fragments() -> Fragments:
    lex = lexicon()
    full_months = [m for m in lex.months if len(m) > 4 or m in ("May", "June", "July")]
    return Fragments(
        month=alternation(lex.months) + r"\.?",
        month_full=alternation(full_months),
        weekday=alternation(lex.weekdays),
        number=_number_pattern(lex.numbers),
        vague=alternation(lex.vague_numbers),
        unit=alternation(lex.units),
        unit_adjective=alternation(lex.unit_adjectives),
        approximator=alternation(lex.approximators),
        part_of_day=alternation(lex.parts_of_day),
        season=alternation(lex.seasons),
        ordinal=alternation(lex.ordinals),
        modifier=alternation(lex.modifiers),
        fuzzy=alternation(lex.fuzzy),
        sets=alternation(lex.sets),
        timezone=alternation(lex.timezones),
    )


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a rule's pattern; whitespace in it never crosses a line break (a paragraph ends there)."""
    one_line = pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    return re.compile(one_line)
