"""Reading the data files shipped in ``storyline/data/places`` (each parsed once)."""

from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of one data file of ``storyline/data/places``."""
    return resources.files("storyline").joinpath("data", "places", name).read_text(encoding="utf-8")


@functools.cache
def read_json(name: str) -> dict[str, Any]:
    """A JSON object data file, parsed once."""
    value = json.loads(read_text(name))
    if not isinstance(value, dict):
        raise ValueError(f"{name}: expected a JSON object, got {type(value).__name__}")
    return value


@functools.cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated data file with a header row, parsed once into row dicts."""
    rows = csv.DictReader(read_text(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(dict(row) for row in rows)
