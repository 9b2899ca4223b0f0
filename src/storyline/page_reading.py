"""What reading one page finds, as plain records: :class:`PageReading` (no spaCy Doc, every offset
into the stored text), and :class:`ReadFailure` for a page that could not be read.

A reading is what :func:`storyline.read.read_page` returns, in this process, in a worker of a pool
or in a Spark task; :func:`storyline.store.readings.write_readings` stores it. ``to_json`` and
``from_json`` carry it across machines (``PageReading.from_json(r.to_json()) == r``); pickling works too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.actors.coref import ActorMention, PageEntity
from storyline.events.records import Event, Quote
from storyline.places.records import PlaceMention
from storyline.plain import from_plain, to_plain
from storyline.time.expression import TimeExpression


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedEntity:
    """A named entity the parser found: its span of the stored text and its label (``GPE``, ``PERSON``)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PageReading:
    """One page read: named entities, the page's actors (chains and mentions), time expressions,
    places, events and quotes. Every offset is into the stored text of version ``version``."""

    doc_id: str
    version: int
    entities: tuple[NamedEntity, ...] = ()
    actors: tuple[PageEntity, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The reading as JSON values."""
        return to_plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageReading:
        """The reading :meth:`to_json` gave."""
        return from_plain(cls, data)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadFailure:
    """A page the reader raised on: which page, and the error as one line (``OverflowError: ...``)."""

    doc_id: str
    version: int
    source: str
    error: str

    def to_json(self) -> dict[str, Any]:
        return to_plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReadFailure:
        return from_plain(cls, data)
