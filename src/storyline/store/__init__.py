"""The embedded DuckDB store: the only state shared between the pipeline stages."""

from storyline.store.database import DEFAULT_DB, AddResult, DocumentSummary, Store

__all__ = ["DEFAULT_DB", "AddResult", "DocumentSummary", "Store"]
