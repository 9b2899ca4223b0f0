"""What the parser reads of a Title Case headline: the same text in sentence case.

English headlines are often written in Title Case ("Poland Expels Dozens of Russian Diplomats"). A
statistical parser trained on running text reads every capitalised word there as a proper noun, so the
verb ("Expels") and the event noun ("Concessions") are lost and no event of the headline is found.
Before parsing, a Title Case headline or dek is put in sentence case: its first word stays as written,
and every other capitalised word is lowered unless it is a name — a word the article's other parts
write capitalised inside a sentence, or a country, demonym or capital the knowledge base knows.
Acronyms and words with inner capitals ("McCain", "NATO") are left alone.

Only the case of single letters changes, so the parsed text has exactly the length and offsets of
the article text; spans still map back to the stored text, which is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from storyline.model import Role

TITLE_ROLES: frozenset[Role] = frozenset({"headline", "dek"})
MIN_WORDS = 3
MIN_TITLE_SHARE = 0.75
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
_LONG = 4  # short words ("of", "to", "in", "and") are lower case in Title Case too


def is_title_case(text: str) -> bool:
    """Whether ``text`` capitalises (nearly) every long word: at least ``MIN_WORDS`` words of four or
    more letters, ``MIN_TITLE_SHARE`` of them capitalised, acronyms left out."""
    long_words = [w for w in _WORD_RE.findall(text) if len(w) >= _LONG and not w.isupper()]
    if len(long_words) < MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in long_words) >= MIN_TITLE_SHARE * len(long_words)


def sentence_names(texts: Iterable[str]) -> frozenset[str]:
    """Words written capitalised inside a sentence of ``texts`` (not first in it): the page's names."""
    names: set[str] = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = _WORD_RE.findall(sentence)
            names.update(w for w in words[1:] if w[0].isupper())
    return frozenset(names)


def sentence_case(text: str, *, is_name: Callable[[str], bool]) -> str:
    """``text`` with every capitalised word but the first lowered, unless ``is_name`` says it is a name;
    the result has the length of ``text`` (a letter whose lower case is longer is left as it is)."""
    chars = list(text)
    for k, match in enumerate(_WORD_RE.finditer(text)):
        word = match.group()
        acronym_or_inner_caps = len(word) > 1 and not word[1:].islower()
        if k == 0 or not word[0].isupper() or acronym_or_inner_caps or is_name(word):
            continue
        lowered = word[0].lower()
        if len(lowered) == 1:
            chars[match.start()] = lowered
    return "".join(chars)
