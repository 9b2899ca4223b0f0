"""Alliances and their member states (``data/actors/alliances.json``): who stands on whose side.

An alliance's code and a member state's code may name one side of an event (a NATO strike reported
as a US strike): the linker gives such sides partial credit, and an event's other side is never the
actor's own alliance or one of its members.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ALLIANCES_PATH = Path(__file__).resolve().parents[1] / "data" / "actors" / "alliances.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Alliances:
    """``allies``: each alliance → its members and each member → its alliances; ``member_of``: each
    member state → the alliances it belongs to."""

    allies: Mapping[str, frozenset[str]]
    member_of: Mapping[str, frozenset[str]]

    def allied(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> bool:
        """Whether an alliance on one side has a member on the other (NATO and one of its states)."""
        other = frozenset(codes_b)
        return any(self.allies.get(code, frozenset()) & other for code in codes_a)

    def sides_of(self, codes: Iterable[str]) -> frozenset[str]:
        """``codes`` with their alliances and, for an alliance, its members."""
        found = frozenset(codes)
        return found.union(*(self.allies.get(code, frozenset()) for code in found))


def parse_alliances(raw: Mapping[str, Iterable[str]]) -> Alliances:
    """Alliances from ``{alliance code: [member codes]}``."""
    allies: dict[str, set[str]] = defaultdict(set)
    member_of: dict[str, set[str]] = defaultdict(set)
    for alliance, members in raw.items():
        for member in members:
            allies[str(alliance)].add(str(member))
            allies[str(member)].add(str(alliance))
            member_of[str(member)].add(str(alliance))
    return Alliances(allies={k: frozenset(v) for k, v in allies.items()},
                     member_of={k: frozenset(v) for k, v in member_of.items()})


@cache
def alliances() -> Alliances:
    """The shipped alliances, read once."""
    try:
        return parse_alliances(json.loads(ALLIANCES_PATH.read_text(encoding="utf-8"))["alliances"])
    except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
        raise ValueError(f"cannot read {ALLIANCES_PATH}: {e}") from e
