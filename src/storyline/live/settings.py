"""The defaults of live sources (kept apart from the client so the command line reads them without
loading it): how politely servers are asked, and how often and how much a watch fetches."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = "storyline/0.1 (news timeline builder; obeys robots.txt)"
DEFAULT_EVERY = "15m"
DEFAULT_MAX_PAGES = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class Politeness:
    """How the client treats the servers it asks (the defaults are the README's)."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host (robots.txt Crawl-delay may lengthen it)
    max_crawl_delay: float = 60.0  # a longer Crawl-delay is taken as this
    timeout: float = 20.0  # seconds to connect, and between two reads of a response
    deadline: float = 60.0  # seconds for a whole response
    retries: int = 2  # more tries after a transient failure
    backoff: float = 2.0  # seconds before the first retry, doubling after each
    max_backoff: float = 60.0  # the longest wait before a retry (a longer Retry-After is cut to it)
    max_bytes: int = 10 * 1024 * 1024  # the largest response body, after decompression
    max_redirects: int = 5
