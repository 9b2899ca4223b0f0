"""Live sources: pages fetched from the web (``storyline fetch``) and feeds watched
(``storyline watch``), politely, into the same store as ingested files."""

from storyline.live.feeds import FeedItem, ParsedFeed, parse_feed
from storyline.live.fetch import FetchReport, fetch_pages
from storyline.live.http import FetchError, Politeness, PoliteClient
from storyline.live.urls import canonical_url
from storyline.live.watch import CycleReport, parse_every, run_cycle, watch

__all__ = [
    "CycleReport",
    "FeedItem",
    "FetchError",
    "FetchReport",
    "ParsedFeed",
    "Politeness",
    "PoliteClient",
    "canonical_url",
    "fetch_pages",
    "parse_every",
    "parse_feed",
    "run_cycle",
    "watch",
]
