"""Web addresses: which strings are URLs, and the one form a URL is fetched and remembered under."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx
from courlan import normalize_url

from storyline.errors import Errors, InputError, brief

WEB_SCHEMES = ("http", "https")
def canonical_url(url: str) -> str:
    """``url`` as it is fetched and remembered: an http(s) URL with a host, normalised by courlan
    (scheme and host in lower case, default port dropped, query parameters sorted, tracking
    parameters such as ``utm_source`` removed), without its fragment.

    Raises :class:`InputError` (E121) naming ``url`` for anything else (another scheme, no host,
    spaces or control characters, a port out of range).
    """
    text = url.strip()
    problem = _problem(text)
    if problem is not None:
        raise InputError(Errors.E121.format(detail=problem), source=url)
    try:
        normal = normalize_url(text)
    except ValueError as e:
        raise InputError(Errors.E121.format(detail=brief(e, 80)), source=url) from e
    return urlunsplit(urlsplit(normal)._replace(fragment=""))


def _problem(text: str) -> str | None:
    if not text:
        return "empty"
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        return "it holds spaces or control characters"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError as e:
        return brief(e, 80)
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
    if not parts.hostname:
        return "no host"
    try:
        parts.hostname.encode("idna")  # DNS rules: no empty label, none over 63 characters
        httpx.URL(text)  # and what the HTTP client accepts
    except (UnicodeError, httpx.InvalidURL) as e:
        return f"bad host name ({brief(e, 80)})"
    return None


def host_of(url: str) -> str:
    """The host and port a URL is fetched from (the unit of politeness)."""
    return urlsplit(url).netloc.lower()
