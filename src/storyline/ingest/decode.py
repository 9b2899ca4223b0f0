"""Bytes to text: encoding detection and mojibake repair.

UTF-8 (with or without a byte-order mark) is tried first; otherwise charset-normalizer guesses the
encoding. ftfy then repairs mojibake (UTF-8 read as Latin-1 and the like) and nothing else: text
that decodes cleanly is returned unchanged, character for character.
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
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        log.info("%s: repaired mojibake", source)
    return Decoded(text=fixed, encoding=encoding, repaired=fixed != text)


def _decode(data: bytes, *, declared: str | None, source: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", declared):
        if not encoding:
            continue
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(Errors.E103, source=source)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_SHARE
