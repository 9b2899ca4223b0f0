"""Exports: stored records as rows, written as JSON Lines, CSV or Parquet."""

from storyline.export.documents import document_rows
from storyline.export.writers import FORMATS, write_rows

__all__ = ["FORMATS", "document_rows", "write_rows"]
