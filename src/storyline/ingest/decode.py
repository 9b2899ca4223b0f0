"""Bytes to text: encoding detection and mojibake repair.

UTF-8 (with or without a byte-order mark) is tried first; otherwise charset-normalizer guesses the
encoding. ftfy then repairs mojibake (UTF-8 read as Latin-1 and the like) and nothing else: text
that decodes cleanly is returned unchanged, character for character. Only a repair that re-decodes
text as UTF-8 is real mojibake; ftfy's other guesses (a C1 control such as U+0085 read as the
Windows-1252 "…") are refused, so stored text is exactly what was decoded.

Bytes that are not UTF-8 and in which no encoding charset-normalizer knows finds a language (17
random bytes decode "cleanly" as Shift-JIS) are binary data (E103), not a page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import charset_normalizer
import ftfy

from storyline.errors import Errors, InputError

log = logging.getLogger(__name__)

# Share of control characters (other than whitespace) above which a text is taken for binary data.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# A guessed (not UTF-8, not declared) encoding must find at least this much of a language in the text.
_MIN_COHERENCE = 0.05


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> Decoded:
    """Decode a page's bytes; raise :class:`InputError` naming ``source`` when they are not text."""
    if b"\x00" in data[:4096]:
        raise InputError(Errors.E103, source=source)
    text, encoding = _decode(data, declared=declared, source=source)
    if _looks_binary(text):
        raise InputError(Errors.E103, source=source)
    fixed = repair_mojibake(text)
    if fixed != text:
        log.info("%s: repaired mojibake", source)
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text)


def repair_mojibake(text: str) -> str:
    """ftfy's repair when it re-decodes the text as UTF-8 (``Pakâ€™s`` → ``Pak’s``), else ``text``."""
    fixed, steps = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not any(op == "decode" and name.startswith("utf-8") for op, name in steps or ()):
        return text
    return fixed


def _decode(data: bytes, *, declared: str | None, source: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", declared):
        if not encoding:
            continue
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.coherence < _MIN_COHERENCE:
        raise InputError(Errors.E103, source=source)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_SHARE
