"""PLOVER contexts of an event (military, diplomatic, economic, terrorism, ...).

A context applies when one of the event's sides has a listed sector (a MIL actor → military) or
when the event's sentence uses one of the context's words. The cues are data
(``data/events/context_cues.json``), written for Storyline.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from storyline.events.records import Event

_DATA = Path(__file__).resolve().parent.parent / "data" / "events" / "context_cues.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class ContextCue:
    context: str
    sectors: frozenset[str]
    words: re.Pattern[str] | None


@functools.cache
def context_cues() -> tuple[ContextCue, ...]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(
        ContextCue(context=name, sectors=frozenset(spec["sectors"]), words=_pattern(spec["words"]))
        for name, spec in raw.items() if not name.startswith("_")
    )


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def event_contexts(event: Event) -> tuple[str, ...]:
    """The PLOVER contexts of ``event``, in the codebook's order."""
    sectors = {p.sector for p in (*event.actors, *event.recipients) if p.sector}
    text = event.evidence.text
    return tuple(
        cue.context for cue in context_cues()
        if cue.sectors & sectors or (cue.words is not None and cue.words.search(text))
    )
