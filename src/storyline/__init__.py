"""Storyline: news pages in, a sourced, deduplicated timeline of political events out."""

__version__ = "0.1.0"
