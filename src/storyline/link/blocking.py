"""Blocking for story-event linking: which stored events are worth comparing at all.

Two events can only be one real-world event when their types share a family (SANCTION and COERCE
do, CONSULT and ASSAULT do not), their sides share a country or organisation code, and their
dates (or, for undated events, the publication dates of their pages) fall near each other. Each
event is filed under blocks ``family|code|code`` (one per pair of its actor and recipient codes,
unordered so that symmetric events whose sides are swapped meet) and under time buckets of
``BUCKET_DAYS`` days; two events are candidates when they share a block and their buckets are at
most ``REACH`` apart. An event with no date and no publication date has no bucket and meets every
event of its blocks. Comparing only candidates keeps the cost roughly linear in the corpus.

The type families and word lists live in ``data/link/linking.json``.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from storyline.actors.alliances import alliances

log = logging.getLogger(__name__)

WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "link" / "linking.json"
BUCKET_DAYS = 16
REACH = 1  # buckets either side: covers dates up to BUCKET_DAYS apart (the linker allows at most 10)
UNDATED_WINDOW_DAYS = 120  # an undated event is filed over the months before its page's reference date


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkingWords:
    """The data the linker reads: type families, symmetric types and word lists."""

    family_of: dict[str, str]
    symmetric_types: frozenset[str]
    placed_types: frozenset[str]
    stop_words: frozenset[str]
    number_words: dict[str, int]
    number_qualifiers: frozenset[str]
    counted_nouns: dict[str, str]
    number_window: int
    month_names: frozenset[str]


def parse_linking_words(data: dict[str, Any]) -> LinkingWords:
    """The JSON object as :class:`LinkingWords`; ``ValueError`` when a part is missing or malformed."""
    try:
        family_of = {str(t).upper(): str(name) for name, types in data["families"].items() for t in types}
        words = LinkingWords(
            family_of=family_of,
            symmetric_types=frozenset(str(t).upper() for t in data["symmetric_types"]),
            placed_types=frozenset(str(t).upper() for t in data["placed_types"]),
            stop_words=frozenset(str(w).lower() for w in data["stop_words"]),
            number_words={str(k).lower(): int(v) for k, v in data["number_words"].items()},
            number_qualifiers=frozenset(str(w).lower() for w in data["number_qualifiers"]),
            counted_nouns={str(k).lower(): str(v) for k, v in data["counted_nouns"].items()},
            number_window=int(data["number_window"]),
            month_names=frozenset(str(w).lower() for w in data["month_names"]),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise ValueError(f"bad linking word lists: {e}") from e
    unknown = words.symmetric_types - set(family_of)
    if unknown:
        raise ValueError(f"symmetric types without a family: {sorted(unknown)}")
    return words


@cache
def linking_words() -> LinkingWords:
    """The shipped linking data, read once."""
    try:
        data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read {WORDS_PATH}: {e}") from e
    return parse_linking_words(data)


def type_family(type_: str) -> str:
    """The family of a PLOVER type (the type itself, lower-cased, when no family lists it)."""
    return linking_words().family_of.get(type_.upper(), type_.lower())


def day_range(value: str | None) -> tuple[int, int] | None:
    """The first and last day (proleptic ordinals) an ISO date, month or year covers; ``None`` if unparsable."""
    if not value:
        return None
    parts = value.strip()[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) >= 3:
            day = date(numbers[0], numbers[1], numbers[2]).toordinal()
            return day, day
        if len(numbers) == 2:
            first = date(numbers[0], numbers[1], 1)
            after = date(numbers[0] + numbers[1] // 12, numbers[1] % 12 + 1, 1)
            return first.toordinal(), after.toordinal() - 1
        return date(numbers[0], 1, 1).toordinal(), date(numbers[0], 12, 31).toordinal()
    except (ValueError, IndexError):
        log.debug("not an ISO date: %r", value)
        return None


def anchor_range(dates: tuple[int, int] | None, published: str | None) -> tuple[int, int] | None:
    """The days an event is filed under: its own dates, else the weeks before its page's publication."""
    if dates is not None:
        return dates
    day = day_range(published)
    if day is None:
        return None
    return day[1] - UNDATED_WINDOW_DAYS, day[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockKey:
    """One block an event is filed under: ``family|code|code`` and a time bucket (``None``: any time)."""

    block: str
    bucket: int | None


def block_names(family: str, actor_codes: Iterable[str], recipient_codes: Iterable[str]) -> list[str]:
    """``family|a|b`` for every unordered pair of an actor code and a recipient code (``-`` for none)."""
    actors = sorted(_with_alliances(actor_codes)) or ["-"]
    recipients = sorted(_with_alliances(recipient_codes)) or ["-"]
    names = {"|".join((family, *sorted((a, r)))) for a in actors for r in recipients}
    return sorted(names)


def _with_alliances(codes: Iterable[str]) -> set[str]:
    """The codes and the alliances their states belong to (a US event is filed where NATO events are)."""
    member_of = alliances().member_of
    found = set(codes)
    return found | {a for code in found for a in member_of.get(code, ())}


def buckets(anchor: tuple[int, int] | None) -> list[int | None]:
    """The time buckets an anchor range covers (``[None]`` when it is unknown)."""
    if anchor is None:
        return [None]
    return list(range(anchor[0] // BUCKET_DAYS, anchor[1] // BUCKET_DAYS + 1))


def block_keys(family: str, actor_codes: Iterable[str], recipient_codes: Iterable[str],
               anchor: tuple[int, int] | None) -> list[BlockKey]:
    """Every (block, bucket) an event is filed under."""
    return [BlockKey(block=name, bucket=b) for name in block_names(family, actor_codes, recipient_codes)
            for b in buckets(anchor)]


def near(a: int | None, b: int | None) -> bool:
    """Whether two buckets are close enough to compare their events (an unknown bucket is near all)."""
    return a is None or b is None or abs(a - b) <= REACH


class BlockIndex:
    """An in-memory index of filed items (any hashable id) by block and bucket.

    ``evict_before(bucket)`` drops items filed only under older buckets, so a pass over events in
    date order keeps a bounded window in memory.
    """

    def __init__(self) -> None:
        self._dated: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self._undated: dict[str, list[Any]] = defaultdict(list)

    def add(self, item: Any, keys: Iterable[BlockKey]) -> None:
        for key in keys:
            if key.bucket is None:
                self._undated[key.block].append(item)
            else:
                self._dated[key.block][key.bucket].append(item)

    def candidates(self, keys: Iterable[BlockKey]) -> set[Any]:
        """Items sharing a block with ``keys`` at a near bucket."""
        found: set[Any] = set()
        for key in keys:
            found.update(self._undated.get(key.block, ()))
            by_bucket = self._dated.get(key.block)
            if not by_bucket:
                continue
            found.update(item for _, items in self._near(by_bucket, key.bucket) for item in items)
        return found

    @staticmethod
    def _near(by_bucket: dict[int, list[Any]], bucket: int | None) -> Iterator[tuple[int, list[Any]]]:
        if bucket is None:
            yield from by_bucket.items()
            return
        for b in range(bucket - REACH, bucket + REACH + 1):
            if b in by_bucket:
                yield b, by_bucket[b]

    def evict_before(self, bucket: int) -> None:
        """Forget dated items filed under buckets older than ``bucket``."""
        for name in list(self._dated):
            by_bucket = self._dated[name]
            for b in [b for b in by_bucket if b < bucket]:
                del by_bucket[b]
            if not by_bucket:
                del self._dated[name]
