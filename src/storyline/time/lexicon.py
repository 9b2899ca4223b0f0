"""The English time vocabulary (month and weekday names, number words, units, cues), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "time" / "lexicon.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Word lists of the time grammar; keys that are words map to their meaning."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    units: dict[str, str]
    unit_adjectives: tuple[str, ...]
    approximators: tuple[str, ...]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    ordinals: dict[str, int]
    modifiers: tuple[str, ...]
    fuzzy: dict[str, str]
    sets: dict[str, str]
    timezones: dict[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    future_lemmas: frozenset[str]
    future_verbs: frozenset[str]
    modals: frozenset[str]
    named_day_prefixes: frozenset[str]


def _read_json() -> dict[str, Any]:
    path = _LEXICON_PATH
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read the time lexicon at {path}: {e}") from e


@cache
def lexicon() -> Lexicon:
    """The time lexicon shipped with the package (read once per process)."""
    raw = _read_json()
    return Lexicon(
        months=dict(raw["months"]),
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays=dict(raw["weekdays"]),
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        vague_numbers=tuple(raw["vague_numbers"]),
        units=dict(raw["units"]),
        unit_adjectives=tuple(raw["unit_adjectives"]),
        approximators=tuple(raw["approximators"]),
        parts_of_day=dict(raw["parts_of_day"]),
        seasons=dict(raw["seasons"]),
        ordinals=dict(raw["ordinals"]),
        modifiers=tuple(raw["modifiers"]),
        fuzzy={k.lower(): v for k, v in raw["fuzzy"].items()},
        sets={k.lower(): v for k, v in raw["sets"].items()},
        timezones=dict(raw["timezones"]),
        future_cues=tuple(raw["future_cues"]),
        past_cues=tuple(raw["past_cues"]),
        future_lemmas=frozenset(raw["future_lemmas"]),
        future_verbs=frozenset(raw["future_verbs"]),
        modals=frozenset(raw["modals_future"]),
        named_day_prefixes=frozenset(raw["named_day_prefixes"]),
    )
