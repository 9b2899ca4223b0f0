"""Language of a comment: a small stopword-profile detector (no model, no dependency).

What it is, stated plainly: the writing system decides first (Arabic script → ``ar``, or ``ur`` where
letters only Urdu uses appear; Cyrillic → ``ru``; Devanagari → ``hi``; Han/Kana → ``zh``/``ja``;
Hangul → ``ko``; Greek → ``el``; Hebrew → ``he``; Thai → ``th``); Latin-script text is given the
language whose function words (``data/comments/stopwords.json``: en, fr, de, es, it, pt, nl, id, tr
and romanised Urdu) cover most of its words, when at least two of them do and that language leads
the next by a margin; otherwise ``und`` (undetermined: too short or no function words, e.g.
"Bravo Kazmi!"). Its confidence is the share of the words the winning profile covers. It tells
languages apart reliably on sentences of six words or more; on shorter ones it says ``und`` rather
than guess.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass

from storyline.comments.textmodel import data_path

UNDETERMINED = "und"
MIN_HITS = 2
MARGIN = 1.5
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_URDU_LETTERS = set("ٹڈڑںےۓہھگکپچژ")
_SCRIPTS = (
    ("ARABIC", "ar"), ("CYRILLIC", "ru"), ("DEVANAGARI", "hi"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
    ("CJK", "zh"), ("HANGUL", "ko"), ("GREEK", "el"), ("HEBREW", "he"), ("THAI", "th"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Language:
    code: str
    confidence: float


@functools.cache
def _profiles() -> dict[str, frozenset[str]]:
    raw = json.loads(data_path("stopwords.json").read_text(encoding="utf-8"))
    return {code: frozenset(words) for code, words in raw.items() if not code.startswith("_")}


def _script(text: str) -> str | None:
    if text.isascii():  # Latin letters only: no script of its own
        return None
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        code = _char_script(ch) if not ch.isascii() else None
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    if not letters or not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    if n * 2 < letters:
        return None
    if code == "zh" and counts.get("ja"):
        return "ja"
    if code == "ar" and any(ch in _URDU_LETTERS for ch in text):
        return "ur"
    return code


@functools.lru_cache(maxsize=4096)
def _char_script(ch: str) -> str | None:
    """The language a letter's script names (:data:`_SCRIPTS`), or ``None``."""
    name = unicodedata.name(ch, "")
    return next((code for prefix, code in _SCRIPTS if name.startswith(prefix)), None)


def detect_language(text: str) -> Language:
    """The language of ``text`` (ISO 639-1 code, or ``und``) and the detector's confidence."""
    script = _script(text)
    if script is not None:
        return Language(code=script, confidence=1.0)
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return Language(code=UNDETERMINED, confidence=0.0)
    hits = sorted(((sum(w in profile for w in words), code) for code, profile in _profiles().items()), reverse=True)
    (best, code), (second, _) = hits[0], hits[1]
    if best < MIN_HITS or best < MARGIN * second:
        return Language(code=UNDETERMINED, confidence=round(best / len(words), 3))
    return Language(code=code, confidence=round(best / len(words), 3))
