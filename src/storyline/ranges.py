"""Character ranges ``[a, b)`` asked whether they overlap or hold a span, in time logarithmic in
their number: a page's many mentions or time expressions checked against each other cost time
linear in the page's length, not its square."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Ranges:
    """Ranges searched by bisection over their starts: only those starting within the longest range's
    length of a span can reach it."""

    __slots__ = ("_ends", "_longest", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(ranges)
        self._starts = [a for a, _ in pairs]
        self._ends = [b for _, b in pairs]
        self._longest = max((b - a for a, b in pairs), default=0)

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range overlaps ``[start, end)`` (one starting at or before ``start - longest`` ends
        by ``start``)."""
        lo = bisect.bisect_right(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(lo, hi))

    def holds(self, start: int, end: int) -> bool:
        """Whether a range holds ``[start, end)`` (one starting before ``end - longest`` ends before ``end``)."""
        lo = bisect.bisect_left(self._starts, end - self._longest)
        hi = bisect.bisect_right(self._starts, start)
        return any(self._ends[k] >= end for k in range(lo, hi))
