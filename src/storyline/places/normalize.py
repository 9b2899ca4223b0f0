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
_APOSTROPHES = re.compile(r"['’`ʻʼ.]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_LEADING_ARTICLE = re.compile(r"^the ")
# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"})


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive: ``"Pakistan's"`` → ``"Pakistan"``, ``"Wales'"`` → ``"Wales"``."""
    return _POSSESSIVE.sub("", text.strip())


def fold(text: str) -> str:
    """Lower-case ASCII folding: diacritics removed, special Latin letters spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_key(text: str) -> str:
    """The lookup key of a place name ("" when nothing word-like remains)."""
    folded = fold(strip_possessive(text)).replace("&", " and ")
    spaced = _NON_WORD.sub(" ", _APOSTROPHES.sub("", folded)).strip()
    return _LEADING_ARTICLE.sub("", spaced)


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` folds to an ASCII letter (Latin script)."""
    return fold(text).isascii()


@functools.cache
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = read_json("name_affixes.json")
    prefixes = tuple(sorted({name_key(p) for p in raw["prefixes"]}, key=len, reverse=True))
    suffixes = tuple(sorted({name_key(s) for s in raw["suffixes"]}, key=len, reverse=True))
    return prefixes, suffixes


def bare_key(key: str) -> str:
    """``key`` without a generic division word around it (``"basra governorate"`` → ``"basra"``).

    Returns ``key`` unchanged when nothing is stripped or nothing would remain.
    """
    prefixes, suffixes = _affixes()
    bare = key
    for prefix in prefixes:
        if bare.startswith(prefix + " "):
            bare = bare[len(prefix) + 1 :]
            break
    for suffix in suffixes:
        if bare.endswith(" " + suffix):
            bare = bare[: -len(suffix) - 1]
            break
    return bare or key


@functools.cache
def _directions() -> tuple[str, ...]:
    words = {name_key(w) for w in read_json("name_affixes.json")["directions"]}
    return tuple(sorted(words, key=len, reverse=True))


def undirected_key(key: str) -> str:
    """``key`` without a leading direction word (``"northern lebanon"`` → ``"lebanon"``)."""
    for word in _directions():
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key
