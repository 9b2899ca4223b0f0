"""Ingest: turn files, directories, WARC archives and JSON Lines into :class:`~storyline.model.Page` records.

Readers yield either a ``Page`` or an ``InputError`` per item, so one bad record never stops the others.
"""

from storyline.ingest.discover import discover_pages

__all__ = ["discover_pages"]
