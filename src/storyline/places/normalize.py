"""Lookup keys for place names: case-, diacritics-, punctuation- and possessive-insensitive.

``name_key("Pakistan's")``, ``name_key("PAKISTAN")`` and ``name_key("pakistan")`` are equal;
``name_key("Kyïv")`` equals ``name_key("Kyiv")``; ``name_key("U.S.")`` equals ``name_key("US")``;
a leading article is dropped (``"the Punjab"`` → ``"punjab"``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from storyline.places._data import read_json

_POSSESSIVE = re.compile(r"(?:['’`]s|(?<=s)['’`])$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# ASCII punctuation becomes a space; apostrophes and full stops vanish ("U.S." → "us").
_PUNCTUATION = {i: " " for i in range(128) if not chr(i).isalnum()} | {ord(c): None for c in "'`.’‘ʻʼ"}
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_LATIN = re.compile(r"[^\x00-\x7f\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f‘’ʻʼ]")
# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"})


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive: ``"Pakistan's"`` → ``"Pakistan"``, ``"Wales'"`` → ``"Wales"``."""
    text = text.strip()
    if "'" in text or "’" in text or "`" in text:
        return _POSSESSIVE.sub("", text)
    return text


def fold(text: str) -> str:
    """Lower-case folding: diacritics removed, special Latin letters spelled out."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return _COMBINING.sub("", decomposed).casefold()


def name_key(text: str) -> str:
    """The lookup key of a place name ("" when nothing word-like remains)."""
    cleaned = fold(strip_possessive(text)).replace("&", " and ").translate(_PUNCTUATION)
    if not cleaned.isascii():
        cleaned = _NON_WORD.sub(" ", cleaned)
    words = cleaned.split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` folds to an ASCII letter (Latin script)."""
    return text.isascii() or _NON_LATIN.search(unicodedata.normalize("NFKD", text.translate(_SPECIAL))) is None


@functools.cache
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = read_json("name_affixes.json")
    prefixes = tuple(sorted({name_key(p) for p in raw["prefixes"]}, key=len, reverse=True))
    suffixes = tuple(sorted({name_key(s) for s in raw["suffixes"]}, key=len, reverse=True))
    return prefixes, suffixes


def split_affix(key: str) -> tuple[str, str | None]:
    """``key`` without a generic division word around it, and the suffix word removed (if any).

    ``"basra governorate"`` → ``("basra", "governorate")``; ``"muhafazat kirkuk"`` → ``("kirkuk", None)``.
    Returns ``(key, None)`` when nothing is stripped or nothing would remain.
    """
    prefixes, suffixes = _affixes()
    bare, removed = key, None
    for prefix in prefixes:
        if bare.startswith(prefix + " "):
            bare = bare[len(prefix) + 1 :]
            break
    for suffix in suffixes:
        if bare.endswith(" " + suffix):
            bare, removed = bare[: -len(suffix) - 1], suffix
            break
    return (bare, removed) if bare else (key, None)


def bare_key(key: str) -> str:
    """``key`` without a generic division word around it (``"basra governorate"`` → ``"basra"``)."""
    return split_affix(key)[0]


@functools.cache
def _directions() -> tuple[str, ...]:
    return tuple(sorted(direction_words(), key=len, reverse=True))


@functools.cache
def direction_words() -> frozenset[str]:
    """The direction words a place name may open with (``name_affixes.json``), as lookup keys."""
    return frozenset(name_key(w) for w in read_json("name_affixes.json")["directions"])


def undirected_key(key: str) -> str:
    """``key`` without a leading direction word (``"northern lebanon"`` → ``"lebanon"``)."""
    for word in _directions():
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key
